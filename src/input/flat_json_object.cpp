#include "flat_json_object.hpp"

#include <array>
#include <bit>
#include <cstddef>

#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace iothub_diag {
namespace {

constexpr bool is_json_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

constexpr bool is_json_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

// A quote, a backslash or a control byte: the only bytes that end a run of a
// string's text.
constexpr bool is_string_stop(char c) noexcept {
  return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

#if defined(__SSE2__)
// One bit for each of 16 bytes that is a string stop.
inline unsigned stop_mask(__m128i bytes) noexcept {
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1f)), bytes);
  const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                  _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))),
                                     control);
  return static_cast<unsigned>(_mm_movemask_epi8(stops));
}
#endif

// Where the first string stop lies at or after `at`; `size` when there is none.
// ORs into `high_bits` the high bit of each byte of the text it looked at. Always
// inlined: it runs for every string, and a call would cost more than the UTF-8
// check it spares.
[[gnu::always_inline]] inline std::size_t find_string_stop(const char* data, std::size_t at,
                                                           std::size_t size,
                                                           unsigned& high_bits) noexcept {
#if defined(__SSE2__)
  for (; at + 16 <= size; at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + at));
    high_bits |= static_cast<unsigned>(_mm_movemask_epi8(bytes));
    const unsigned mask = stop_mask(bytes);
    if (mask != 0) return at + static_cast<std::size_t>(std::countr_zero(mask));
  }
#endif
  for (; at < size && !is_string_stop(data[at]); ++at)
    high_bits |= static_cast<unsigned char>(data[at]) & 0x80u;
  return at;
}

// The byte a one-letter escape stands for; 0 for `\u` and for escapes JSON has not.
constexpr char escaped_byte(char letter) noexcept {
  switch (letter) {
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

// One pass over the text; each step is false where the fast path gives up.
//
// Objects held in strings are read where they lie, to a depth of two: the
// `properties` string of a resource log, and the `authType` string inside it.
// At depth 1 every quote is written `\"`, at depth 2 `\\\"`; a string's text
// decoded would be the same bytes with each of these made `"`, as long as no
// other backslash appears, so its members are those of the decoded text: the
// decoding and a second scan are spared. Whitespace there may only be spaces
// (any other is a control byte in the string).
//
// Every byte outside strings is one the grammar names, all ASCII; the bytes of
// strings are all looked at for their stops, and `non_ascii()` says whether one
// was not ASCII: only then is there UTF-8 to validate.
class FlatScan {
 public:
  static constexpr int kDeepest = FlatJsonObject::kDeepest;
  // A record has a dozen members, a row a few dozen cells. A text with more (a
  // hostile one) is the DOM's, whose tape costs less per member than a FlatMember.
  static constexpr std::size_t kMostMembers = 4096;

  // `decoded` has room for the text's size plus 16 bytes. Objects in strings are
  // read in place, into `levels[depth - 1]`, when `levels` is given.
  FlatScan(std::string_view text, char* decoded,
           std::array<std::vector<FlatMember>, kDeepest>* levels) noexcept
      : data_(text.data()), size_(text.size()), decoded_(decoded), levels_(levels) {}

  // Where the next decoded string would go.
  char* decoded_end() const noexcept { return decoded_; }
  // Whether a byte of the text read so far may not be ASCII (some are looked at twice).
  bool non_ascii() const noexcept { return high_bits_ != 0; }

  // The whole text: one object, or with `array` one array.
  bool read_text(std::vector<FlatMember>& members, bool array) {
    skip_space<0>();
    if (!(array ? read_array(members) : read_object<0>(members))) return false;
    skip_space<0>();
    return at_ == size_;
  }

 private:
  // An object's members, appended to `members`.
  template <int depth>
  bool read_object(std::vector<FlatMember>& members) {
    if (!take('{')) return false;
    skip_space<depth>();
    if (take('}')) return true;
    for (;;) {
      // Built where it is kept (objects in its strings go to another level's vector).
      if (members.size() == kMostMembers) return false;
      FlatMember& member = members.emplace_back();
      if (!take_quote<depth>() || !read_key<depth>(member.key)) return false;
      skip_space<depth>();
      if (!take(':')) return false;
      skip_space<depth>();
      if (!read_value<depth>(member)) return false;
      skip_space<depth>();
      if (take(',')) {
        skip_space<depth>();
        continue;
      }
      return take('}');
    }
  }

  // An array's values, appended to `members` without keys.
  bool read_array(std::vector<FlatMember>& members) {
    if (!take('[')) return false;
    skip_space<0>();
    if (take(']')) return true;
    for (;;) {
      if (members.size() == kMostMembers) return false;
      if (!read_value<0>(members.emplace_back())) return false;
      skip_space<0>();
      if (take(',')) {
        skip_space<0>();
        continue;
      }
      return take(']');
    }
  }

  template <int depth>
  void skip_space() noexcept {
    if constexpr (depth == 0) {
      while (at_ < size_ && is_json_space(data_[at_]))
        ++at_;
    } else {
      while (at_ < size_ && data_[at_] == ' ')
        ++at_;
    }
  }

  bool take(char expected) noexcept {
    if (at_ == size_ || data_[at_] != expected) return false;
    ++at_;
    return true;
  }

  // A quote at `depth`: `"`, `\"` or `\\\"`.
  static constexpr std::size_t quote_size(int depth) noexcept { return std::size_t{1} << depth; }

  template <int depth>
  bool is_quote(std::size_t at) const noexcept {
    constexpr std::size_t kSize = quote_size(depth);
    if (at + kSize > size_) return false;
    for (std::size_t i = 0; i + 1 < kSize; ++i) {
      if (data_[at + i] != '\\') return false;
    }
    return data_[at + kSize - 1] == '"';
  }

  template <int depth>
  bool take_quote() noexcept {
    if (!is_quote<depth>(at_)) return false;
    at_ += quote_size(depth);
    return true;
  }

  // A string without escapes (other than the quotes of its depth), its opening quote taken.
  template <int depth>
  bool read_plain_string(std::string_view& text) noexcept {
    const std::size_t stop = find_string_stop(data_, at_, size_, high_bits_);
    if (stop == size_ || !is_quote<depth>(stop)) return false;
    text = {data_ + at_, stop - at_};
    at_ = stop + quote_size(depth);
    return true;
  }

  template <int depth>
  bool read_key(std::string_view& key) noexcept {
    return read_plain_string<depth>(key);
  }

  template <int depth>
  bool read_value(FlatMember& member) {
    if (at_ == size_) return false;
    switch (data_[at_]) {
      case '"':
      case '\\':
        if (!take_quote<depth>()) return false;
        member.kind = FlatKind::string;
        if constexpr (depth < kDeepest) {
          if (read_embedded<depth + 1>(member)) return true;
        }
        if constexpr (depth == 0) {
          return read_string(member.text);
        } else {
          return read_plain_string<depth>(member.text);
        }
      case 't':
        member.kind = FlatKind::true_value;
        return take_word("true");
      case 'f':
        member.kind = FlatKind::false_value;
        return take_word("false");
      case 'n':
        member.kind = FlatKind::null;
        return take_word("null");
      default:
        member.kind = FlatKind::number;
        return read_number(member.text);
    }
  }

  // A string that holds a JSON object of plain members, read in place at `depth`,
  // its opening quote taken: its members go to their level and the string's text
  // stays as written. False, with nothing read, when the string is anything else.
  template <int depth>
  bool read_embedded(FlatMember& member) {
    if (levels_ == nullptr || at_ == size_ || data_[at_] != '{') return false;
    const std::size_t start = at_;
    ++at_;
    skip_space<depth>();
    const bool object_start = is_quote<depth>(at_);
    at_ = start;
    if (!object_start) return false;  // not a member's key: `{}` and the like are read as text
    std::vector<FlatMember>& level = (*levels_)[depth - 1];
    const std::size_t first = level.size();
    if (read_object<depth>(level)) {
      skip_space<depth>();
      const std::size_t end = at_;
      if (take_quote<depth - 1>()) {
        member.text = {data_ + start, end - start};
        member.as_written = true;
        member.embedded_level = static_cast<std::uint8_t>(depth);
        member.embedded_first = static_cast<std::uint32_t>(first);
        member.embedded_count = static_cast<std::uint32_t>(level.size() - first);
        return true;
      }
    }
    at_ = start;
    level.resize(first);
    return false;
  }

  bool take_word(std::string_view word) noexcept {
    if (std::string_view(data_ + at_, size_ - at_).substr(0, word.size()) != word) return false;
    at_ += word.size();
    return true;  // what follows must be a separator, which the object's scan checks
  }

  // A string, its opening quote taken. Text without escapes is viewed where it
  // lies; text with escapes is decoded into `decoded_`.
  bool read_string(std::string_view& text) noexcept {
    const std::size_t stop = find_string_stop(data_, at_, size_, high_bits_);
    if (stop == size_) return false;
    if (data_[stop] == '"') {
      text = {data_ + at_, stop - at_};
      at_ = stop + 1;
      return true;
    }
    return decode_string(text);
  }

  // The string's bytes are copied 16 at a time while its stops are looked for, as
  // simdjson decodes strings: most escapes in these logs are the quotes of JSON
  // held in a string, a few bytes apart.
  bool decode_string(std::string_view& text) noexcept {
    char* const start = decoded_;
    char* out = decoded_;
    std::size_t in = at_;
    for (;;) {
      std::size_t stop = size_;
#if defined(__SSE2__)
      for (; in + 16 <= size_; in += 16, out += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data_ + in));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), bytes);
        high_bits_ |= static_cast<unsigned>(_mm_movemask_epi8(bytes));
        if (const unsigned mask = stop_mask(bytes); mask != 0) {
          const auto run = static_cast<std::size_t>(std::countr_zero(mask));
          stop = in + run;
          out += run;
          break;
        }
      }
#endif
      if (stop == size_) {
        for (; in < size_ && !is_string_stop(data_[in]); ++in) {
          high_bits_ |= static_cast<unsigned char>(data_[in]) & 0x80u;
          *out++ = data_[in];
        }
        stop = in;
      }
      in = stop;
      if (in == size_ || data_[in] != '\\') {
        if (in == size_ || data_[in] != '"') return false;  // unterminated, or a control byte
        break;
      }
      if (in + 1 == size_) return false;
      const char byte = escaped_byte(data_[in + 1]);
      if (byte == 0) return false;  // `\u` (surrogates are simdjson's to judge) or no escape
      *out++ = byte;
      in += 2;
    }
    text = {start, static_cast<std::size_t>(out - start)};
    decoded_ = out;
    at_ = in + 1;
    return true;
  }

  // `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with at most 18 digits: every such number is a
  // value simdjson reads. Exponents and longer numbers are left to it.
  bool read_number(std::string_view& text) noexcept {
    const std::size_t start = at_;
    take('-');
    const std::size_t integer = at_;
    if (!take('0')) {  // no leading zeros: a first digit of 1 to 9, then any
      if (at_ == size_ || !is_json_digit(data_[at_])) return false;
      while (at_ < size_ && is_json_digit(data_[at_]))
        ++at_;
    }
    std::size_t digits = at_ - integer;
    if (take('.')) {
      const std::size_t fraction = at_;
      while (at_ < size_ && is_json_digit(data_[at_]))
        ++at_;
      if (at_ == fraction) return false;
      digits += at_ - fraction;
    }
    if (at_ < size_ && (data_[at_] == 'e' || data_[at_] == 'E')) return false;
    text = {data_ + start, at_ - start};
    return digits <= 18;
  }

  const char* data_;
  std::size_t size_;
  std::size_t at_ = 0;
  char* decoded_;           // where the next decoded string goes
  unsigned high_bits_ = 0;  // the high bits of the bytes looked at, OR-ed
  std::array<std::vector<FlatMember>, kDeepest>* levels_;
};

}  // namespace

bool FlatJsonObject::read(std::string_view text, EmbeddedObjects embedded) {
  return read_text(text, embedded, false);
}

bool FlatJsonObject::read_array(std::string_view text, EmbeddedObjects embedded) {
  return read_text(text, embedded, true);
}

bool FlatJsonObject::read_text(std::string_view text, EmbeddedObjects embedded, bool array) {
  members_.clear();
  for (std::vector<FlatMember>& level : levels_)
    level.clear();
  // Decoding never lengthens a string, and each string is decoded at most once, so
  // all of them fit the text's size; 16 bytes more let the decoder store whole blocks.
  if (decoded_capacity_ < text.size() + 16) {
    decoded_capacity_ = text.size() + 16;
    decoded_ = std::make_unique_for_overwrite<char[]>(decoded_capacity_);
  }
  FlatScan scan(text, decoded_.get(), embedded == EmbeddedObjects::in_place ? &levels_ : nullptr);
  const bool read = scan.read_text(members_, array);
  decoded_end_ = scan.decoded_end();
  return read && (!scan.non_ascii() || simdjson::validate_utf8(text.data(), text.size()));
}

std::string_view FlatJsonObject::text_of(std::size_t index) {
  FlatMember& member = members_[index];
  if (!member.as_written) return member.text;
  // An object read in place escapes only quotes and backslashes (`\"`, `\\\"`).
  char* const start = decoded_end_;
  const std::string_view raw = member.text;
  for (std::size_t at = 0; at < raw.size(); ++at) {
    if (raw[at] == '\\') ++at;
    *decoded_end_++ = raw[at];
  }
  member.text = {start, static_cast<std::size_t>(decoded_end_ - start)};
  member.as_written = false;
  return member.text;
}

}  // namespace iothub_diag
