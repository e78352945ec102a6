#pragma once

#include <concepts>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace iothub_diag {

// Writes JSON to a stream as it is produced, byte for byte as nlohmann's
// dump(2, ' ', false, error_handler_t::replace) would write the same document
// (two-space indent, `"key": value`, `{}` and `[]` when empty), so a report
// never has to be held whole. Buffers about 64 KiB before handing bytes on.
class JsonWriter {
 public:
  explicit JsonWriter(std::ostream& out);
  // A writer of elements of `inside`'s current array that come after others
  // (one at least, which `inside` may still be writing): handed to `inside` by
  // append_written() after those, they follow them byte for byte. Long arrays
  // are written in slices on several threads this way.
  JsonWriter(std::ostream& out, const JsonWriter& inside);
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  ~JsonWriter();  // flushes

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  // The name of the next member of the current object.
  void key(std::string_view name);

  // Escapes `"`, `\` and C0 controls; invalid UTF-8 becomes U+FFFD, one per
  // maximal ill-formed subsequence, as nlohmann replaces it.
  void string(std::string_view text);
  void null();
  void boolean(bool value);
  void number(std::int64_t value);
  void number(std::uint64_t value);
  // Shortest round-trip form as nlohmann writes it (`0.59`, `14702.0`, `1e-05`); null when
  // not finite.
  void number(double value);
  // Any other integer type, by its signedness.
  template <std::integral Integer>
  requires(!std::same_as<Integer, bool>) void number(Integer value) {
    if constexpr (std::is_signed_v<Integer>) {
      number(static_cast<std::int64_t>(value));
    } else {
      number(static_cast<std::uint64_t>(value));
    }
  }

  // Adds elements of the current array that a writer made with
  // JsonWriter(out, *this) wrote.
  void append_written(std::string_view elements);

  // Hands the buffered bytes to the stream.
  void flush();

 private:
  struct Container {
    bool is_object = false;
    bool has_members = false;
  };

  void begin_value();
  void begin_member();
  void end_value();
  void begin_container(bool is_object);
  void end_container(bool is_object);
  void append_escaped(std::string_view text);

  std::ostream& out_;
  std::string buffer_;
  std::vector<Container> open_;  // outermost first
};

}  // namespace iothub_diag
