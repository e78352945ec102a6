#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/core/side_by_side.hpp>

namespace iothub_diag {

TEST_CASE("side_by_side runs both parts, the first on another thread", "[core]") {
  std::thread::id first_on;
  std::thread::id second_on;
  side_by_side(
      2, [&] { first_on = std::this_thread::get_id(); },
      [&] { second_on = std::this_thread::get_id(); });
  CHECK(second_on == std::this_thread::get_id());
  CHECK(first_on != std::thread::id());           // it ran
  CHECK(first_on != std::this_thread::get_id());  // and not on this thread
}

TEST_CASE("side_by_side on one thread runs both parts here, the first first", "[core]") {
  std::vector<std::pair<int, std::thread::id>> ran;
  side_by_side(
      1, [&] { ran.emplace_back(1, std::this_thread::get_id()); },
      [&] { ran.emplace_back(2, std::this_thread::get_id()); });
  const std::vector<std::pair<int, std::thread::id>> expected = {{1, std::this_thread::get_id()},
                                                                 {2, std::this_thread::get_id()}};
  CHECK(ran == expected);
}

TEST_CASE("an exception on the other thread is thrown again, not the end of the process",
          "[core]") {
  std::atomic<bool> second_ran{false};
  CHECK_THROWS_WITH(
      side_by_side(
          2, [] { throw std::runtime_error("first failed"); }, [&] { second_ran = true; }),
      "first failed");
  CHECK(second_ran);
  // Both fail: the caller's own part is the one said; the other thread is joined first.
  CHECK_THROWS_WITH(side_by_side(
                        2, [] { throw std::runtime_error("first failed"); },
                        [] { throw std::runtime_error("second failed"); }),
                    "second failed");
}

TEST_CASE("sort_on_threads gives what std::sort gives", "[core]") {
  // Large enough for two threads; many equal keys, told apart by the second member.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> items(kParallelSortMinimum * 3 + 7);
  std::uint32_t state = 12345;
  for (std::uint32_t i = 0; i < items.size(); ++i) {
    state = state * 1103515245u + 12345u;
    items[i] = {state % 1000, i};
  }
  auto expected = items;
  std::sort(expected.begin(), expected.end());
  for (const unsigned threads : {1u, 2u}) {
    auto sorted = items;
    sort_on_threads(sorted, threads, std::less<>());
    CHECK(sorted == expected);
  }
}

TEST_CASE("half_weight_split splits where the two shares weigh closest to alike", "[core]") {
  const auto split = [](const std::vector<std::size_t>& weights) {
    return half_weight_split(weights.size(), [&](std::size_t i) { return weights[i]; });
  };
  CHECK(split({1, 1, 1, 1}) == 2);
  CHECK(split({1, 1, 1, 1, 1}) == 2);  // 2 against 3, not 3 against 2: the earlier
  CHECK(split({10, 1, 1, 1}) == 1);    // one heavy device is a share of its own
  CHECK(split({1, 1, 1, 10}) == 3);
  CHECK(split({1, 10, 1}) == 1);  // 1 against 11 is as close as 11 against 1
  CHECK(split({5}) == 0);         // one device: 0 against 5 or 5 against 0
  CHECK(split({0, 0, 0}) == 0);   // nothing to weigh
  CHECK(split({}) == 0);
}

TEST_CASE("begin_aside gives the work's result, or what it threw, on any thread count", "[core]") {
  for (const unsigned threads : {1u, 2u}) {
    CAPTURE(threads);
    auto value = begin_aside(threads, [] { return 42; });
    CHECK(value.get() == 42);
    auto failing = begin_aside(threads, []() -> int { throw std::runtime_error("aside failed"); });
    CHECK_THROWS_WITH(failing.get(), "aside failed");
  }
}

}  // namespace iothub_diag
