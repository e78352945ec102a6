// libFuzzer entry point that holds one of the read's fast paths to the slow one
// it stands in for (fast_path_agreement.hpp): FlatJsonObject to simdjson's DOM,
// the JSON splitter's 64-byte blocks to its byte-by-byte scan, the CSV splitter
// in place to one byte a read. A difference aborts, as a crash would.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.hpp"

#ifndef IOTHUB_DIAG_FUZZ_TARGET
#define IOTHUB_DIAG_FUZZ_TARGET "agree_flat"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  iothub_diag::fuzz::read_fuzz_input(IOTHUB_DIAG_FUZZ_TARGET,
                                     std::string_view(reinterpret_cast<const char*>(bytes), size));
  return 0;
}
