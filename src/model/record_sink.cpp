#include <fmt/format.h>

#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

std::string format_location(const SourceLocation& location) {
  if (location.line == 0) return std::string(location.source);  // the whole file
  if (location.index == 0) return fmt::format("{}:{}", location.source, location.line);
  return fmt::format("{}:{} (record {})", location.source, location.line, location.index);
}

}  // namespace iothub_diag
