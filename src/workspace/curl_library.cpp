#include "curl_library.hpp"

#include <array>
#include <cstdlib>
#include <vector>

#include <dlfcn.h>

namespace iothub_diag::workspace {
namespace {

// The names libcurl has had since 7.16 (2006): Debian's OpenSSL build, then its GnuTLS one.
// Both have the same interface.
constexpr std::array<const char*, 2> kSonames = {"libcurl.so.4", "libcurl-gnutls.so.4"};

// Finds one function; the first one missing is the problem.
template <class Function>
void resolve(void* library, const char* name, Function& out, std::string& problem) {
  out = reinterpret_cast<Function>(::dlsym(library, name));
  if (out == nullptr && problem.empty())
    problem = std::string("libcurl has no ") + name + " (libcurl 7.74 or later is needed)";
}

CurlLibrary load() {
  CurlLibrary curl;
  void* library = nullptr;
  std::string first_error;
  // IOTHUB_DIAG_LIBCURL names another one (a file name or a path), and then only that one.
  std::vector<const char*> names(kSonames.begin(), kSonames.end());
  if (const char* chosen = std::getenv("IOTHUB_DIAG_LIBCURL"); chosen != nullptr && *chosen != '\0')
    names.assign(1, chosen);
  for (const char* soname : names) {
    library = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library != nullptr) break;
    if (first_error.empty()) {
      const char* error = ::dlerror();
      first_error = error != nullptr ? error : soname;
    }
  }
  if (library == nullptr) {
    curl.problem = "libcurl could not be loaded (" + first_error +
                   "); on Debian it comes with the libcurl4 package";
    return curl;
  }
  std::string& problem = curl.problem;
#define IOTHUB_DIAG_CURL_RESOLVE(name) resolve(library, "curl_" #name, curl.name, problem);
  IOTHUB_DIAG_CURL_FUNCTIONS(IOTHUB_DIAG_CURL_RESOLVE)
#undef IOTHUB_DIAG_CURL_RESOLVE
  if (!problem.empty()) return curl;
  if (curl.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
    curl.problem = "libcurl could not be initialised";
  return curl;
}

}  // namespace

const CurlLibrary& curl_library() {
  // A function-local static: loaded once, whichever thread asks first.
  static const CurlLibrary library = load();
  return library;
}

}  // namespace iothub_diag::workspace
