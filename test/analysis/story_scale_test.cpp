// One device flapping for months: the diagnosis, the rules, its story (--device)
// and the rendered reports take time linear in its drops. Timed, so hidden from
// the ordinary run: ctest runs it as analysis.one_device_scale (label "timing",
// left out under sanitizers).
#include <algorithm>
#include <chrono>
#include <ostream>
#include <span>
#include <streambuf>
#include <string>

#include "support/log_builder.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/report/json_renderer.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/text_renderer.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

using testing::at_minutes;
using testing::LogBuilder;

// `drops` connect / 404104 cycles of one device, connections of 0.2 to 10 min
// at no period, each drop followed by a reconnect 6 s later.
std::string flapping_device(int drops) {
  LogBuilder log;
  double minutes = 0;
  for (int i = 0; i < drops; ++i) {
    log.connect("flapping", at_minutes(minutes));
    minutes += 0.2 + static_cast<double>(i * 7919 % 977) / 100;
    log.drop("flapping", at_minutes(minutes));
    minutes += 0.1;
  }
  return log.jsonl();
}

// Counts the bytes written and keeps none, so that the timing is the renderer's.
class CountingBuffer final : public std::streambuf {
 public:
  std::size_t bytes() const { return bytes_; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes_;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize count) override {
    bytes_ += static_cast<std::size_t>(count);
    return count;
  }

 private:
  std::size_t bytes_ = 0;
};

struct Analysed {
  double seconds = 0;
  std::size_t story_events = 0;
  std::string random_detail;  // the detail of the story's first random drop
  std::size_t text_bytes = 0;
  std::size_t json_bytes = 0;
};

// Everything after reading, timed: diagnosis, rules, the report with the
// device's story, and the text and JSON renderings.
Analysed analyse(const EventStore& store) {
  Analysed result;
  const auto start = std::chrono::steady_clock::now();
  const Thresholds thresholds;
  const Diagnosis diagnosis(store, thresholds);
  const std::string pattern = "flapping";
  const Report report = build_report(diagnosis, run_rules(diagnosis), std::span(&pattern, 1));
  CountingBuffer text;
  std::ostream text_stream(&text);
  render_text(report, RenderOptions{}, text_stream);
  CountingBuffer json;
  std::ostream json_stream(&json);
  render_json(report, json_stream);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  REQUIRE(report.device_timelines.size() == 1);
  const auto& events = report.device_timelines.front().events;
  result.story_events = events.size();
  const auto random = std::find_if(events.begin(), events.end(), [](const StoryEvent& event) {
    return event.cause == "random-disconnects";
  });
  if (random != events.end()) result.random_detail = english_text(*random->detail);
  result.text_bytes = text.bytes();
  result.json_bytes = json.bytes();
  return result;
}

// The best of three runs, the least disturbed by other work on the machine.
Analysed best_of_three(const EventStore& store) {
  Analysed best = analyse(store);
  for (int run = 0; run < 2; ++run) {
    Analysed next = analyse(store);
    if (next.seconds < best.seconds) best = std::move(next);
  }
  return best;
}

TEST_CASE("one device's 100,000 drops are told in seconds, in time linear in its drops",
          "[.][scale]") {
  const EventStore small = testing::read_jsonl(flapping_device(20'000));
  const EventStore large = testing::read_jsonl(flapping_device(100'000));
  const Analysed few = best_of_three(small);
  const Analysed many = best_of_three(large);
  INFO("20,000 drops: " << few.seconds << " s; 100,000 drops: " << many.seconds << " s");

  // Every connect and every drop is in the story, and each random drop counts them all.
  CHECK(few.story_events == 40'000);
  CHECK(many.story_events == 200'000);
  CHECK(few.random_detail.ends_with("at no period of the device; 20,000 such drops"));
  CHECK(many.random_detail.ends_with("at no period of the device; 100,000 such drops"));
  CHECK(many.text_bytes > 4 * few.text_bytes);
  CHECK(many.json_bytes > 4 * few.json_bytes);

  // Five times the drops: linear work takes about five times as long, quadratic
  // work twenty-five (a story that counted the device's drops per drop took 7 s).
  CHECK(many.seconds < 12 * std::max(few.seconds, 0.01));
  CHECK(many.seconds < 5.0);
}

}  // namespace
}  // namespace iothub_diag
