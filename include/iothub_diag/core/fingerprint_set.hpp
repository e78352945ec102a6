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

// An open-addressing set of 64-bit fingerprints: 8 bytes a slot, kept at most
// half full, so remembering a record costs about 16 bytes (up to 32 just after
// it doubles). Slots come zeroed from calloc, so the kernel's zeroing of fresh
// pages is the only one.
class FingerprintSet {
 public:
  FingerprintSet() = default;
  FingerprintSet(FingerprintSet&& other) noexcept
      : slots_(std::move(other.slots_)),
        capacity_(std::exchange(other.capacity_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  FingerprintSet& operator=(FingerprintSet&& other) noexcept {
    slots_ = std::move(other.slots_);
    capacity_ = std::exchange(other.capacity_, 0);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  // True when `fingerprint` was not in the set (and is now).
  bool insert(std::uint64_t fingerprint);
  // Starts loading the slot `fingerprint` probes first; insert it a little later.
  void prefetch(std::uint64_t fingerprint) const noexcept {
    if (capacity_ != 0) __builtin_prefetch(slots_.get() + (fingerprint & (capacity_ - 1)));
  }
  // Makes room for `count` fingerprints without growing.
  void reserve(std::size_t count);
  std::size_t size() const noexcept { return size_; }
  // Frees the slots.
  void clear() noexcept;

 private:
  struct Free {
    void operator()(std::uint64_t* slots) const noexcept { std::free(slots); }
  };
  void rehash(std::size_t capacity);
  std::unique_ptr<std::uint64_t[], Free> slots_;
  std::size_t capacity_ = 0;  // a power of two, or 0
  std::size_t size_ = 0;
};

}  // namespace iothub_diag
