#include <cstring>

#include <iothub_diag/core/fingerprint_set.hpp>

namespace iothub_diag {
namespace {

constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;

std::uint64_t mix(std::uint64_t x) noexcept {
  // splitmix64 finaliser: every input bit affects every output bit.
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::uint64_t hash_combine(std::uint64_t hash, std::uint64_t value) noexcept {
  return mix(hash ^ (value + kMultiplier + (hash << 6) + (hash >> 2)));
}

std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t seed) noexcept {
  std::uint64_t hash = mix(seed ^ bytes.size());
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, bytes.data() + i, 8);
    hash = mix(hash ^ (word * kMultiplier));
  }
  std::uint64_t tail = 0;
  if (i < bytes.size()) std::memcpy(&tail, bytes.data() + i, bytes.size() - i);
  return mix(hash ^ (tail * kMultiplier) ^ 0xFF);
}

bool FingerprintSet::insert(std::uint64_t fingerprint) {
  if (fingerprint == 0) fingerprint = 1;  // 0 marks an empty slot
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = fingerprint & mask;; i = (i + 1) & mask) {
    if (slots_[i] == fingerprint) return false;
    if (slots_[i] == 0) {
      slots_[i] = fingerprint;
      ++size_;
      return true;
    }
  }
}

void FingerprintSet::grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  const std::size_t mask = slots_.size() - 1;
  for (const std::uint64_t value : old) {
    if (value == 0) continue;
    std::size_t i = value & mask;
    while (slots_[i] != 0)
      i = (i + 1) & mask;
    slots_[i] = value;
  }
}

}  // namespace iothub_diag
