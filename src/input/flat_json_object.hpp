#pragma once

// Reading a JSON object whose members are all plain values, or an array of
// them (a query API row), without simdjson's DOM (private to src/input, but
// for RecordFields and RecordBuilder, which hand its members on).
//
// Nearly every record of a resource log is such an object: `time`,
// `operationName`, `resourceId`, `properties` as JSON inside a string, and so on,
// each a string or null. simdjson builds a tape for every value and copies every
// string into its own buffer; the reader then looks only at a dozen of them. This
// reader finds each member's key and value in one pass and decodes a string only
// when it holds escapes. With EmbeddedObjects::in_place, a string that holds an
// object of plain members (`properties`, and the `authType` string inside it) is
// read where it lies, neither decoded nor scanned again.
//
// It is a fast path, never the judge. It accepts only texts that simdjson accepts
// with the same members, and gives up (read() is false) on anything it does not
// fully check: a nested object or array, a `\u` escape, a number with an exponent
// or more than 18 digits, a backslash in a key, and every kind of invalid JSON.
// The caller then parses the text with simdjson, which decides and explains. The
// agreement is tested against simdjson on real records and on mutated ones
// (test/input/flat_json_object_test.cpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace iothub_diag {

enum class FlatKind : std::uint8_t { string, number, true_value, false_value, null };

struct FlatMember {
  std::string_view key;
  // A string's decoded text, a number as written, empty otherwise; but the text of
  // a string that holds an object is as written (`as_written`): FlatJsonObject::text_of.
  std::string_view text;
  // A string holding JSON of plain members (`"{\"deviceId\":\"dev-1\"}"`, as
  // resource logs give `properties`) has them read in place: FlatJsonObject::embedded.
  std::uint32_t embedded_first = 0;
  std::uint32_t embedded_count = 0;
  std::uint8_t embedded_level = 0;  // its depth: 1 in a record, 2 in a string in a record
  FlatKind kind = FlatKind::null;
  bool as_written = false;
};

// What read() does with a string that holds a JSON object.
enum class EmbeddedObjects : std::uint8_t {
  decoded,   // it is a string like any other
  in_place,  // its members are read where they lie, when they are plain (FlatMember)
};

class FlatJsonObject {
 public:
  // How deep objects in strings are read in place: a record's `properties` and its `authType`.
  static constexpr int kDeepest = 2;

  // Reads `text` (whitespace around it allowed) as one object of plain members.
  // False when it is not one, or when only a full parser can tell. The views of
  // members() last until the next read().
  bool read(std::string_view text, EmbeddedObjects embedded = EmbeddedObjects::decoded);

  // Reads `text` as one array of plain values (a query API row): members without keys.
  bool read_array(std::string_view text, EmbeddedObjects embedded = EmbeddedObjects::decoded);

  std::span<const FlatMember> members() const noexcept { return members_; }

  // The members of the object a string member holds, read in place; none for any other.
  std::span<const FlatMember> embedded(const FlatMember& member) const noexcept {
    if (member.embedded_count == 0) return {};
    return std::span<const FlatMember>(levels_[member.embedded_level - 1u])
        .subspan(member.embedded_first, member.embedded_count);
  }

  // The decoded text of members()[index]: a string that holds an object is decoded
  // on the first call (its members stay readable).
  std::string_view text_of(std::size_t index);

 private:
  bool read_text(std::string_view text, EmbeddedObjects embedded, bool array);

  std::vector<FlatMember> members_;
  std::array<std::vector<FlatMember>, kDeepest> levels_;  // members of objects in strings, by depth
  std::unique_ptr<char[]> decoded_;  // strings that held escapes, decoded one after another
  std::size_t decoded_capacity_ = 0;
  char* decoded_end_ = nullptr;  // where text_of() decodes
};

}  // namespace iothub_diag
