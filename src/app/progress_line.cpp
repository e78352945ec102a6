#include <algorithm>

#include <iothub_diag/app/progress_line.hpp>
#include <iothub_diag/core/text_escape.hpp>

namespace iothub_diag {

ProgressLine::ProgressLine(const DiagnosticLines& say, const EventStore& store,
                           MonotonicClock clock, Options options)
    : say_(say), store_(store), clock_(std::move(clock)), options_(options), start_(clock_()) {}

void ProgressLine::on_bytes(std::uint64_t total_bytes) {
  const auto now = clock_();
  const auto elapsed = now - start_;
  if (shown_width_ == 0 && total_bytes < options_.show_after_bytes && elapsed < options_.show_after)
    return;
  if (shown_width_ > 0 && now - last_shown_ < options_.interval) return;
  last_shown_ = now;
  const double seconds = std::chrono::duration<double>(elapsed).count();
  const double mib = static_cast<double>(total_bytes) / (1024.0 * 1024.0);
  const std::uint64_t events = store_.events_taken();
  const std::string line = say_.text(Message{
      MessageId::reading_progress,
      {say_.decimal(mib, 0), count_arg(events), say_.decimal(seconds > 0 ? mib / seconds : 0.0, 0)},
      events});
  // Spaces over what a longer previous line left, in columns (French spaces are two bytes).
  const std::size_t width = display_width(line);
  const std::size_t pad = shown_width_ > width ? shown_width_ - width : 0;
  say_.stream() << '\r' << line << std::string(pad, ' ') << std::flush;
  shown_width_ = std::max(shown_width_, width);
}

void ProgressLine::finish() {
  if (shown_width_ == 0) return;
  say_.stream() << '\r' << std::string(shown_width_, ' ') << '\r' << std::flush;
  shown_width_ = 0;
}

}  // namespace iothub_diag
