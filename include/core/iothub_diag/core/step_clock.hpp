#pragma once

#include <chrono>
#include <utility>
#include <vector>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// The wall time of each step of one computation, each named by a MessageId
// (`analyze --timings` says them). Reading the clock costs tens of nanoseconds
// a step, so it is always kept; nothing but --timings shows it.
class StepClock {
 public:
  StepClock() : last_(std::chrono::steady_clock::now()) {}

  // Makes the step's result and records the time since the previous step (or
  // since construction) as `step`'s.
  template <class Make>
  auto time(MessageId step, Make make) {
    auto value = make();
    const auto now = std::chrono::steady_clock::now();
    steps_.emplace_back(step, std::chrono::duration<double>(now - last_).count());
    last_ = now;
    return value;
  }

  // Each step and its seconds, in the order they ran.
  const std::vector<std::pair<MessageId, double>>& steps() const noexcept { return steps_; }

 private:
  std::chrono::steady_clock::time_point last_;
  std::vector<std::pair<MessageId, double>> steps_;
};

}  // namespace iothub_diag
