#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>

#include <iothub_diag/core/fingerprint_set.hpp>

namespace iothub_diag {

// One copy of each distinct text, for values that thousands of rows share (a
// device's SDK version, protocol, authentication type): a row holds a view, not
// a string of its own, so copying, comparing or dropping a row touches no heap.
// Views stay valid until clear() or the pool's end, across moves of the pool.
class TextPool {
 public:
  TextPool() = default;
  // A moved-from pool forgets its recent texts: they now belong to the other one.
  TextPool(TextPool&& other) noexcept
      : texts_(std::move(other.texts_)), views_(std::move(other.views_)), recent_(other.recent_) {
    other.recent_ = {};
  }
  TextPool& operator=(TextPool&& other) noexcept {
    texts_ = std::move(other.texts_);
    views_ = std::move(other.views_);
    recent_ = other.recent_;
    other.recent_ = {};
    return *this;
  }
  TextPool(const TextPool&) = delete;  // views into one pool must not outlive it in a copy
  TextPool& operator=(const TextPool&) = delete;

  // The pool's copy of `text` (added when new); empty text is not stored.
  std::string_view intern(std::string_view text);
  std::size_t size() const noexcept { return views_.size(); }
  // Forgets every text: views handed out before no longer point anywhere.
  void clear() noexcept;

 private:
  struct Hash {
    std::size_t operator()(std::string_view text) const noexcept { return hash_bytes(text); }
  };
  // The slot of recent_ that keeps `text` (not empty), by its size and three
  // of its bytes: SDK versions often share their first and last ones.
  static std::size_t recent_slot(std::string_view text) noexcept {
    const auto byte = [text](std::size_t at) {
      return std::size_t{static_cast<unsigned char>(text[at])};
    };
    const std::size_t size = text.size();
    return (size + 3 * byte(0) + 5 * byte(size / 2) + 7 * byte(size - 1)) % kRecent;
  }

  std::deque<std::string> texts_;  // a deque never moves its elements when it grows
  std::unordered_set<std::string_view, Hash> views_;
  // The texts handed out last, one a slot: most calls ask again for one of a
  // fleet's few protocols, SDK versions and authentication types, and
  // comparing the text with the one in its slot costs less than hashing it.
  static constexpr std::size_t kRecent = 64;
  std::array<std::string_view, kRecent> recent_{};
};

}  // namespace iothub_diag
