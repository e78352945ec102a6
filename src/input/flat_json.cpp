#include <bit>
#include <cstring>

#include <iothub_diag/input/flat_json.hpp>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace iothub_diag {
namespace {

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void skip_spaces(const char* data, std::size_t size, std::size_t& at) noexcept {
  while (at < size && is_space(data[at]))
    ++at;
}

// Whether a string byte ends the plain run: a quote, a backslash, a control
// byte or a byte of a multi-byte UTF-8 sequence (left to the DOM, which checks them).
bool ends_plain_run(char c) noexcept {
  const auto byte = static_cast<unsigned char>(c);
  return byte == '"' || byte == '\\' || byte < 0x20 || byte >= 0x80;
}

#if defined(__SSE2__)
// One bit per byte of the 16 at `data` that ends_plain_run().
unsigned plain_run_ends(__m128i bytes) noexcept {
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  // Signed: a byte from 0x80 up compares below 0x20 too.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i special =
      _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                   _mm_cmplt_epi8(bytes, space));
  return static_cast<unsigned>(_mm_movemask_epi8(special));
}
#endif

// Where the plain run of string bytes from `at` ends: the first byte that
// ends_plain_run(), or `size`.
std::size_t end_of_plain_run(const char* data, std::size_t at, std::size_t size) noexcept {
#if defined(__SSE2__)
  for (; at + 16 <= size; at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    if (const unsigned mask = plain_run_ends(bytes); mask != 0)
      return at + static_cast<std::size_t>(std::countr_zero(mask));
  }
#endif
  while (at < size && !ends_plain_run(data[at]))
    ++at;
  return at;
}

// end_of_plain_run() that also copies the run to `out`, which has room for the
// run and 16 bytes more; returns the run's end and moves `out` past its copy.
std::size_t copy_plain_run(const char* data, std::size_t at, std::size_t size,
                           char*& out) noexcept {
#if defined(__SSE2__)
  for (; at + 16 <= size; at += 16, out += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
    if (const unsigned mask = plain_run_ends(bytes); mask != 0) {
      const auto run = static_cast<std::size_t>(std::countr_zero(mask));
      out += run;
      return at + run;
    }
  }
#endif
  for (; at < size && !ends_plain_run(data[at]); ++at)
    *out++ = data[at];
  return at;
}

// The byte a two-byte escape stands for; 0 for `\u` and anything that is no escape.
char escaped_byte(char c) noexcept {
  switch (c) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '/':
      return '/';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return 0;
  }
}

bool read_literal(const char* data, std::size_t size, std::size_t& at,
                  std::string_view literal) noexcept {
  if (size - at < literal.size() || std::memcmp(data + at, literal.data(), literal.size()) != 0)
    return false;
  at += literal.size();
  return true;
}

}  // namespace

// `at` is just past the opening quote; on success, just past the closing one.
bool FlatJson::read_string(const char* data, std::size_t size, std::size_t& at,
                           std::string_view& out) {
  std::size_t end = end_of_plain_run(data, at, size);
  if (end == size) return false;
  if (data[end] == '"') {
    out = std::string_view(data + at, end - at);
    at = end + 1;
    return true;
  }
  // Escapes: decode the string from its start.
  char* const start = decoded_.get() + decoded_used_;
  char* write = start;
  std::memcpy(write, data + at, end - at);
  write += end - at;
  while (data[end] == '\\') {
    if (end + 1 == size) return false;
    const char byte = escaped_byte(data[end + 1]);
    if (byte == 0) return false;
    *write++ = byte;
    end = copy_plain_run(data, end + 2, size, write);
    if (end == size) return false;
  }
  if (data[end] != '"') return false;
  const auto length = static_cast<std::size_t>(write - start);
  out = std::string_view(start, length);
  decoded_used_ += length;
  at = end + 1;
  return true;
}

bool FlatJson::scan(std::string_view text, char open, char close) {
  members_.clear();
  if (decoded_capacity_ < text.size()) {
    // copy_plain_run() may write 16 bytes past a string's end.
    decoded_ = std::make_unique_for_overwrite<char[]>(text.size() + 16);
    decoded_capacity_ = text.size();
  }
  decoded_used_ = 0;
  const char* const data = text.data();
  const std::size_t size = text.size();
  const bool keyed = open == '{';
  std::size_t at = 0;
  const auto fail = [this] {
    members_.clear();
    return false;
  };

  skip_spaces(data, size, at);
  if (at == size || data[at] != open) return false;
  ++at;
  skip_spaces(data, size, at);
  if (at < size && data[at] == close) {
    ++at;
    skip_spaces(data, size, at);
    return at == size;
  }
  for (;;) {
    FlatMember member;
    if (keyed) {
      if (at == size || data[at] != '"') return fail();
      ++at;
      if (!read_string(data, size, at, member.key)) return fail();
      skip_spaces(data, size, at);
      if (at == size || data[at] != ':') return fail();
      ++at;
      skip_spaces(data, size, at);
    }
    if (at == size) return fail();
    switch (data[at]) {
      case '"':
        ++at;
        if (!read_string(data, size, at, member.text)) return fail();
        member.kind = FlatValueKind::string;
        break;
      case 'n':
        if (!read_literal(data, size, at, "null")) return fail();
        member.kind = FlatValueKind::null;
        break;
      case 't':
        if (!read_literal(data, size, at, "true")) return fail();
        member.kind = FlatValueKind::boolean;
        break;
      case 'f':
        if (!read_literal(data, size, at, "false")) return fail();
        member.kind = FlatValueKind::boolean;
        break;
      default:
        return fail();
    }
    members_.push_back(member);
    skip_spaces(data, size, at);
    if (at == size) return fail();
    if (data[at] == ',') {
      ++at;
      skip_spaces(data, size, at);
      continue;
    }
    if (data[at] != close) return fail();
    ++at;
    skip_spaces(data, size, at);
    if (at != size) return fail();
    return true;
  }
}

}  // namespace iothub_diag
