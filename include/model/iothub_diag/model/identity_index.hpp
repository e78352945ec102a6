#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <utility>

#include <iothub_diag/core/zeroed_slots.hpp>

namespace iothub_diag {

// Finds an identity's index by its hash without a node per identity: an
// open-addressing table of 8-byte slots (the upper 32 bits of the hash beside
// the index, which also choose the slot, so the table can grow without the
// identities), kept at most half full. The identities themselves stay in the
// caller's contiguous table; `matches(index)` compares one of them.
class IdentityIndex {
 public:
  IdentityIndex() = default;
  IdentityIndex(IdentityIndex&& other) noexcept
      : slots_(std::move(other.slots_)),
        capacity_(std::exchange(other.capacity_, 0)),
        size_(std::exchange(other.size_, 0)) {}
  IdentityIndex& operator=(IdentityIndex&& other) noexcept {
    slots_ = std::move(other.slots_);
    capacity_ = std::exchange(other.capacity_, 0);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }
  // The index of the identity with `hash` for which `matches` holds, or
  // `next` (now recorded) when there is none; `second` is true when inserted.
  template <class Matches>
  std::pair<std::uint32_t, bool> find_or_insert(std::uint64_t hash, std::uint32_t next,
                                                Matches&& matches) {
    if ((size_ + 1) * 2 > capacity_) rehash(capacity_ == 0 ? kFirstCapacity : capacity_ * 2);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = (std::uint64_t{tag} << 32) | (std::uint64_t{next} + 1);
        ++size_;
        return {next, true};
      }
      if (static_cast<std::uint32_t>(slot >> 32) == tag) {
        const auto index = static_cast<std::uint32_t>(slot - 1);
        if (matches(index)) return {index, false};
      }
    }
  }

  // Starts loading the slot `hash` probes first.
  void prefetch(std::uint64_t hash) const noexcept {
    if (capacity_ != 0) __builtin_prefetch(slots_.get() + ((hash >> 32) & (capacity_ - 1)));
  }

  // The index held by the first slot `hash` probes whose tag is the hash's, if
  // any: the identity find_or_insert will most likely compare first, so a
  // caller can start loading it. Reads the slot: prefetch() it some time before.
  std::optional<std::uint32_t> first_candidate(std::uint64_t hash) const noexcept {
    if (capacity_ == 0) return std::nullopt;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = capacity_ - 1;
    for (std::size_t i = tag & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) return std::nullopt;
      if (static_cast<std::uint32_t>(slot >> 32) == tag)
        return static_cast<std::uint32_t>(slot - 1);
    }
  }

  // Makes room for `count` identities without growing.
  void reserve(std::size_t count) {
    std::size_t capacity = kFirstCapacity;
    while (capacity < count * 2)
      capacity *= 2;
    if (capacity > capacity_) rehash(capacity);
  }

  std::size_t size() const noexcept { return size_; }
  // Forgets every identity but keeps the slots' memory.
  void reset() noexcept {
    if (capacity_ != 0) std::memset(slots_.get(), 0, capacity_ * sizeof(std::uint64_t));
    size_ = 0;
  }
  // Frees the slots.
  void clear() noexcept {
    slots_.reset();
    capacity_ = 0;
    size_ = 0;
  }

 private:
  static constexpr std::size_t kFirstCapacity = 1024;
  struct Free {
    void operator()(std::uint64_t* slots) const noexcept { std::free(slots); }
  };
  void rehash(std::size_t capacity) {
    std::uint64_t* fresh = allocate_zeroed_slots(capacity);
    if (fresh == nullptr) throw std::bad_alloc();
    const std::size_t mask = capacity - 1;
    for (std::size_t old = 0; old < capacity_; ++old) {
      const std::uint64_t slot = slots_[old];
      if (slot == 0) continue;
      std::size_t i = (slot >> 32) & mask;
      while (fresh[i] != 0)
        i = (i + 1) & mask;
      fresh[i] = slot;
    }
    slots_.reset(fresh);
    capacity_ = capacity;
  }

  std::unique_ptr<std::uint64_t[], Free> slots_;
  std::size_t capacity_ = 0;  // a power of two, or 0
  std::size_t size_ = 0;
};

}  // namespace iothub_diag
