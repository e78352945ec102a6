#pragma once

// The input files every reader must read: the tests' own data and the real
// records of ../shared/conformance (beside the checkout, as CI lays it out).

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace iothub_diag::testing {

// Every regular file under test/data and ../shared/conformance whose extension
// is one of `extensions` (any file when none is given), sorted.
inline std::vector<std::filesystem::path> input_files(
    std::initializer_list<std::string_view> extensions = {}) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  const fs::path shared = fs::path(IOTHUB_DIAG_SOURCE_DIR) / ".." / "shared" / "conformance";
  for (const fs::path& root : {fs::path(IOTHUB_DIAG_TEST_DATA), shared}) {
    if (!fs::is_directory(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const std::string extension = entry.path().extension().string();
      if (entry.is_regular_file() &&
          (extensions.size() == 0 ||
           std::find(extensions.begin(), extensions.end(), extension) != extensions.end()))
        files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// A file's bytes.
inline std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace iothub_diag::testing
