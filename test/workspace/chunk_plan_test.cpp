#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/workspace/chunk_plan.hpp>

using namespace iothub_diag;
using namespace iothub_diag::workspace;

namespace {

constexpr Timestamp kHour = kMillisPerHour;

std::vector<RowBin> hourly(std::initializer_list<std::uint64_t> rows) {
  std::vector<RowBin> bins;
  Timestamp start = 0;
  for (const std::uint64_t count : rows) {
    bins.push_back(RowBin{start, count});
    start += kHour;
  }
  return bins;
}

}  // namespace

TEST_CASE("chunks gather whole bins up to the row budget and cover the span", "[workspace]") {
  const auto bins = hourly({400, 400, 400, 100, 900});
  const auto chunks = plan_chunks(TimeChunk{0, 5 * kHour, 0}, bins, 1000);
  REQUIRE(chunks.size() == 3);
  CHECK(chunks[0] == TimeChunk{0, 2 * kHour, 800});
  CHECK(chunks[1] == TimeChunk{2 * kHour, 4 * kHour, 500});
  CHECK(chunks[2] == TimeChunk{4 * kHour, 5 * kHour, 900});
}

TEST_CASE("a span without rows is still one chunk, so the pull covers it", "[workspace]") {
  const auto chunks = plan_chunks(TimeChunk{0, kHour, 0}, {}, 1000);
  REQUIRE(chunks.size() == 1);
  CHECK(chunks[0] == TimeChunk{0, kHour, 0});
}

TEST_CASE("a cut chunk splits where its bins halve its rows", "[workspace]") {
  const auto bins = hourly({100, 100, 600, 200});
  const auto halves = split_chunk(TimeChunk{0, 4 * kHour, 1000}, bins);
  REQUIRE(halves);
  CHECK(halves->first == TimeChunk{0, 2 * kHour, 200});
  CHECK(halves->second == TimeChunk{2 * kHour, 4 * kHour, 800});
}

TEST_CASE("a cut chunk inside one bin splits at its middle, down to a millisecond", "[workspace]") {
  const auto bins = hourly({5000});
  const auto halves = split_chunk(TimeChunk{0, kHour, 5000}, bins);
  REQUIRE(halves);
  CHECK(halves->first == TimeChunk{0, kHour / 2, 2500});
  CHECK(halves->second == TimeChunk{kHour / 2, kHour, 2500});
  CHECK_FALSE(split_chunk(TimeChunk{7, 8, 10}, bins));
}

TEST_CASE("a resumed pull asks only for what the saved chunks do not cover", "[workspace]") {
  const std::vector<TimeChunk> done = {{3 * kHour, 4 * kHour, 0}, {0, kHour, 0}};
  const auto missing = uncovered_spans(TimeChunk{0, 5 * kHour, 0}, done);
  REQUIRE(missing.size() == 2);
  CHECK(missing[0] == TimeChunk{kHour, 3 * kHour, 0});
  CHECK(missing[1] == TimeChunk{4 * kHour, 5 * kHour, 0});
  CHECK(uncovered_spans(TimeChunk{0, kHour, 0}, {{0, 2 * kHour, 0}}).empty());
}
