#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>

namespace iothub_diag {
namespace {

// Length of the valid UTF-8 sequence at `pos` and its code point; 0 when invalid.
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  char32_t minimum = 0;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code_point = lead & 0x1Fu;
    minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code_point = lead & 0x0Fu;
    minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code_point = lead & 0x07u;
    minimum = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
    code_point = (code_point << 6) | (byte(pos + i) & 0x3Fu);
  }
  if (code_point < minimum || code_point > 0x10FFFF ||
      (code_point >= 0xD800 && code_point <= 0xDFFF))
    return 0;
  return length;
}

// Calls on_valid(code_point, bytes) for each valid UTF-8 sequence and
// on_invalid(byte) for each byte that starts none.
template <typename OnValid, typename OnInvalid>
void for_each_code_point(std::string_view text, OnValid on_valid, OnInvalid on_invalid) {
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t code_point = 0;
    const std::size_t length = decode_utf8(text, pos, code_point);
    if (length == 0) {
      on_invalid(static_cast<unsigned char>(text[pos]));
      ++pos;
    } else {
      on_valid(code_point, text.substr(pos, length));
      pos += length;
    }
  }
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(
      text,
      [&](char32_t code_point, std::string_view bytes) {
        if (code_point < 0x20 || code_point == 0x7F) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned>(code_point));
        } else if ((code_point >= 0x80 && code_point <= 0x9F) || code_point == 0x2028 ||
                   code_point == 0x2029 || (code_point >= 0x202A && code_point <= 0x202E) ||
                   (code_point >= 0x2066 && code_point <= 0x2069)) {
          // C1 controls (0x9b is a CSI on some terminals), line separators and bidi overrides.
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(code_point));
        } else if (code_point == '\\') {
          out += "\\\\";
        } else {
          out.append(bytes);
        }
      },
      [&](unsigned char byte) { out += fmt::format("\\x{:02x}", byte); });
  return out;
}

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(
      text, [&](char32_t, std::string_view bytes) { out.append(bytes); },
      [&](unsigned char) { out += "\xEF\xBF\xBD"; });
  return out;
}

std::size_t display_width(std::string_view utf8) noexcept {
  std::size_t width = 0;
  for (const char c : utf8) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

}  // namespace iothub_diag
