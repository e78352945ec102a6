#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace iothub_diag {

// 64-bit hash used to recognise records seen before (not cryptographic).
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed = 0) noexcept;

// Mixes another value into a running hash.
std::uint64_t hash_combine(std::uint64_t hash, std::uint64_t value) noexcept;

// An open-addressing set of 64-bit fingerprints: 8 bytes a slot, kept at most
// half full, so remembering a record costs about 16 bytes.
class FingerprintSet {
 public:
  // True when `fingerprint` was not in the set (and is now).
  bool insert(std::uint64_t fingerprint);
  std::size_t size() const noexcept { return size_; }

 private:
  void grow();
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
};

}  // namespace iothub_diag
