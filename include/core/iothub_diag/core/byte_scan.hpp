#pragma once

// Finding the few bytes that matter 8 at a time: the splitters' inner loops
// spend most of their time in runs of text where only a quote, a line end or
// a backslash changes anything.

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// The high bit of exactly the bytes of `word` that equal `c` (no borrow
// crosses a byte: each byte's low 7 bits are added apart from its high bit).
constexpr std::uint64_t exact_matches(std::uint64_t word, unsigned char c) noexcept {
  constexpr std::uint64_t kLows = 0x7F7F7F7F7F7F7F7Fu;
  const std::uint64_t bytes = word ^ (kOnes * c);
  return ~(((bytes & kLows) + kLows) | bytes | kLows);
}

}  // namespace byte_scan_detail

// How many bits of `bits` are set, in a dozen instructions: std::popcount is a
// call into libgcc where the target (x86-64's baseline) has no popcount instruction.
constexpr unsigned bit_count(std::uint64_t bits) noexcept {
  bits -= (bits >> 1) & 0x5555555555555555u;
  bits = (bits & 0x3333333333333333u) + ((bits >> 2) & 0x3333333333333333u);
  bits = (bits + (bits >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
  return static_cast<unsigned>((bits * byte_scan_detail::kOnes) >> 56);
}

// How many bytes in [from, to) are `c`.
template <char C>
std::size_t count_byte(const char* from, const char* to) noexcept {
  std::size_t count = 0;
#if defined(__SSE2__)
  // 16 at a time: a compare gives 0xFF (-1) for each byte equal to C, taken
  // away from 16 byte-wide counters, which are summed (psadbw) after at most
  // 255 blocks, before any of them could wrap.
  const __m128i wanted = _mm_set1_epi8(C);
  while (to - from >= 16) {
    const auto blocks = std::min<std::size_t>(static_cast<std::size_t>(to - from) / 16, 255);
    __m128i counters = _mm_setzero_si128();
    for (std::size_t block = 0; block < blocks; ++block, from += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(bytes, wanted));
    }
    const __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    count += static_cast<std::size_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  while (to - from >= 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, from, sizeof word);
    // One per matching byte, summed into the top byte by the multiplication
    // (at most 8: no carry), without a popcount instruction the target may lack.
    const std::uint64_t ones =
        byte_scan_detail::exact_matches(word, static_cast<unsigned char>(C)) >> 7;
    count += static_cast<std::size_t>((ones * byte_scan_detail::kOnes) >> 56);
    from += 8;
  }
  for (; from != to; ++from)
    count += *from == C ? 1 : 0;
  return count;
}

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
