// libFuzzer entry point over the --config reader: the bytes parsed as JSON
// (exceptions off, as run_analyze reads it) and applied to the thresholds; an
// accepted configuration then analyzes a small simulated fleet.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeline_fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  iothub_diag::fuzz::config_fuzz_input(
      std::string_view(reinterpret_cast<const char*>(bytes), size));
  return 0;
}
