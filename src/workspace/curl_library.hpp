#pragma once

// libcurl, loaded by the first request instead of when the program starts (private to
// src/workspace). It brings about thirty libraries of its own (TLS, Kerberos, LDAP, SSH)
// whose loading and relocation took about 10 ms of every start, twice when the program
// restarts itself for huge pages, for a library only a workspace pull uses.

#include <string>

#include <curl/curl.h>

namespace iothub_diag::workspace {

// The functions the transport and `--version` call, one row each: `X(name)` stands for
// libcurl's `curl_<name>`, kept as the member `name` and looked up by load().
#define IOTHUB_DIAG_CURL_FUNCTIONS(X) \
  X(global_init)                      \
  X(easy_init)                        \
  X(easy_reset)                       \
  X(easy_setopt)                      \
  X(easy_perform)                     \
  X(easy_getinfo)                     \
  X(easy_strerror)                    \
  X(easy_cleanup)                     \
  X(slist_append)                     \
  X(slist_free_all)                   \
  X(getdate)                          \
  X(version_info)

// libcurl's functions, as it exports them.
struct CurlLibrary {
// A declarator cannot be parenthesised.
#define IOTHUB_DIAG_CURL_MEMBER(name) \
  decltype(&curl_##name) name = nullptr;  // NOLINT(bugprone-macro-parentheses)
  IOTHUB_DIAG_CURL_FUNCTIONS(IOTHUB_DIAG_CURL_MEMBER)
#undef IOTHUB_DIAG_CURL_MEMBER
  // Why libcurl could not be used (not installed, a function missing); empty when it can.
  std::string problem;
};

// Loads libcurl on the first call, from any thread, and initialises it once; every call
// returns the same object. It stays loaded until the program ends. The library is
// libcurl.so.4, else libcurl-gnutls.so.4, or only the one IOTHUB_DIAG_LIBCURL names.
const CurlLibrary& curl_library();

}  // namespace iothub_diag::workspace
