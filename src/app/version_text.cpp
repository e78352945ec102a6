#include "build_commit.hpp"
#include <CLI/Version.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <simdjson.h>
#include <zlib.h>

#include <iothub_diag/app/version_text.hpp>
#include <iothub_diag/workspace/http_transport.hpp>

// simdjson's version is a bare token (3.0.1), not a string.
#define IOTHUB_DIAG_STRINGIFY_VALUE(x) #x
#define IOTHUB_DIAG_STRINGIFY(x) IOTHUB_DIAG_STRINGIFY_VALUE(x)

namespace iothub_diag {

std::string version_text() {
  return fmt::format(
      "iothub-diag {}\ncommit {}\nsimdjson {}, zlib {}, fmt {}.{}.{}, libcurl {}, nlohmann_json "
      "{}.{}.{}, CLI11 {}",
      IOTHUB_DIAG_VERSION, IOTHUB_DIAG_COMMIT, IOTHUB_DIAG_STRINGIFY(SIMDJSON_VERSION),
      zlibVersion(), FMT_VERSION / 10000, FMT_VERSION / 100 % 100, FMT_VERSION % 100,
      workspace::transport_library_version(), NLOHMANN_JSON_VERSION_MAJOR,
      NLOHMANN_JSON_VERSION_MINOR, NLOHMANN_JSON_VERSION_PATCH, CLI11_VERSION);
}

}  // namespace iothub_diag
