#include <fmt/format.h>

#include <iothub_diag/app/progress_line.hpp>

namespace iothub_diag {
namespace {

std::string grouped(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (std::size_t i = digits.size(); i > 3; i -= 3)
    digits.insert(i - 3, ",");
  return digits;
}

}  // namespace

ProgressLine::ProgressLine(std::ostream& err, const EventStore& store, MonotonicClock clock,
                           Options options)
    : err_(err), store_(store), clock_(std::move(clock)), options_(options), start_(clock_()) {}

void ProgressLine::on_bytes(std::uint64_t total_bytes) {
  const auto now = clock_();
  const auto elapsed = now - start_;
  if (shown_width_ == 0 && total_bytes < options_.show_after_bytes && elapsed < options_.show_after)
    return;
  if (shown_width_ > 0 && now - last_shown_ < options_.interval) return;
  last_shown_ = now;
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double mib = static_cast<double>(total_bytes) / (1024.0 * 1024.0);
  const std::string line = fmt::format("reading: {:.0f} MiB, {} records, {:.0f} MiB/s", mib,
                                       grouped(store_.stats().records + store_.stats().duplicates),
                                       seconds > 0 ? mib / seconds : 0.0);
  // Spaces over what a longer previous line left.
  const std::size_t pad = shown_width_ > line.size() ? shown_width_ - line.size() : 0;
  err_ << '\r' << line << std::string(pad, ' ') << std::flush;
  shown_width_ = std::max(shown_width_, line.size());
}

void ProgressLine::finish() {
  if (shown_width_ == 0) return;
  err_ << '\r' << std::string(shown_width_, ' ') << '\r' << std::flush;
  shown_width_ = 0;
}

}  // namespace iothub_diag
