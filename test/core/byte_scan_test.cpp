#include <algorithm>
#include <bit>
#include <cstdint>
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/core/byte_scan.hpp>

namespace iothub_diag {

namespace {

// The first quote or line end by looking at every byte.
std::size_t naive_find(const std::string& text) {
  const std::size_t at = text.find_first_of("\"\n");
  return at == std::string::npos ? text.size() : at;
}

}  // namespace

TEST_CASE("find_any finds the first stop wherever it falls in an 8-byte word", "[core]") {
  // Neighbours of the stops ('"' is 0x22, '\n' is 0x0A): bytes one above or
  // below a stop are where a borrow could make the word test flag a wrong byte.
  const std::string fillers[] = {"a", "#", "!", "\x0B", "\x09", "\x80", "\xFF", "\x01"};
  for (const std::string& filler : fillers) {
    for (std::size_t size = 0; size <= 40; ++size) {
      std::string plain;
      for (std::size_t i = 0; i < size; ++i)
        plain += filler;
      CHECK(find_any<'"', '\n'>(plain.data(), plain.data() + plain.size()) ==
            plain.data() + plain.size());
      for (std::size_t at = 0; at < size; ++at) {
        for (const char stop : {'"', '\n'}) {
          std::string text = plain;
          text[at] = stop;
          if (at + 3 < size) text[at + 3] = stop == '"' ? '\n' : '"';  // a later, other stop
          const char* found = find_any<'"', '\n'>(text.data(), text.data() + text.size());
          CHECK(static_cast<std::size_t>(found - text.data()) == naive_find(text));
        }
      }
    }
  }
}

TEST_CASE("find_any with one stop ignores the others", "[core]") {
  const std::string text = "0123456789\nabcdefgh\"ij";
  CHECK(find_any<'"'>(text.data(), text.data() + text.size()) - text.data() == 19);
  CHECK(find_any<'\n'>(text.data(), text.data() + text.size()) - text.data() == 10);
  CHECK(find_any<'"'>(text.data(), text.data() + 19) == text.data() + 19);
}

TEST_CASE("count_byte counts every byte equal to its own, and no other", "[core]") {
  // Bytes around the counted one (0x01 above and below it, 0x00, 0x80, 0xFF)
  // are where a word test that lets a borrow cross bytes would miscount.
  const std::string alphabet = std::string("\"#!\n\x0B\x09\x80\xFF\x01", 9) + std::string(1, '\0');
  std::uint64_t state = 42;
  for (std::size_t size = 0; size <= 70; ++size) {
    for (int round = 0; round < 20; ++round) {
      std::string text;
      for (std::size_t i = 0; i < size; ++i) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        text += alphabet[(state >> 33) % alphabet.size()];
      }
      const char* begin = text.data();
      const char* end = text.data() + text.size();
      CHECK(count_byte<'"'>(begin, end) ==
            static_cast<std::size_t>(std::count(text.begin(), text.end(), '"')));
      CHECK(count_byte<'\n'>(begin, end) ==
            static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
    }
  }
}

TEST_CASE("count_byte counts runs long enough to fill its byte-wide counters", "[core]") {
  // Blocks of 16 bytes are counted in byte-wide counters summed every 255
  // blocks: texts of only the counted byte, and of it at every 16th place, of
  // lengths around those multiples, would show a counter that wrapped.
  for (const std::size_t size : {4079u, 4080u, 4081u, 8160u, 8161u, 100'003u}) {
    CAPTURE(size);
    const std::string quotes(size, '"');
    CHECK(count_byte<'"'>(quotes.data(), quotes.data() + size) == size);
    CHECK(count_byte<'\n'>(quotes.data(), quotes.data() + size) == 0);
    std::string sparse(size, 'x');
    for (std::size_t i = 0; i < size; i += 16)
      sparse[i] = '\n';
    CHECK(count_byte<'\n'>(sparse.data(), sparse.data() + size) == (size + 15) / 16);
  }
}

TEST_CASE("bit_count counts the set bits of any word", "[core]") {
  static_assert(bit_count(0) == 0);
  static_assert(bit_count(~std::uint64_t{0}) == 64);
  CHECK(bit_count(std::uint64_t{1} << 63) == 1);
  CHECK(bit_count(0x8000000000000001u) == 2);
  CHECK(bit_count(0x00FF00FF00FF00FFu) == 32);
  std::uint64_t state = 1;
  for (int i = 0; i < 10000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    // Sparse and dense words, as block masks are.
    const std::uint64_t word = i % 3 == 0 ? state & (state >> 7) : i % 3 == 1 ? state : ~state;
    CHECK(bit_count(word) == static_cast<unsigned>(std::popcount(word)));
  }
}

}  // namespace iothub_diag
