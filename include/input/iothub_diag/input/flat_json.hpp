#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace iothub_diag {

// A JSON object or array whose members are all strings, null, true or false:
// the common record. A resource log line, the JSON inside its `properties`
// string and the JSON inside an `authType` string are such objects, a query
// API row such an array, and a reader that knows it needs no general parser
// for them: a string without escapes is a view into the text, the others are
// decoded once.
//
// The scans take only a strict part of JSON: no number, no nested value, no
// `\u` escape, no byte outside printable ASCII inside a string. Anything else,
// and any syntax error, makes them answer false, and the caller reads the text
// with simdjson's DOM, which knows the rest and says what is wrong. What they
// accept is valid JSON, and its members are the ones the DOM would give, in
// the same order (test/input/flat_json_test.cpp holds them to that).
enum class FlatValueKind : std::uint8_t { string, null, boolean };

struct FlatMember {
  std::string_view key;  // empty for an array's elements
  FlatValueKind kind = FlatValueKind::null;
  std::string_view text;  // a string's decoded text; empty for null and booleans
};

// Whether a reader tries the flat scan before the DOM.
enum class FlatScan : bool { off, on };

class FlatJson {
 public:
  // Reads `text` as one flat object, or one flat array; false (and no members)
  // when it is anything else. The members are views into `text` or into this
  // object: valid until the next scan.
  bool scan_object(std::string_view text) { return scan(text, '{', '}'); }
  bool scan_array(std::string_view text) { return scan(text, '[', ']'); }

  std::span<const FlatMember> members() const noexcept { return members_; }

 private:
  bool scan(std::string_view text, char open, char close);
  bool read_string(const char* data, std::size_t size, std::size_t& at, std::string_view& out);

  std::vector<FlatMember> members_;
  // Decoded strings. A decoded string is never longer than its text, so a buffer
  // as long as the text (and 16 bytes for a vector store) holds them all and
  // never moves during a scan.
  std::unique_ptr<char[]> decoded_;
  std::size_t decoded_capacity_ = 0;
  std::size_t decoded_used_ = 0;
};

}  // namespace iothub_diag
