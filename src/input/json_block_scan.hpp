#pragma once

// Following a JSON object or array 64 bytes at a time (private to src/input).
//
// JsonTextSplitter finds where each record ends without parsing it: it tracks
// strings, escapes and bracket depth byte by byte. Most blocks of 64 bytes of
// a query API row or a pretty-printed document hold nothing unusual, and
// their quotes, backslashes, brackets and line ends can be found all at once,
// as simdjson's first stage finds them: masks of the bytes of each kind, the
// escaped bytes from the runs of backslashes, the bytes inside strings from
// the parity of the quotes before them. Whatever the byte-by-byte scan
// treats as a special case sends the block back to it, so the two always
// agree: a backslash outside a string, a line end inside one, a `{` that
// starts a line (a cut record) and a line end as the block's last byte.

#include <bit>
#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <iothub_diag/core/byte_scan.hpp>

namespace iothub_diag {

// What a structured value's scan carries from one byte to the next.
struct StructuredScan {
  bool in_string = false;
  bool escape = false;  // the last byte was a backslash inside a string, itself not escaped
  std::int64_t depth = 0;
  std::size_t deepest = 0;
  std::uint64_t lines = 0;  // line ends passed
};

// One bit per byte of a 64-byte block, for each kind of byte that matters.
struct BlockMasks {
  std::uint64_t quotes = 0;
  std::uint64_t backslashes = 0;
  std::uint64_t line_ends = 0;
  std::uint64_t opens = 0;   // `{` and `[`
  std::uint64_t closes = 0;  // `}` and `]`
  std::uint64_t braces = 0;  // `{` alone
};

// The masks, one byte at a time: for targets without SSE2, and for tests.
inline BlockMasks classify_block_bytewise(const char* block) noexcept {
  BlockMasks masks;
  for (unsigned i = 0; i < 64; ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    switch (block[i]) {
      case '"':
        masks.quotes |= bit;
        break;
      case '\\':
        masks.backslashes |= bit;
        break;
      case '\n':
        masks.line_ends |= bit;
        break;
      case '{':
        masks.opens |= bit;
        masks.braces |= bit;
        break;
      case '[':
        masks.opens |= bit;
        break;
      case '}':
      case ']':
        masks.closes |= bit;
        break;
      default:
        break;
    }
  }
  return masks;
}

#if defined(__SSE2__)
constexpr bool kBlockScanVectorized = true;

inline BlockMasks classify_block(const char* block) noexcept {
  // `{` `}` and `[` `]` differ from each other by 0x20 alone: or-ing it in
  // finds both of a pair with one compare.
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i line_end = _mm_set1_epi8('\n');
  const __m128i brace = _mm_set1_epi8('{');
  const __m128i close = _mm_set1_epi8('}');
  const __m128i case_bit = _mm_set1_epi8(0x20);
  BlockMasks masks;
  for (unsigned part = 0; part < 4; ++part) {
    const __m128i bytes =
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + std::size_t{16} * part));
    const __m128i folded = _mm_or_si128(bytes, case_bit);
    const auto bits = [part](__m128i equal) {
      return static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(equal)))
             << (16 * part);
    };
    masks.quotes |= bits(_mm_cmpeq_epi8(bytes, quote));
    masks.backslashes |= bits(_mm_cmpeq_epi8(bytes, backslash));
    masks.line_ends |= bits(_mm_cmpeq_epi8(bytes, line_end));
    masks.opens |= bits(_mm_cmpeq_epi8(folded, brace));
    masks.closes |= bits(_mm_cmpeq_epi8(folded, close));
    masks.braces |= bits(_mm_cmpeq_epi8(bytes, brace));
  }
  return masks;
}
#else
constexpr bool kBlockScanVectorized = false;

inline BlockMasks classify_block(const char* block) noexcept {
  return classify_block_bytewise(block);
}
#endif

// The bytes escaped by a backslash (the byte after each run of an odd number
// of backslashes), given whether the block starts escaped; sets `ends_escaping`
// when its last backslash run escapes the next block's first byte.
inline std::uint64_t escaped_bytes(std::uint64_t backslashes, bool starts_escaped,
                                   bool& ends_escaping) noexcept {
  // simdjson's method: a run's carry, added at its start, lands on the byte
  // after it; the parity of its start and of that byte tell an odd run. A run
  // that goes on from the block before counts from one byte earlier.
  constexpr std::uint64_t kEven = 0x5555555555555555u;
  constexpr std::uint64_t kOdd = ~kEven;
  const std::uint64_t carried_in = starts_escaped ? 1 : 0;
  const std::uint64_t starts = backslashes & ~(backslashes << 1);
  const std::uint64_t even_start_mask = kEven ^ carried_in;
  const std::uint64_t even_starts = starts & even_start_mask;
  const std::uint64_t odd_starts = starts & ~even_start_mask;
  const std::uint64_t even_carries = backslashes + even_starts;
  std::uint64_t odd_carries = backslashes + odd_starts;
  ends_escaping = odd_carries < backslashes;  // the addition overflowed
  odd_carries |= carried_in;
  const std::uint64_t even_carry_ends = even_carries & ~backslashes;
  const std::uint64_t odd_carry_ends = odd_carries & ~backslashes;
  return (even_carry_ends & kOdd) | (odd_carry_ends & kEven);
}

// Bit i set when an odd number of bits of `bits` are set at or below i.
inline std::uint64_t prefix_xor(std::uint64_t bits) noexcept {
  bits ^= bits << 1;
  bits ^= bits << 2;
  bits ^= bits << 4;
  bits ^= bits << 8;
  bits ^= bits << 16;
  bits ^= bits << 32;
  return bits;
}

// What scan_block found.
enum class BlockScan : std::uint8_t {
  byte_by_byte,  // something here needs the byte-by-byte scan: `state` is unchanged
  goes_on,       // the value goes on after these 64 bytes: `state` is updated
  ends,          // the value ends in them, after `length` bytes: depth and lines are updated
};

// Follows the value through the 64 bytes at `block`, as the byte-by-byte scan would.
inline BlockScan scan_block(const char* block, StructuredScan& state,
                            std::size_t& length) noexcept {
  const BlockMasks masks = classify_block(block);
  bool ends_escaping = false;
  const std::uint64_t escaped = escaped_bytes(masks.backslashes, state.escape, ends_escaping);
  const std::uint64_t quotes = masks.quotes & ~escaped;
  // Inside a string: from an opening quote (itself included) up to its closing quote.
  const std::uint64_t strings = prefix_xor(quotes) ^ (state.in_string ? ~std::uint64_t{0} : 0);
  const std::uint64_t line_ends = masks.line_ends;
  if ((masks.backslashes & ~strings) != 0 || (line_ends & strings) != 0 || (line_ends >> 63) != 0 ||
      ((line_ends << 1) & masks.braces) != 0)
    return BlockScan::byte_by_byte;
  std::uint64_t brackets = (masks.opens | masks.closes) & ~strings;
  std::int64_t depth = state.depth;
  std::size_t deepest = state.deepest;
  while (brackets != 0) {
    const auto at = static_cast<unsigned>(std::countr_zero(brackets));
    brackets &= brackets - 1;
    if ((masks.opens >> at) & 1) {
      ++depth;
      if (static_cast<std::size_t>(depth) > deepest) deepest = static_cast<std::size_t>(depth);
    } else if (--depth == 0) {
      const std::uint64_t before = (std::uint64_t{2} << at) - 1;  // bytes 0 to `at`
      state.lines += bit_count(line_ends & before);
      state.depth = 0;
      state.deepest = deepest;
      length = at + 1;
      return BlockScan::ends;
    }
  }
  state.depth = depth;
  state.deepest = deepest;
  state.lines += bit_count(line_ends);
  state.in_string = (strings >> 63) != 0;
  state.escape = ends_escaping;
  return BlockScan::goes_on;
}

}  // namespace iothub_diag
