#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/usage_error.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

// What `iothub-diag ARGS...` says when it cannot be parsed, in the language its --lang asks for,
// as the two lines main() writes (without their "iothub-diag: " prefix); "(accepted)" when it
// parses.
std::vector<std::string> refusal_of(std::vector<const char*> args) {
  args.insert(args.begin(), "iothub-diag");
  const auto command_line = make_command_line(2);
  try {
    command_line->app.parse(static_cast<int>(args.size()), args.data());
  } catch (const CLI::Success&) {
    FAIL("--help or --version");
  } catch (const CLI::ParseError& error) {
    const UsageError usage = describe_usage_error(error, *command_line, args);
    const ReportTexts texts(language_in_arguments(args));
    return {texts.message(usage.problem), texts.message(usage.hint)};
  }
  return {"(accepted)"};
}

TEST_CASE("a refused value is said with the option, the value and what it must be", "[app]") {
  CHECK(refusal_of({"analyze", "--format", "yaml", "logs/"}) ==
        std::vector<std::string>{"--format: 'yaml' is not one of text, json, markdown, csv, html",
                                 "see 'iothub-diag analyze --help'"});
  CHECK(refusal_of({"analyze", "--threads", "0", "logs/"}).front() ==
        "--threads: '0' is not a whole number from 1 to 1024");
  CHECK(refusal_of({"analyze", "--threads", "two", "logs/"}).front() ==
        "--threads: 'two' is not a whole number from 1 to 1024");
  CHECK(refusal_of({"kql", "--bin", "1441"}).front() ==
        "--bin: '1441' is not a whole number from 1 to 1440");
  CHECK(refusal_of({"analyze", "--top", "-1", "logs/"}).front() ==
        "--top: '-1' is not a whole number of at least 1");
  CHECK(refusal_of({"kql", "--since", "yesterday"})
            .front()
            .starts_with("--since: 'yesterday' is neither an ISO-8601 UTC time"));
  CHECK(refusal_of({"analyze", "--local-time-offset", "5", "logs/"}).front() ==
        "--local-time-offset: '5' is not a UTC offset such as +02:00 or -0530");
  // A size is refused as the user wrote it, whether its unit or its value is wrong.
  for (const char* size : {"0", "-5", "8X", "2T", "1.5M"}) {
    CAPTURE(size);
    CHECK(refusal_of({"analyze", "--max-record-size", size, "logs/"})
              .front()
              .starts_with("--max-record-size: '" + std::string(size) +
                           "' is not a size from 1 byte to 1T"));
  }
  CHECK(refusal_of({"analyze", "--piece-size", "64K", "--max-record-size", "1T", "logs/"}) ==
        std::vector<std::string>{"(accepted)"});
}

TEST_CASE("unknown words and commands are named, with the nearest command", "[app]") {
  CHECK(refusal_of({"analyze", "--frobnicate", "logs/"}) ==
        std::vector<std::string>{"unexpected argument: --frobnicate",
                                 "see 'iothub-diag analyze --help'"});
  CHECK(refusal_of({"analyze", "--frobnicate", "-x", "logs/"}).front() ==
        "unexpected arguments: --frobnicate -x");
  CHECK(refusal_of({"analyse", "logs/"}) ==
        std::vector<std::string>{"'analyse' is not a command; did you mean 'analyze'?",
                                 "see 'iothub-diag --help'"});
  CHECK(refusal_of({"rulez"}).front() == "'rulez' is not a command; did you mean 'rules'?");
  CHECK(refusal_of({"logs/"}).front() ==
        "'logs/' is not a command (commands: analyze, simulate, kql, rules)");
  CHECK(refusal_of({}).front() == "a command is needed: analyze, simulate, kql, rules");
  // The program's own options are --help and --version; --lang belongs to a command.
  CHECK(refusal_of({"--lang", "fr", "analyze"}).front() == "arguments inattendus\u00A0: --lang fr");
  CHECK(refusal_of({"--lang", "fr", "anlyze"}).front() == "argument inattendu\u00A0: --lang");
  CHECK(refusal_of({"analyze", "logs/", "--threads"}).front() == "--threads needs a value");
  CHECK(refusal_of({"analyze", "logs/", "--top="}).front() == "--top needs a value");
  CHECK(refusal_of({"analyze", "logs/", "-f"}).front() == "--format needs a value");
  CHECK(refusal_of({"analyze", "--format", "json", "logs/", "--format", "text"}).front() ==
        "--format is given more than once");
  CHECK(refusal_of({"analyze", "--hub", "A", "--hub", "B", "logs/", "--top", "0"}).front() ==
        "--top: '0' is not a whole number of at least 1");
  CHECK(refusal_of({"simulate", "--devices", "5"}).front() == "--out is required");
  // Of two problems, the one CLI11 stopped at: the value missing at the end.
  CHECK(refusal_of({"analyze", "logs/", "--format", "json", "--format", "text", "--top"}).front() ==
        "--top needs a value");
  // A flag takes no value, or one read as true or false.
  CHECK(refusal_of({"analyze", "logs/", "--timings=true", "--keep-duplicates=maybe"}).front() ==
        "--keep-duplicates: 'maybe' is neither true nor false");
  CHECK(refusal_of({"kql", "--count=maybe", "--lang", "fr"}).front() ==
        "--count\u00A0: «\u00A0maybe\u00A0» n’est ni true ni false");
  CHECK(refusal_of({"kql", "--count=", "--count=no"}) == std::vector<std::string>{"(accepted)"});
  // Empty words show; commands are matched in any case, and by their start.
  CHECK(refusal_of({"rules", "", ""}).front() == "unexpected arguments: '' ''");
  CHECK(refusal_of({"ANALYZE", "logs/"}).front() ==
        "'ANALYZE' is not a command; did you mean 'analyze'?");
  CHECK(refusal_of({"sim"}).front() == "'sim' is not a command; did you mean 'simulate'?");
  // An option before the command is the program's: its own --help.
  CHECK(refusal_of({"--frob", "analyze", "logs/"}) ==
        std::vector<std::string>{"unexpected argument: --frob", "see 'iothub-diag --help'"});
}

TEST_CASE("a usage error follows --lang, wherever it stands", "[app]") {
  CHECK(refusal_of({"analyze", "--lang", "fr", "--format", "yaml", "logs/"}) ==
        std::vector<std::string>{"--format\u00A0: «\u00A0yaml\u00A0» n’est pas une valeur admise "
                                 "(text, json, markdown, csv, html)",
                                 "voir «\u00A0iothub-diag analyze --help\u00A0»"});
  // After the refused value: CLI11 stops before it, the scan does not.
  CHECK(refusal_of({"analyze", "--top", "0", "--lang=fr", "logs/"}).front() ==
        "--top\u00A0: «\u00A00\u00A0» n’est pas un nombre entier d’au moins 1");
  CHECK(refusal_of({"rules", "--lang", "de"}).front() == "--lang: 'de' is not one of en, fr");
  CHECK(refusal_of({"anlyze", "--lang", "fr"}).front() ==
        "«\u00A0anlyze\u00A0» n’est pas une commande\u00A0; vouliez-vous dire "
        "«\u00A0analyze\u00A0»\u00A0?");
}

TEST_CASE("the language of a command line is its last valid --lang before --", "[app]") {
  const auto language = [](std::vector<const char*> args) {
    args.insert(args.begin(), "iothub-diag");
    return language_in_arguments(args);
  };
  CHECK(language({"analyze", "logs/"}) == Language::en);
  CHECK(language({"analyze", "--lang", "fr"}) == Language::fr);
  CHECK(language({"analyze", "--lang=fr", "--lang", "en"}) == Language::en);
  CHECK(language({"analyze", "--lang", "fr", "--lang", "de"}) == Language::fr);
  CHECK(language({"analyze", "--lang"}) == Language::en);
  CHECK(language({"analyze", "--", "--lang", "fr"}) == Language::en);
  CHECK(language_in_arguments({}) == Language::en);
}

}  // namespace
}  // namespace iothub_diag
