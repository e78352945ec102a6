// iothub-diag-generate-manual DIR: writes the manual page (iothub-diag.1) and
// the bash (iothub-diag.bash) and zsh (_iothub-diag) completions into DIR,
// from the command-line definition of iothub-diag itself.
#include <iostream>
#include <sstream>
#include <string>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/man_page.hpp>
#include <iothub_diag/app/shell_completion.hpp>
#include <iothub_diag/core/atomic_file.hpp>

using namespace iothub_diag;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: iothub-diag-generate-manual DIR\n";
    return 2;
  }
  try {
    const std::string folder = argv[1];
    const auto command_line = make_command_line(1);
    const std::vector<CommandOutline> commands = outline_commands(command_line->app);
    std::ostringstream man_page;
    std::ostringstream bash;
    std::ostringstream zsh;
    write_man_page(commands, IOTHUB_DIAG_VERSION, man_page);
    write_bash_completion(commands, bash);
    write_zsh_completion(commands, zsh);
    for (const auto& [name, text] :
         {std::pair{"/iothub-diag.1", man_page.str()}, std::pair{"/iothub-diag.bash", bash.str()},
          std::pair{"/_iothub-diag", zsh.str()}}) {
      if (const int error = write_file_atomically(folder + name, text); error != 0) {
        std::cerr << "iothub-diag-generate-manual: " << describe_write_error(folder + name, error)
                  << '\n';
        return 2;
      }
    }
    return 0;
  } catch (const std::exception& error) {
    std::cerr << "iothub-diag-generate-manual: " << error.what() << '\n';
    return 2;
  }
}
