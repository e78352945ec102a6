// Where the analyze report goes, and that no failure to put it there is silent.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/app/report_output.hpp>
#include <iothub_diag/core/descriptor_stream.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

const std::string kSamples = std::string(IOTHUB_DIAG_SOURCE_DIR) + "/samples/logs";

AnalyzeOptions sample_options() {
  AnalyzeOptions options;
  options.paths = {kSamples};
  options.format = ReportFormat::json;
  options.fail_on.reset();
  options.threads = 1;
  return options;
}

std::string read_all(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

TEST_CASE("a stream over a full device tells why the write failed", "[app]") {
  const int full = ::open("/dev/full", O_WRONLY);
  if (full < 0) {
    WARN("no /dev/full: nothing to check");
    return;
  }
  {
    DescriptorStream stream(full);
    stream << std::string(100, 'x');
    CHECK_FALSE(stream.flush());
    CHECK(stream.error() == ENOSPC);
  }
  ::close(full);
}

TEST_CASE("a report that cannot be written to standard output is exit 2 with the reason", "[app]") {
  const int full = ::open("/dev/full", O_WRONLY);
  if (full < 0) {
    WARN("no /dev/full: nothing to check");
    return;
  }
  DescriptorStream out(full);
  std::ostringstream err;
  CHECK(run_analyze(sample_options(), Environment{}, out, err) == ExitCode::failure);
  CHECK(err.str().ends_with(
      "iothub-diag: error: cannot write the report to standard output: No space left on "
      "device\n"));
  ::close(full);
}

TEST_CASE("a stream that refuses the report is exit 2 even without a reason", "[app]") {
  std::ostream refusing(nullptr);  // no buffer: every write sets badbit
  std::ostringstream err;
  CHECK(run_analyze(sample_options(), Environment{}, refusing, err) == ExitCode::failure);
  CHECK(err.str().find("cannot write the report to standard output: ") != std::string::npos);
}

TEST_CASE("a listing that cannot be written to standard output names what was lost", "[app]") {
  std::ostream refusing(nullptr);
  const Message rule_list{MessageId::output_rule_list, {}};
  const auto problem = finish_standard_output(refusing, rule_list);
  REQUIRE(problem);
  CHECK(english_text(*problem) ==
        "cannot write the rule list to standard output: Input/output error");
  CHECK(ReportTexts(Language::fr).message(*problem) ==
        "impossible d’écrire la liste des règles sur la sortie standard\u00A0: Erreur "
        "d’entrée-sortie");
  std::ostringstream written;
  written << "rules\n";
  CHECK_FALSE(finish_standard_output(written, rule_list));
}

TEST_CASE("an -o into a folder that does not exist is refused before any input is read", "[app]") {
  const testing::TempDir folder;
  AnalyzeOptions options = sample_options();
  options.output_file = (folder.path() / "missing" / "report.json").string();
  options.paths = {(folder.path() / "never-read.json").string()};  // would be an error if read
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(err.str() == "iothub-diag: error: cannot write the report to '" + options.output_file +
                         "': No such file or directory\n");
  CHECK(out.str().empty());
}

TEST_CASE("an -o that names a folder is refused before the analysis", "[app]") {
  const testing::TempDir folder;
  AnalyzeOptions options = sample_options();
  options.output_file = folder.path().string();
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(err.str().ends_with("': Is a directory\n"));
  CHECK(std::distance(fs::directory_iterator(folder.path()), fs::directory_iterator()) == 0);
}

TEST_CASE("the -o report replaces a previous report whole, and keeps it when the run fails",
          "[app]") {
  const testing::TempDir folder;
  const fs::path target = folder.write("report.json", "previous report\n");
  AnalyzeOptions options = sample_options();
  options.output_file = target.string();
  options.paths = {folder.write("empty.jsonl", "").string()};  // no record: exit 2, no report
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(read_all(target) == "previous report\n");

  options.paths = {kSamples};
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::clean);
  const std::string report = read_all(target);
  CHECK(report.starts_with("{"));
  CHECK(report.ends_with("}\n"));
  CHECK(std::distance(fs::directory_iterator(folder.path()), fs::directory_iterator()) == 2);
  CHECK(out.str().empty());
}

TEST_CASE("an -o of - writes the report to standard output", "[app]") {
  AnalyzeOptions options = sample_options();
  options.output_file = "-";
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::clean);
  CHECK(out.str().starts_with("{"));
  CHECK_FALSE(fs::exists("-"));
}

TEST_CASE("an -o over an input file, or into an input folder, is refused", "[app]") {
  const testing::TempDir folder;
  const fs::path log = folder.write("hub.jsonl", "{}\n");
  CHECK(input_overwritten_by(log.string(), {"-", log.string()}) == log.string());
  CHECK(input_overwritten_by((folder.path() / "." / "hub.jsonl").string(), {log.string()}) ==
        log.string());
  CHECK(input_overwritten_by(log.string(), {folder.path().string()}) == folder.path().string());
  CHECK_FALSE(
      input_overwritten_by((folder.path() / "new.json").string(), {folder.path().string()}));
  CHECK_FALSE(input_overwritten_by("-", {"-"}));
  // A link in an input folder is read as a log there; -o on it would replace
  // the file it names, wherever that lies.
  const testing::TempDir elsewhere;
  const fs::path outside = elsewhere.write("outside.jsonl", "{}\n");
  fs::create_symlink(outside, folder.path() / "link.jsonl");
  CHECK(input_overwritten_by((folder.path() / "link.jsonl").string(), {folder.path().string()}) ==
        folder.path().string());
  // The same link makes the outside file a log too: -o on it would replace a log.
  CHECK(input_overwritten_by(outside.string(), {folder.path().string()}) ==
        (folder.path() / "link.jsonl").string());
  // And a hard link, through another name, in a folder below.
  const fs::path deeper = folder.path() / "day-2";
  fs::create_directory(deeper);
  const fs::path other = elsewhere.write("other.jsonl", "{}\n");
  fs::create_hard_link(other, deeper / "hard.jsonl");
  CHECK(input_overwritten_by(other.string(), {"-", folder.path().string()}) ==
        (deeper / "hard.jsonl").string());
  // A report already beside them, that no input names, is replaced as asked.
  const fs::path report = elsewhere.write("report.json", "{}\n");
  CHECK_FALSE(input_overwritten_by(report.string(), {folder.path().string(), outside.string()}));

  AnalyzeOptions options = sample_options();
  options.paths = {log.string()};
  options.output_file = log.string();
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(err.str() == "iothub-diag: error: -o '" + log.string() +
                         "' would overwrite a log read from '" + log.string() +
                         "'; write the report elsewhere\n");
  CHECK(read_all(log) == "{}\n");
}

TEST_CASE("a named file that cannot be opened is in the report, and the exit code is 2", "[app]") {
  const testing::TempDir folder;
  // A socket exists but refuses open(): the one unreadable file that root meets too.
  const std::string socket_path = (folder.path() / "hub.sock").string();
  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  REQUIRE(socket_path.size() < sizeof(address.sun_path));
  std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
  REQUIRE(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  AnalyzeOptions options = sample_options();
  options.paths = {kSamples, socket_path};
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  ::close(listener);
  CHECK(out.str().find("\"path\": \"" + socket_path +
                       "\",\n        \"problem\": \"No such device or address\"") !=
        std::string::npos);
  CHECK(err.str().find("iothub-diag: error: cannot read '" + socket_path +
                       "': No such device or address\n") != std::string::npos);
}

TEST_CASE("a missing path among logs is in the report, and the exit code is 2 after it", "[app]") {
  const testing::TempDir folder;
  AnalyzeOptions options = sample_options();
  const std::string missing = (folder.path() / "missing.json").string();
  options.paths = {kSamples, missing};
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::failure);
  CHECK(out.str().find("\"problems\": [\n      {\n        \"path\": \"" + missing +
                       "\",\n        \"problem\": \"No such file or directory\"\n      }\n    ]") !=
        std::string::npos);
  CHECK(err.str().find("cannot read '" + missing + "': No such file or directory") !=
        std::string::npos);
}

}  // namespace
}  // namespace iothub_diag
