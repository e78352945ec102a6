#include <sstream>

#include <catch2/catch.hpp>

#include <iothub_diag/app/progress_line.hpp>

namespace iothub_diag {
namespace {

using namespace std::chrono_literals;

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  MonotonicClock function() {
    return [this] { return now; };
  }
};

TEST_CASE("a small, quick read shows no progress line", "[app]") {
  std::ostringstream err;
  const DiagnosticLines say(err, Language::en);
  EventStore store;
  FakeClock clock;
  {
    ProgressLine progress(say, store, clock.function());
    clock.now += 500ms;
    progress.on_bytes(10u << 20);
  }
  CHECK(err.str().empty());
}

TEST_CASE("a large read shows one line, rewritten at most every 250 ms, and erases it", "[app]") {
  std::ostringstream err;
  const DiagnosticLines say(err, Language::en);
  EventStore store;
  FakeClock clock;
  ProgressLine progress(say, store, clock.function());
  clock.now += 1s;
  progress.on_bytes(100u << 20);
  CHECK(err.str().find("reading: 100 MiB, 0 records, 100 MiB/s") != std::string::npos);
  const std::size_t shown = err.str().size();
  clock.now += 100ms;
  progress.on_bytes(110u << 20);
  CHECK(err.str().size() == shown);  // too soon
  clock.now += 200ms;
  progress.on_bytes(130u << 20);
  CHECK(err.str().size() > shown);
  progress.finish();
  const std::string text = err.str();
  CHECK(text.find('\n') == std::string::npos);
  CHECK(text.back() == '\r');
}

TEST_CASE("a slow read shows the line after two seconds", "[app]") {
  std::ostringstream err;
  const DiagnosticLines say(err, Language::en);
  EventStore store;
  FakeClock clock;
  ProgressLine progress(say, store, clock.function());
  clock.now += 1500ms;
  progress.on_bytes(1u << 20);
  CHECK(err.str().empty());
  clock.now += 600ms;
  progress.on_bytes(2u << 20);
  CHECK_FALSE(err.str().empty());
}

TEST_CASE("the progress line speaks the language of --lang", "[app]") {
  std::ostringstream err;
  const DiagnosticLines say(err, Language::fr);
  EventStore store;
  FakeClock clock;
  ProgressLine progress(say, store, clock.function());
  clock.now += 4s;
  progress.on_bytes(std::uint64_t{6000} << 20);
  CHECK(err.str().find("lecture\u00A0: 6000\u00A0Mio, 0 enregistrement, 1500\u00A0Mio/s") !=
        std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
