#include <cstdint>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/core/fingerprint_set.hpp>

namespace iothub_diag {
namespace {

// splitmix64: distinct, well-spread fingerprints like hash_bytes gives.
std::uint64_t spread(std::uint64_t i) {
  std::uint64_t x = i + 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

TEST_CASE("a fingerprint set knows what it was given, through every growth", "[core]") {
  FingerprintSet set;
  const std::uint64_t count = 300'000;
  for (std::uint64_t i = 0; i < count; ++i) {
    REQUIRE(set.insert(spread(i)));
    // A repeat straight away, and one from long before (across many growths).
    REQUIRE_FALSE(set.insert(spread(i)));
    REQUIRE_FALSE(set.insert(spread(i / 2)));
  }
  CHECK(set.size() == count);
  for (std::uint64_t i = 0; i < count; ++i)
    REQUIRE_FALSE(set.insert(spread(i)));
  for (std::uint64_t i = count; i < count + 1000; ++i)
    REQUIRE(set.insert(spread(i)));
  CHECK(set.size() == count + 1000);
}

TEST_CASE("a fingerprint set costs at most 17.1 bytes a fingerprint once it has grown", "[core]") {
  FingerprintSet set;
  for (std::uint64_t i = 0; i < 1'000'000; ++i) {
    set.insert(spread(i));
    if (i > 100'000 && i % 50'000 == 0) {
      const double bytes =
          8.0 * static_cast<double>(set.slot_count()) / static_cast<double>(set.size());
      INFO("after " << set.size() << " fingerprints");
      CHECK(bytes <= 8.0 * 100 / 70 * 1.5 + 0.1);
      CHECK(bytes >= 8.0 * 100 / 70 - 0.1);
    }
  }
  set.clear();
  CHECK(set.slot_count() == 0);
  CHECK(set.size() == 0);
}

TEST_CASE("fingerprints that crowd one table wrap around its end", "[core]") {
  // All in the top shard, all wanting the table's last slot: each probe runs
  // past the end and starts again at slot 0.
  FingerprintSet set;
  const std::uint64_t top = ~std::uint64_t{0} << 26;  // shard 63, highest first slot
  std::vector<std::uint64_t> crowd;
  for (std::uint64_t i = 0; i < 40; ++i)
    crowd.push_back(top | i);  // the low bits differ, not the first slot
  for (const std::uint64_t fingerprint : crowd)
    REQUIRE(set.insert(fingerprint));
  for (const std::uint64_t fingerprint : crowd)
    REQUIRE_FALSE(set.insert(fingerprint));
  // 0 marks an empty slot, so it is kept as 1: the two are one fingerprint.
  CHECK(set.insert(0));
  CHECK_FALSE(set.insert(1));
  CHECK(set.size() == crowd.size() + 1);
}

TEST_CASE("a reserved fingerprint set does not grow for what it reserved", "[core]") {
  FingerprintSet set;
  set.reserve(640'000);
  const std::size_t reserved = set.slot_count();
  CHECK(8.0 * static_cast<double>(reserved) / 640'000 < 8.0 * 100 / 70 + 0.1);
  // Evenly spread over the 64 tables, as hashes are.
  for (std::uint64_t i = 0; i < 600'000; ++i)
    set.insert(spread(i));
  CHECK(set.slot_count() == reserved);
}

}  // namespace iothub_diag
