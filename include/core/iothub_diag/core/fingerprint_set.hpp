#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <utility>

namespace iothub_diag {

// 64-bit hash used to recognise records seen before (not cryptographic).
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0) noexcept;

// Mixes another value into a running hash.
std::uint64_t hash_combine(std::uint64_t hash, std::uint64_t value) noexcept;

// A set of 64-bit fingerprints: 64 open-addressing tables chosen by the top
// bits, 8 bytes a slot, each kept at most half full, so remembering a record
// costs 16 to 32 bytes. Tables double one at a time, so growing never holds
// two copies of the whole set. Slots come from allocate_zeroed_slots: the
// kernel's zeroing of fresh pages is the only one.
class FingerprintSet {
 public:
  FingerprintSet() = default;
  FingerprintSet(FingerprintSet&& other) noexcept { *this = std::move(other); }
  FingerprintSet& operator=(FingerprintSet&& other) noexcept {
    for (std::size_t i = 0; i < kShards; ++i)
      shards_[i] = std::move(other.shards_[i]);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }

  // True when `fingerprint` was not in the set (and is now).
  bool insert(std::uint64_t fingerprint) {
    if (fingerprint == 0) fingerprint = 1;  // 0 marks an empty slot
    const bool inserted = shards_[fingerprint >> kShardShift].insert(fingerprint);
    size_ += inserted ? 1 : 0;
    return inserted;
  }
  // Starts loading the slot `fingerprint` probes first; insert it a little later.
  void prefetch(std::uint64_t fingerprint) const noexcept {
    const Shard& shard = shards_[fingerprint >> kShardShift];
    if (shard.capacity != 0)
      __builtin_prefetch(shard.slots.get() + (fingerprint & (shard.capacity - 1)));
  }
  // Makes room for `count` fingerprints without growing (if they spread evenly).
  void reserve(std::size_t count);
  std::size_t size() const noexcept { return size_; }
  // Frees the slots.
  void clear() noexcept;

 private:
  static constexpr std::size_t kShards = 64;
  static constexpr unsigned kShardShift = 58;
  struct Free {
    void operator()(std::uint64_t* slots) const noexcept { std::free(slots); }
  };
  struct Shard {
    Shard() = default;
    Shard(Shard&& other) noexcept { *this = std::move(other); }
    Shard& operator=(Shard&& other) noexcept {
      slots = std::move(other.slots);
      capacity = std::exchange(other.capacity, 0);
      size = std::exchange(other.size, 0);
      return *this;
    }
    bool insert(std::uint64_t fingerprint);
    void rehash(std::size_t new_capacity);
    std::unique_ptr<std::uint64_t[], Free> slots;
    std::size_t capacity = 0;  // a power of two, or 0
    std::size_t size = 0;
  };
  Shard shards_[kShards];
  std::size_t size_ = 0;
};

}  // namespace iothub_diag
