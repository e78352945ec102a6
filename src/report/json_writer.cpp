#include <array>
#include <bit>
#include <cassert>
#include <charconv>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

#include <iothub_diag/report/json_writer.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{64} * 1024;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

bool is_plain_ascii(unsigned char byte) {
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

// Where the run of plain ASCII bytes (is_plain_ascii) of `text` that starts at
// `at` ends: 16 bytes at a time while 16 are left, as most texts of a report
// (device ids, hub names, evidence) are plain, then byte by byte.
std::size_t plain_run_end(std::string_view text, std::size_t at) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i highest_control = _mm_set1_epi8(0x1f);
  for (; at + 16 <= text.size(); at += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const __m128i special =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                     _mm_cmpeq_epi8(_mm_min_epu8(bytes, highest_control), bytes));
    // A byte of 0x80 or more is marked by its own high bit.
    const auto marks = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(special, bytes)));
    if (marks != 0) return at + static_cast<std::size_t>(std::countr_zero(marks));
  }
#endif
  while (at < text.size() && is_plain_ascii(static_cast<unsigned char>(text[at])))
    ++at;
  return at;
}

// The length of a well-formed UTF-8 sequence starting with `lead` and the range
// of its second byte (Unicode Table 3-7); length 0 when `lead` starts none.
struct Utf8Lead {
  std::size_t length = 0;
  unsigned char second_low = 0x80;
  unsigned char second_high = 0xBF;
};

Utf8Lead utf8_lead(unsigned char lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return {2, 0x80, 0xBF};
  if (lead == 0xE0) return {3, 0xA0, 0xBF};
  if (lead == 0xED) return {3, 0x80, 0x9F};
  if (lead >= 0xE1 && lead <= 0xEF) return {3, 0x80, 0xBF};
  if (lead == 0xF0) return {4, 0x90, 0xBF};
  if (lead >= 0xF1 && lead <= 0xF3) return {4, 0x80, 0xBF};
  if (lead == 0xF4) return {4, 0x80, 0x8F};
  return {};
}

// The bytes at the start of `text` (not empty, first byte 0x80 or above) that
// make one well-formed sequence, or else its maximal ill-formed subpart: the
// lead and the continuation bytes that fit it, at least one byte. nlohmann's
// decoder replaces exactly such a subpart with one U+FFFD.
std::size_t utf8_sequence_length(std::string_view text, bool& valid) {
  const Utf8Lead lead = utf8_lead(static_cast<unsigned char>(text[0]));
  valid = false;
  if (lead.length == 0) return 1;
  std::size_t matched = 1;
  for (; matched < lead.length && matched < text.size(); ++matched) {
    const auto byte = static_cast<unsigned char>(text[matched]);
    const unsigned char low = matched == 1 ? lead.second_low : 0x80;
    const unsigned char high = matched == 1 ? lead.second_high : 0xBF;
    if (byte < low || byte > high) return matched;
  }
  valid = matched == lead.length;
  return matched;
}

// The escape nlohmann writes for `"`, `\` or a C0 control character.
void append_escape(std::string& out, unsigned char byte) {
  switch (byte) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\r':
      out += "\\r";
      return;
    default:
      constexpr std::string_view kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
  }
}

}  // namespace

JsonWriter::JsonWriter(std::ostream& out) : out_(out) {
  buffer_.reserve(kFlushBytes + 4096);
}

JsonWriter::JsonWriter(std::ostream& out, const JsonWriter& inside) : JsonWriter(out) {
  assert(!inside.open_.empty() && !inside.open_.back().is_object);
  open_ = inside.open_;
  open_.back().has_members = true;
}

JsonWriter::~JsonWriter() {
  flush();
}

void JsonWriter::begin_object() {
  begin_container(true);
}

void JsonWriter::end_object() {
  end_container(true);
}

void JsonWriter::begin_array() {
  begin_container(false);
}

void JsonWriter::end_array() {
  end_container(false);
}

void JsonWriter::key(std::string_view name) {
  assert(!open_.empty() && open_.back().is_object);
  begin_member();
  buffer_ += '"';
  append_escaped(name);
  buffer_ += "\": ";
}

void JsonWriter::string(std::string_view text) {
  begin_value();
  buffer_ += '"';
  append_escaped(text);
  buffer_ += '"';
  end_value();
}

void JsonWriter::null() {
  begin_value();
  buffer_ += "null";
  end_value();
}

void JsonWriter::boolean(bool value) {
  begin_value();
  buffer_ += value ? "true" : "false";
  end_value();
}

void JsonWriter::number(std::int64_t value) {
  begin_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer_.append(digits, end);
  end_value();
}

void JsonWriter::number(std::uint64_t value) {
  begin_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  buffer_.append(digits, end);
  end_value();
}

void JsonWriter::number(double value) {
  begin_value();
  // nlohmann's own formatting (Grisu2, not always the shortest digits std::to_chars
  // gives; `.0` on whole numbers; null when not finite) keeps the bytes the same:
  // its serializer calls this same function on a 64-byte buffer.
  if (std::isfinite(value)) {
    std::array<char, 64> digits{};
    const char* const end =
        nlohmann::detail::to_chars(digits.data(), digits.data() + digits.size(), value);
    buffer_.append(digits.data(), static_cast<std::size_t>(end - digits.data()));
  } else {
    buffer_ += "null";
  }
  end_value();
}

void JsonWriter::append_written(std::string_view elements) {
  assert(!open_.empty() && !open_.back().is_object && open_.back().has_members);
  buffer_.append(elements);
  end_value();
}

void JsonWriter::flush() {
  if (buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonWriter::begin_value() {
  // Object members were introduced by key(); array elements introduce themselves.
  if (!open_.empty() && !open_.back().is_object) begin_member();
}

// The bracket is written with the first member: until then the container may be empty (`{}`).
void JsonWriter::begin_member() {
  Container& container = open_.back();
  if (container.has_members) {
    buffer_ += ",\n";
  } else {
    buffer_ += container.is_object ? "{\n" : "[\n";
    container.has_members = true;
  }
  buffer_.append(2 * open_.size(), ' ');
}

void JsonWriter::end_value() {
  if (buffer_.size() >= kFlushBytes) flush();
}

void JsonWriter::begin_container(bool is_object) {
  begin_value();
  open_.push_back({is_object, false});
}

void JsonWriter::end_container(bool is_object) {
  assert(!open_.empty() && open_.back().is_object == is_object);
  const bool has_members = open_.back().has_members;
  open_.pop_back();
  if (has_members) {
    buffer_ += '\n';
    buffer_.append(2 * open_.size(), ' ');
    buffer_ += is_object ? '}' : ']';
  } else {
    buffer_ += is_object ? "{}" : "[]";
  }
  end_value();
}

void JsonWriter::append_escaped(std::string_view text) {
  std::size_t copied = 0;  // text before this is in the buffer
  for (std::size_t at = plain_run_end(text, 0); at < text.size(); at = plain_run_end(text, at)) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte >= 0x80) {
      bool valid = false;
      const std::size_t length = utf8_sequence_length(text.substr(at), valid);
      if (valid) {
        at += length;
        continue;
      }
      buffer_.append(text.substr(copied, at - copied));
      buffer_ += kReplacementCharacter;
      at += length;
    } else {
      buffer_.append(text.substr(copied, at - copied));
      append_escape(buffer_, byte);
      ++at;
    }
    copied = at;
  }
  buffer_.append(text.substr(copied));
}

}  // namespace iothub_diag
