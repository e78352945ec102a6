// libFuzzer entry point of the targets fuzz_input.hpp names, one binary each
// (IOTHUB_DIAG_FUZZ_TARGET): a reader (auto, jsonl, json, csv), where the bytes
// go through read_stream exactly as a file would (gzip sniffing included), with
// the format forced to the binary's or detected; or an agreement target, where
// a fast path of the read is held to the slow one it stands in for and a
// difference aborts, as a crash would.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.hpp"

#ifndef IOTHUB_DIAG_FUZZ_TARGET
#define IOTHUB_DIAG_FUZZ_TARGET "auto"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  iothub_diag::fuzz::read_fuzz_input(IOTHUB_DIAG_FUZZ_TARGET,
                                     std::string_view(reinterpret_cast<const char*>(bytes), size));
  return 0;
}
