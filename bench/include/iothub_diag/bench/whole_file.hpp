#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

namespace iothub_diag {

// A benchmark's input, whole, in memory; `program` names the benchmark in the
// message when the file cannot be read, and the process then exits with 2.
inline std::string read_whole_file(const char* path, const char* program) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", program, path);
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace iothub_diag
