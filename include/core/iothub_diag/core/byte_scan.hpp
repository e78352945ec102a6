#pragma once

// Finding the few bytes that matter 8 at a time: the splitters' inner loops
// spend most of their time in runs of text where only a quote, a line end or
// a backslash changes anything.

#include <bit>
#include <cstdint>
#include <cstring>

namespace iothub_diag {

namespace byte_scan_detail {

constexpr std::uint64_t kOnes = 0x0101010101010101u;
constexpr std::uint64_t kHighs = 0x8080808080808080u;

// The high bit of each byte of `word` that equals `c`. The lowest bit set is
// always a true match; bits above a true match may be false (a borrow), which
// only the lowest bit's use below can ignore.
constexpr std::uint64_t matches(std::uint64_t word, unsigned char c) noexcept {
  const std::uint64_t bytes = word ^ (kOnes * c);
  return (bytes - kOnes) & ~bytes & kHighs;
}

}  // namespace byte_scan_detail

// The first byte in [from, to) that is one of `Stops`, or `to`.
template <char... Stops>
const char* find_any(const char* from, const char* to) noexcept {
  if constexpr (std::endian::native == std::endian::little) {
    while (to - from >= 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, from, sizeof word);
      const std::uint64_t found =
          (byte_scan_detail::matches(word, static_cast<unsigned char>(Stops)) | ...);
      if (found != 0) return from + (std::countr_zero(found) >> 3);
      from += 8;
    }
  }
  while (from != to && ((*from != Stops) && ...))
    ++from;
  return from;
}

}  // namespace iothub_diag
