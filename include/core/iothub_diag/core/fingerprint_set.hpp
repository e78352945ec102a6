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
// bits, 8 bytes a slot, each at most 70 % full and grown by half when it would
// be fuller, so remembering a record costs 11.4 to 17.1 bytes. A table's size
// is any number of slots, not a power of two: a fingerprint's first slot is
// its other bits read as a fraction of the table (a multiply, not a mask).
// Tables grow one at a time, so growing never holds two copies of the whole
// set. Slots come from allocate_zeroed_slots: the kernel's zeroing of fresh
// pages is the only one.
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
    if (shard.capacity != 0) __builtin_prefetch(shard.slots.get() + shard.home(fingerprint));
  }
  // Makes room for `count` fingerprints without growing (if they spread evenly).
  void reserve(std::size_t count);
  std::size_t size() const noexcept { return size_; }
  // The slots the tables hold, 8 bytes each.
  std::size_t slot_count() const noexcept;
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
      max_size = std::exchange(other.max_size, 0);
      size = std::exchange(other.size, 0);
      return *this;
    }
    static constexpr std::size_t kMaxLoadPercent = 70;
    // The first slot probed: the 32 bits below the shard's, as a fraction of
    // the table (which holds fewer than 2^32 slots).
    std::size_t home(std::uint64_t fingerprint) const noexcept {
      return static_cast<std::size_t>(
          ((fingerprint >> (kShardShift - 32)) & 0xFFFFFFFFu) * capacity >> 32);
    }
    bool insert(std::uint64_t fingerprint);
    void rehash(std::size_t new_capacity);
    std::unique_ptr<std::uint64_t[], Free> slots;
    std::size_t capacity = 0;  // slots, or 0
    std::size_t max_size = 0;  // the most fingerprints before it grows
    std::size_t size = 0;
  };
  Shard shards_[kShards];
  std::size_t size_ = 0;
};

}  // namespace iothub_diag
