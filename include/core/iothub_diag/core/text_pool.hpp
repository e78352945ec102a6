#pragma once

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
  TextPool(TextPool&&) noexcept = default;
  TextPool& operator=(TextPool&&) noexcept = default;
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
  std::deque<std::string> texts_;  // a deque never moves its elements when it grows
  std::unordered_set<std::string_view, Hash> views_;
};

}  // namespace iothub_diag
