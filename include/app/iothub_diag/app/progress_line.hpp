#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/input/ingest_progress.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// A clock for the progress line's rate; main() passes steady_clock. Reports never read it.
using MonotonicClock = std::function<std::chrono::steady_clock::time_point()>;

// One line on a terminal's stderr while a large input is read: bytes, records
// and rate, rewritten at most a few times a second and erased at the end. It
// appears only once the read passes `show_after_bytes` or `show_after`.
class ProgressLine final : public IngestProgress {
 public:
  struct Options {
    std::uint64_t show_after_bytes = 64u << 20;
    std::chrono::milliseconds show_after{2000};
    std::chrono::milliseconds interval{250};
  };
  ProgressLine(const DiagnosticLines& say, const EventStore& store, MonotonicClock clock)
      : ProgressLine(say, store, std::move(clock), Options{}) {}
  ProgressLine(const DiagnosticLines& say, const EventStore& store, MonotonicClock clock,
               Options options);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() override { finish(); }

  void on_bytes(std::uint64_t total_bytes) override;
  // Erases the line, if one was shown.
  void finish();

 private:
  const DiagnosticLines& say_;
  const EventStore& store_;
  MonotonicClock clock_;
  Options options_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_shown_;
  std::size_t shown_width_ = 0;
};

}  // namespace iothub_diag
