#pragma once

#include <string>
#include <string_view>

namespace iothub_diag {

// Makes untrusted text (device ids, file names, SDK strings) safe for a
// terminal: C0/C1 control characters, DEL and invalid UTF-8 bytes become
// visible escapes (`\x1b`, `\u009b`), so nothing in a log can drive the terminal.
std::string escape_for_terminal(std::string_view text);

// Replaces invalid UTF-8 bytes with U+FFFD so JSON output is always valid.
std::string to_valid_utf8(std::string_view text);

// Number of code points, for aligning columns.
std::size_t display_width(std::string_view utf8) noexcept;

}  // namespace iothub_diag
