#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/command_outline.hpp>
#include <iothub_diag/app/man_page.hpp>
#include <iothub_diag/app/manual_texts.hpp>
#include <iothub_diag/app/shell_completion.hpp>

namespace iothub_diag {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

TEST_CASE("roff text escapes what roff would read as requests, escapes or dashes", "[app]") {
  CHECK(roff_escape("--fail-on") == "\\-\\-fail\\-on");
  CHECK(roff_escape("C:\\logs") == "C:\\elogs");
  CHECK(roff_escape(".TH evil") == "\\&.TH evil");
  CHECK(roff_escape("'br") == "\\&'br");
  CHECK(roff_escape("a\n.SH X\n'b") == "a\n\\&.SH X\n\\&'b");
  CHECK(roff_escape("in the middle . and ' stay") == "in the middle . and ' stay");
  CHECK(roff_escape("journée") == "journ\\[u00E9]e");
  CHECK(roff_escape("→ 😀") == "\\[u2192] \\[u1F600]");
  CHECK(roff_escape(std::string("bell\x07")) == "bell\\[u0007]");
  CHECK(roff_escape(std::string("cut \xC3")) == "cut \\[uFFFD]");
  CHECK(roff_escape(std::string("bad \xE2\x28\xA1")) == "bad \\[uFFFD](\\[uFFFD]");
}

TEST_CASE("the manual page has every command, option, value and section", "[app]") {
  const auto command_line = make_command_line(1);
  const std::vector<CommandOutline> commands = outline_commands(command_line->app);
  std::ostringstream out;
  write_man_page(commands, "9.8.7", out);
  const std::string page = out.str();
  CHECK(page.find(".TH IOTHUB\\-DIAG 1 \"\" \"iothub\\-diag 9.8.7\" \"User Commands\"\n") !=
        std::string::npos);
  for (const char* section :
       {".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH OPTIONS\n", ".SH COMMANDS\n",
        ".SH \"EXIT STATUS\"\n", ".SH ENVIRONMENT\n", ".SH FILES\n", ".SH EXAMPLES\n"})
    CHECK(page.find(section) != std::string::npos);
  for (const CommandOutline& command : commands) {
    if (!command.name.empty()) CHECK(page.find(".SS " + command.name + "\n") != std::string::npos);
    for (const OptionOutline& option : command.options)
      for (const std::string& name : option.names) {
        INFO(command.name << ' ' << name);
        CHECK(page.find((option.positional ? "\\fI" : "\\fB") + roff_escape(name) + "\\fR") !=
              std::string::npos);
      }
  }
  CHECK(page.find("One of: \\fBtext\\fR, \\fBjson\\fR, \\fBmarkdown\\fR, \\fBcsv\\fR, "
                  "\\fBhtml\\fR. Default: \\fBtext\\fR.") != std::string::npos);
  for (const ManualEntry& entry : manual_environment())
    CHECK(page.find("\\fB" + roff_escape(entry.term) + "\\fR") != std::string::npos);
  // The other commands' exit codes follow analyze's, in the same section.
  const std::size_t exit_status = page.find(".SH \"EXIT STATUS\"\n");
  for (const ManualEntry& entry : manual_command_exit_codes()) {
    const std::size_t at = page.find(".TP\n\\fB" + std::string(entry.term) + "\\fR\n0 the ");
    CHECK(at != std::string::npos);
    CHECK(at > exit_status);
    CHECK(at < page.find(".SH ENVIRONMENT\n"));
  }
  // Every line is text or one of the page's own requests: nothing from a
  // description starts a request.
  for (const std::string& line : lines_of(page)) {
    if (line.empty() || (line[0] != '.' && line[0] != '\'')) continue;
    INFO(line);
    const std::string request = line.substr(0, line.find(' '));
    CHECK((request == ".\\\"" || request == ".TH" || request == ".SH" || request == ".SS" ||
           request == ".TP" || request == ".PP" || request == ".RS" || request == ".RE" ||
           request == ".EX" || request == ".EE" || request == ".br" || request == ".in" ||
           request == ".nh" || request == ".ad"));
  }
}

TEST_CASE("a description cannot inject roff requests into the manual page", "[app]") {
  CLI::App app("tool\n.so /etc/passwd", "tool");
  std::string value;
  app.add_subcommand("run", "'bp\n.TH evil")
      ->add_option("--x", value, "first line\n  .sp 100\n  \\fBbold\\fR");
  std::ostringstream out;
  write_man_page(outline_commands(app), "1", out);
  for (const std::string& line : lines_of(out.str())) {
    INFO(line);
    CHECK_FALSE(line.starts_with(".so"));
    CHECK_FALSE(line.starts_with(".sp"));
    CHECK_FALSE(line.starts_with("'bp"));
    CHECK_FALSE(line.starts_with(".TH evil"));
  }
  CHECK(out.str().find("\\efBbold\\efR") != std::string::npos);
}

TEST_CASE("the completions offer the commands, the options and their values", "[app]") {
  const auto command_line = make_command_line(1);
  const std::vector<CommandOutline> commands = outline_commands(command_line->app);
  std::ostringstream bash;
  write_bash_completion(commands, bash);
  const std::string script = bash.str();
  CHECK(script.find("_iothub_diag_commands='analyze simulate kql rules'\n") != std::string::npos);
  CHECK(script.find("        -f | --format)\n          _iothub_diag_words 'text json markdown "
                    "csv html'\n") != std::string::npos);
  CHECK(script.find("        -o | --output)\n          _iothub_diag_files\n") != std::string::npos);
  CHECK(script.find("        --save)\n          _iothub_diag_folders\n") != std::string::npos);
  CHECK(script.ends_with("  complete -F _iothub_diag iothub-diag\n"));

  std::ostringstream zsh;
  write_zsh_completion(commands, zsh);
  const std::string function = zsh.str();
  CHECK(function.starts_with("#compdef iothub-diag\n"));
  CHECK(function.find("'(-f --format)'{-f,--format}'[Report format]:TEXT:(text json markdown csv "
                      "html)'") != std::string::npos);
  CHECK(function.find("'*--hub[") != std::string::npos);
  CHECK(function.find("'*:PATH:_files'") != std::string::npos);
  // A quote in a description closes no quoted word; brackets are escaped for _arguments.
  CHECK(function.find("simulated fleet'\\''s logs") != std::string::npos);
  CHECK(function.find("`TimeGenerated \\[Local Time\\]`") != std::string::npos);
}

TEST_CASE("a value with shell characters is quoted in the bash completion", "[app]") {
  CLI::App app("tool", "tool");
  std::string value;
  app.add_subcommand("run", "Run")
      ->add_option("--mode", value, "Mode")
      ->check(CLI::IsMember({"it's", "$(reboot)", "plain"}));
  std::ostringstream out;
  write_bash_completion(outline_commands(app), out);
  CHECK(out.str().find("_iothub_diag_words 'it\\'\\''s \\$\\(reboot\\) plain'\n") !=
        std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
