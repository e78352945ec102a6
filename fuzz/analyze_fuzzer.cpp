// libFuzzer entry point over the whole analysis: a header of options (input
// format, --top, --color, --keep-duplicates, --hub, --device, --since, --until,
// changed thresholds), then a log file read, diagnosed, judged by every rule
// and written by every renderer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline_fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  iothub_diag::fuzz::analyze_fuzz_input(
      std::string_view(reinterpret_cast<const char*>(bytes), size));
  return 0;
}
