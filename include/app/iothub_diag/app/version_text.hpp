#pragma once

#include <string>

namespace iothub_diag {

// What `iothub-diag --version` prints: the version, the commit it was built
// from and the versions of the libraries it uses (those it is running with,
// where the library can tell).
std::string version_text();

}  // namespace iothub_diag
