#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/command_outline.hpp>
#include <iothub_diag/app/manual_texts.hpp>
#include <iothub_diag/app/version_text.hpp>
#include <iothub_diag/report/report_format.hpp>

namespace iothub_diag {
namespace {

const CommandOutline& command_named(const std::vector<CommandOutline>& commands,
                                    const std::string& name) {
  const auto found =
      std::find_if(commands.begin(), commands.end(),
                   [&](const CommandOutline& command) { return command.name == name; });
  REQUIRE(found != commands.end());
  return *found;
}

const OptionOutline& option_named(const CommandOutline& command, const std::string& name) {
  const auto found =
      std::find_if(command.options.begin(), command.options.end(), [&](const auto& option) {
        return std::find(option.names.begin(), option.names.end(), name) != option.names.end();
      });
  REQUIRE(found != command.options.end());
  return *found;
}

TEST_CASE("the command line parses into the options structs it owns", "[app]") {
  const auto command_line = make_command_line(3);
  CHECK(command_line->analyze.threads == 3);
  // CLI11 takes the arguments last first: analyze --format json --fail-on error --top 4 logs/
  command_line->app.parse(std::vector<std::string>{"logs/", "4", "--top", "error", "--fail-on",
                                                   "json", "--format", "analyze"});
  CHECK(command_line->app.got_subcommand("analyze"));
  CHECK(command_line->analyze.paths == std::vector<std::string>{"logs/"});
  CHECK(command_line->analyze.format == ReportFormat::json);
  CHECK(command_line->analyze.max_items == 4);
  CHECK(command_line->fail_on == "error");
}

TEST_CASE("sizes are bytes or numbers with a unit of 1024", "[app]") {
  const auto parsed = [](const std::string& option, const std::string& value) {
    const auto command_line = make_command_line(1);
    // CLI11 takes the arguments last first.
    command_line->app.parse(std::vector<std::string>{"logs/", value, option, "analyze"});
    return std::pair{command_line->analyze.piece_bytes,
                     std::uint64_t{command_line->analyze.max_record_bytes}};
  };
  CHECK(parsed("--piece-size", "100000").first == 100000);
  CHECK(parsed("--piece-size", "8M").first == std::uint64_t{8} << 20);
  CHECK(parsed("--piece-size", "512kib").first == std::uint64_t{512} << 10);
  CHECK(parsed("--piece-size", "auto").first == 0);  // the default --help shows, given
  CHECK(parsed("--max-record-size", "4096").second == 4096);
  CHECK(parsed("--max-record-size", "64MB").second == std::uint64_t{64} << 20);
  CHECK(parsed("--max-record-size", "1g").second == std::uint64_t{1} << 30);
  CHECK(make_command_line(1)->analyze.max_record_bytes == std::size_t{64} << 20);
  for (const char* wrong : {"0", "8X", "1.5M", "-1", "2T", "99999999999E", "Auto", "autox"})
    CHECK_THROWS_AS(parsed("--piece-size", wrong), CLI::ParseError);
  CHECK_THROWS_AS(parsed("--max-record-size", "auto"), CLI::ParseError);
  const auto command_line = make_command_line(1);
  const std::vector<CommandOutline> commands = outline_commands(command_line->app);
  CHECK(option_named(command_named(commands, "analyze"), "--piece-size").value_name == kSizeValue);
}

TEST_CASE("the outline of the command line is what --help shows", "[app]") {
  const auto command_line = make_command_line(1);
  const std::vector<CommandOutline> commands = outline_commands(command_line->app);
  REQUIRE(commands.size() == 5);
  CHECK(commands.front().name.empty());
  CHECK(option_named(commands.front(), "--version").names.size() == 1);
  CHECK_FALSE(option_named(commands.front(), "--version").takes_value());

  const CommandOutline& analyze = command_named(commands, "analyze");
  const OptionOutline& format = option_named(analyze, "--format");
  CHECK(format.names == std::vector<std::string>{"-f", "--format"});
  std::vector<std::string> report_names;
  for (const ReportFormatInfo& info : report_formats())
    report_names.emplace_back(info.name);
  CHECK(format.choices == report_names);
  CHECK(format.default_text == "text");
  CHECK(format.description.starts_with("Report format:\n  text: "));
  CHECK(option_named(analyze, "--lang").choices == std::vector<std::string>{"en", "fr"});
  CHECK(option_named(analyze, "--output").takes_file());
  CHECK(option_named(analyze, "--config").takes_file());
  CHECK(option_named(analyze, "--save").takes_folder());
  CHECK_FALSE(option_named(analyze, "--since").takes_file());
  CHECK(option_named(analyze, "--hub").repeatable);
  CHECK_FALSE(option_named(analyze, "--top").repeatable);
  CHECK_FALSE(option_named(analyze, "--timings").takes_value());
  CHECK(option_named(analyze, "--keep-duplicates").names ==
        std::vector<std::string>{"--keep-duplicates"});
  const OptionOutline& paths = option_named(analyze, "PATH");
  CHECK(paths.positional);
  CHECK(paths.takes_file());

  const OptionOutline& out = option_named(command_named(commands, "simulate"), "--out");
  CHECK(out.required);
  CHECK(out.takes_folder());
  CHECK(option_named(command_named(commands, "rules"), "--config").takes_file());
}

TEST_CASE("the exit codes of --help and of the manual page are one table", "[app]") {
  const auto command_line = make_command_line(1);
  const std::string footer = exit_codes_footer();
  // The program's own --help gives analyze's codes, then says where the others are.
  CHECK(command_line->app.get_footer() ==
        "Exit codes of analyze:" + footer.substr(std::string_view("Exit codes:").size()) +
            " Of simulate, kql and rules: 0 their work done; 2 usage error, or work that could "
            "not be done (each one's --help says which).");
  CHECK(footer.starts_with("Exit codes: 0 analysis done"));
  CHECK(footer.find("; 1 findings at or above --fail-on") != std::string::npos);
  CHECK(footer.find("; 2 usage error") != std::string::npos);
  CHECK(footer.ends_with("folder)."));
  REQUIRE(manual_exit_codes().size() == 3);
  CHECK(command_line->app.get_subcommand("analyze")->get_footer() == footer);
}

TEST_CASE("simulate, kql and rules say their own exit codes in --help", "[app]") {
  const auto command_line = make_command_line(1);
  REQUIRE(manual_command_exit_codes().size() == 3);
  for (const ManualEntry& entry : manual_command_exit_codes()) {
    CAPTURE(entry.term);
    const std::string footer =
        command_line->app.get_subcommand(std::string(entry.term))->get_footer();
    CHECK(footer == command_exit_codes_footer(entry.term));
    CHECK(footer.starts_with("Exit codes: 0 the "));
    CHECK(footer.find("; 2 usage error") != std::string::npos);
    CHECK(footer.find("analysis done") == std::string::npos);
  }
}

TEST_CASE("the version text names the version, the commit and the libraries", "[app]") {
  const std::string text = version_text();
  CHECK(text.starts_with(std::string("iothub-diag ") + IOTHUB_DIAG_VERSION + "\ncommit "));
  const std::string commit = text.substr(text.find("\ncommit ") + 8, text.find('\n', 20));
  CHECK_FALSE(commit.empty());
  for (const char* library :
       {"\nsimdjson 3.", ", zlib 1.", ", fmt ", ", libcurl ", ", nlohmann_json 3.", ", CLI11 2."})
    CHECK(text.find(library) != std::string::npos);
  CHECK(text.back() != '\n');  // CLI11 adds the newline
}

}  // namespace
}  // namespace iothub_diag
