// libFuzzer entry point over shape detection and every reader: the bytes go
// through read_stream exactly as a file would (gzip sniffing included), with
// the format forced to the one this binary was built for, or detected.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include <iothub_diag/input/stream_reader.hpp>
#include <iothub_diag/model/event_store.hpp>

#ifndef IOTHUB_DIAG_FUZZ_FORMAT
#define IOTHUB_DIAG_FUZZ_FORMAT "auto"
#endif

namespace {

iothub_diag::ReadOptions options_for(std::string_view& data) {
  iothub_diag::ReadOptions options;
  options.format = iothub_diag::input_format_from_name(IOTHUB_DIAG_FUZZ_FORMAT).value();
  // Small limits reach the too-large and too-deep paths with small inputs.
  options.limits.max_text_bytes = 4096;
  options.limits.max_depth = 32;
  if (options.format == iothub_diag::InputFormat::csv && !data.empty()) {
    // The first byte picks the CSV options, so every date path is explored.
    const auto selector = static_cast<unsigned char>(data.front());
    data.remove_prefix(1);
    options.date_order = static_cast<iothub_diag::DateOrder>(selector % 3);
    if ((selector & 4) != 0) options.local_time_offset_minutes = (selector >> 3) * 15 - 240;
  }
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  std::string_view data(reinterpret_cast<const char*>(bytes), size);
  const iothub_diag::ReadOptions options = options_for(data);
  iothub_diag::EventStore store;
  iothub_diag::read_stream(std::make_unique<iothub_diag::MemorySource>(data), "fuzz", options, store);
  store.finalize();
  return 0;
}
