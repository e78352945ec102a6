#include <fmt/format.h>

#include <iothub_diag/input/record_sink.hpp>

namespace iothub_diag {

std::string format_location(const SourceLocation& location) {
  if (location.index == 0) return fmt::format("{}:{}", location.source, location.line);
  return fmt::format("{}:{} (record {})", location.source, location.line, location.index);
}

}  // namespace iothub_diag
