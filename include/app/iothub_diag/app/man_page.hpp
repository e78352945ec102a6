#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/app/command_outline.hpp>

namespace iothub_diag {

// Text for a roff input line: backslashes, hyphens (as minus signs, so an
// option copied from the page works), a leading '.' or '\'' and every
// non-ASCII character escaped.
std::string roff_escape(std::string_view text);

// Writes the manual page iothub-diag(1) for these commands (outline_commands):
// synopsis, description, every command and option with its values and
// default, exit status, environment, files and examples.
void write_man_page(const std::vector<CommandOutline>& commands, std::string_view version,
                    std::ostream& out);

}  // namespace iothub_diag
