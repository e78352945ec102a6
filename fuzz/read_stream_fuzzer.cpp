// libFuzzer entry point over shape detection and every reader: the bytes go
// through read_stream exactly as a file would (gzip sniffing included), with
// the format forced to the one this binary was built for, or detected.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_input.hpp"

#ifndef IOTHUB_DIAG_FUZZ_FORMAT
#define IOTHUB_DIAG_FUZZ_FORMAT "auto"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  iothub_diag::fuzz::read_fuzz_input(IOTHUB_DIAG_FUZZ_FORMAT,
                                     std::string_view(reinterpret_cast<const char*>(bytes), size));
  return 0;
}
