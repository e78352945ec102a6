// Every input a fuzz run found a problem with is kept in
// test/data/fuzz-regressions as `<reader>-<what>` (reader: auto, jsonl, json,
// csv) and replayed here exactly as the fuzz target read it.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../../fuzz/fuzz_input.hpp"
#include <catch2/catch.hpp>

namespace iothub_diag {

TEST_CASE("every kept fuzz finding is read without a crash", "[input][fuzz]") {
  namespace fs = std::filesystem;
  std::size_t replayed = 0;
  for (const auto& entry :
       fs::directory_iterator(std::string(IOTHUB_DIAG_TEST_DATA) + "/fuzz-regressions")) {
    const std::string name = entry.path().filename().string();
    const std::size_t dash = name.find('-');
    if (!entry.is_regular_file() || dash == std::string::npos) continue;
    INFO(name);
    std::ifstream file(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << file.rdbuf();
    fuzz::read_fuzz_input(name.substr(0, dash), bytes.str());
    ++replayed;
  }
  CHECK(replayed > 0);
}

}  // namespace iothub_diag
