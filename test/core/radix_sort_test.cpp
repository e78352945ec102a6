// radix_sort gives what std::sort gives, whatever the values' span and sign;
// radix_sort_by gives what std::stable_sort gives.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/core/radix_sort.hpp>

namespace iothub_diag {
namespace {

void check_sorts_as_std_sort(std::vector<std::int64_t> values) {
  std::vector<std::int64_t> expected = values;
  std::sort(expected.begin(), expected.end());
  radix_sort(values);
  CHECK(values == expected);
}

TEST_CASE("radix_sort orders times of a day as std::sort does", "[core]") {
  std::mt19937_64 random(7);
  // Connected-count changes: a time in milliseconds doubled, plus whether a device came.
  const std::int64_t day_start = std::int64_t{1'763'596'800'000};
  std::uniform_int_distribution<std::int64_t> within_day(0, 86'400'000 - 1);
  for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{4095},
                                  std::size_t{4096}, std::size_t{100'000}}) {
    CAPTURE(count);
    std::vector<std::int64_t> values(count);
    for (std::int64_t& value : values)
      value = (day_start + within_day(random)) * 2 + static_cast<std::int64_t>(random() & 1);
    check_sorts_as_std_sort(values);
  }
}

TEST_CASE("radix_sort orders negative, extreme and repeated values", "[core]") {
  std::mt19937_64 random(11);
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  std::vector<std::int64_t> values(20'000);
  for (std::int64_t& value : values)
    value = static_cast<std::int64_t>(random());  // both signs, the whole range
  values[0] = kMin;
  values[1] = kMax;
  values[2] = kMax;
  values[3] = 0;
  values[4] = -1;
  check_sorts_as_std_sort(values);

  std::vector<std::int64_t> same(10'000, -42);  // a span of zero: no pass at all
  check_sorts_as_std_sort(same);

  std::vector<std::int64_t> descending(10'000);  // before 1970 and after
  for (std::size_t i = 0; i < descending.size(); ++i)
    descending[i] = 5'000 - static_cast<std::int64_t>(i);
  check_sorts_as_std_sort(descending);
}

TEST_CASE("radix_sort_by keeps the order of items with one key, as std::stable_sort does",
          "[core]") {
  // Drops of a fleet, built device by device: many share a time (a burst).
  struct Item {
    std::int64_t time;
    std::uint32_t built;
    bool operator==(const Item&) const = default;
  };
  std::mt19937_64 random(13);
  const std::int64_t day_start = std::int64_t{1'763'596'800'000};
  for (const std::size_t count : {std::size_t{10}, std::size_t{4096}, std::size_t{50'000}}) {
    CAPTURE(count);
    std::vector<Item> items(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      // One time in eight is the burst's second; the rest spread over the day.
      const bool burst = random() % 8 == 0;
      items[i] = Item{
          day_start + (burst ? 43'200'000 : static_cast<std::int64_t>(random() % 86'400'000)), i};
    }
    std::vector<Item> expected = items;
    std::stable_sort(expected.begin(), expected.end(),
                     [](const Item& a, const Item& b) { return a.time < b.time; });
    radix_sort_by(items, [](const Item& item) { return item.time; });
    CHECK(items == expected);
  }
}

}  // namespace
}  // namespace iothub_diag
