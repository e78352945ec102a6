#pragma once

#include <ostream>
#include <vector>

#include <iothub_diag/app/command_outline.hpp>

namespace iothub_diag {

// Writes the bash completion of `iothub-diag` for these commands
// (outline_commands): the function `_iothub_diag` and its `complete` line.
// It completes commands, options, the values of options with a fixed set,
// and file or folder names where a path is expected. It uses bash-completion's
// helpers when they are loaded and plain `compgen` otherwise.
void write_bash_completion(const std::vector<CommandOutline>& commands, std::ostream& out);

// Writes the zsh completion (`_iothub-diag`, for a folder of $fpath): the same
// commands, options with their descriptions, values and paths, through _arguments.
void write_zsh_completion(const std::vector<CommandOutline>& commands, std::ostream& out);

}  // namespace iothub_diag
