// Which shape a file is read as, decided from its content: a one-line document
// of any size, blank lines before the first record, a bad first line, and
// streams that never end (pipes, devices) under a forced format; this tool's
// own outputs passed over.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "input/recording_sink.hpp"
#include "support/input_files.hpp"
#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/stat.h>

#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {
namespace {

using testing::read_text;
using testing::RecordingSink;
using testing::TempDir;

std::string record(int n) {
  return fmt::format(R"({{"time":"2021-09-21T22:{:02}:{:02}Z","operationName":"deviceDisconnect",)"
                     R"("category":"Connections","level":"Error","resultType":"404104",)"
                     R"("properties":"{{\"deviceId\":\"dev-{:05}\"}}"}})",
                     (n / 60) % 60, n % 60, n);
}

// `count` records as one JSON array on a single line, as `az ... -o json` piped through jq -c.
std::string one_line_array(int count) {
  std::string text = "[";
  for (int n = 0; n < count; ++n)
    text += (n == 0 ? "" : ",") + record(n);
  return text + "]";
}

ReadOptions small_records() {
  ReadOptions options;
  options.limits.max_text_bytes = 4096;
  return options;
}

// Bytes that never end, as `/dev/zero` or a writer that never stops; counts
// what was read in `read`, which outlives the source.
class EndlessSource final : public ByteSource {
 public:
  EndlessSource(char byte, std::size_t& read) : byte_(byte), read_(read) {}
  std::size_t read(std::span<char> buffer) override {
    std::fill(buffer.begin(), buffer.end(), byte_);
    read_ += buffer.size();
    return buffer.size();
  }

 private:
  char byte_;
  std::size_t& read_;
};

}  // namespace

TEST_CASE("a one-line array far larger than the record limit is read as a document", "[input]") {
  const std::string array = one_line_array(2000);  // about 400 KB, a hundred times the limit
  REQUIRE(array.size() > kDetectionBytes);
  CHECK(detect_input_format(array.substr(0, kDetectionBytes)) == InputFormat::json);
  CHECK_FALSE(reads_as_json_lines(array.substr(0, kDetectionBytes), ReadOptions{}));

  const auto sink = read_text(array + "\n", small_records());
  CHECK(sink.skips.empty());
  REQUIRE(sink.events.size() == 2000);
  CHECK(sink.events[1999].device_id == "dev-01999");
  CHECK(sink.events[1999].location == "x:1 (record 2000)");
}

TEST_CASE("a one-line records wrapper far larger than the record limit is streamed", "[input]") {
  std::string blob = "{\"records\":" + one_line_array(2000) + "}";
  const auto sink = read_text(blob, small_records());
  CHECK(sink.skips.empty());
  CHECK(sink.events.size() == 2000);
}

TEST_CASE("a JSON Lines record longer than the sample keeps every line and its number", "[input]") {
  std::string big = record(0);
  big.insert(big.find("dev-00000") + 9, std::string(100'000, 'x'));
  const std::string text = big + "\n" + record(1) + "\n\n" + record(2) + "\n";
  const auto sink = read_text(text);
  CHECK(sink.skips.empty());
  REQUIRE(sink.events.size() == 3);
  CHECK(sink.events[0].location == "x:1");
  CHECK(sink.events[1].location == "x:2");
  CHECK(sink.events[2].location == "x:4");

  // A broken line among them still spoils only itself.
  const auto broken = read_text(big + "\n{\"time\":\n" + record(2) + "\n");
  CHECK(broken.events.size() == 2);
  REQUIRE(broken.skips.size() == 1);
  CHECK(broken.skips[0].location == "x:2");
}

TEST_CASE("blank lines before the first record are skipped however many, lines keep numbers",
          "[input]") {
  const std::string blank(100'000, '\n');  // more than the detection sample
  const auto lines = read_text(blank + record(0) + "\n" + record(1) + "\n");
  CHECK(lines.skips.empty());
  REQUIRE(lines.events.size() == 2);
  CHECK(lines.events[0].location == "x:100001");
  CHECK(lines.events[1].location == "x:100002");

  const auto spaces = read_text(std::string(70'000, ' ') + "\r\n \n" + one_line_array(3));
  REQUIRE(spaces.events.size() == 3);
  CHECK(spaces.events[0].location == "x:3 (record 1)");

  const auto csv = read_text(blank +
                             "TimeGenerated [UTC],OperationName,Category,Level,ResultType,"
                             "properties_s\n2021-09-21T22:33:34Z,deviceConnect,Connections,"
                             "Information,,\"{\"\"deviceId\"\":\"\"a\"\"}\"\n");
  REQUIRE(csv.events.size() == 1);
  CHECK(csv.events[0].location == "x:100002");

  CHECK(read_text(std::string(200'000, '\n')).skips.empty());  // only blank: nothing to read
}

TEST_CASE("a bad first line is one skip, and the JSON Lines after it are read", "[input]") {
  const std::string rest = record(1) + "\n" + record(2) + "\n" + record(3) + "\n";
  for (const std::string& first : {
           std::string(R"(Id":"dev-00000"}"})"),  // a record cut at the start of a blob
           std::string("# exported from the storage account"),
           std::string("<html><body>502 Bad Gateway</body></html>"),
       }) {
    CAPTURE(first);
    CHECK(detect_input_format(first + "\n" + rest) == InputFormat::json_lines);
    const auto sink = read_text(first + "\n" + rest);
    CHECK(sink.events.size() == 3);
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::invalid_json);
    CHECK(sink.skips[0].location == "x:1");
  }
}

TEST_CASE("a file that is all HTML is still refused whole", "[input]") {
  const std::string page =
      "<!DOCTYPE html>\n<html>\n<head><title>Sign in</title></head>\n<body>\n"
      "<p>{\"error\": \"expired\"}</p>\n</body>\n</html>\n";
  CHECK_FALSE(detect_input_format(page));
  const auto sink = read_text(page);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::unrecognized_format);
}

TEST_CASE("a pretty-printed array is not taken for JSON Lines by its last element", "[input]") {
  CHECK(detect_input_format("[\n" + record(1) + ",\n" + record(2) + "\n]\n") == InputFormat::json);
}

TEST_CASE("an endless stream of NUL bytes under a forced format ends with one skip", "[input]") {
  for (const InputFormat format : {InputFormat::json_lines, InputFormat::json, InputFormat::csv}) {
    CAPTURE(to_string(format));
    ReadOptions options;
    options.format = format;
    options.limits.max_text_bytes = 1u << 20;
    std::size_t bytes_read = 0;
    RecordingSink sink;
    read_stream(std::make_unique<EndlessSource>('\0', bytes_read), "zero", options, sink);
    CHECK(sink.events.empty());
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::record_too_large);
    CHECK(sink.skips[0].location == "zero:1");
    CHECK(bytes_read < std::size_t{16} << 20);  // stopped soon after the limit
  }
}

TEST_CASE("a FIFO with a writer is read to its end, with a note that it is a pipe", "[input]") {
  const TempDir dir;
  const std::string fifo = (dir.path() / "pipe").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << record(1) << "\n" << record(2) << "\n";
  });
  EventStore store;
  std::vector<std::string> told;
  IngestOptions ingest;
  ingest.on_pipe = [&](const Message& note) { told.push_back(english_text(note)); };
  ingest_paths({fifo}, ReadOptions{}, store, ingest);
  writer.join();
  store.finalize();
  CHECK(store.stats().records == 2);
  REQUIRE(told.size() == 1);
  CHECK(told[0] == english_text(pipe_note(fifo)));
  CHECK(store.stats().notes == std::vector<Message>{pipe_note(fifo)});
}

TEST_CASE("this tool's report and a simulation's ground truth among logs are named, not read",
          "[input]") {
  namespace fs = std::filesystem;
  const TempDir dir;
  const fs::path source(IOTHUB_DIAG_SOURCE_DIR);
  // As `simulate` and `analyze --format json` write them, and as jq -c prints a report.
  fs::copy_file(source / "samples" / "ground-truth.json", dir.path() / "ground-truth.json");
  const fs::path report =
      source / "test" / "golden" / "scenarios" / "lone-drop-json" / "expected.out";
  fs::copy_file(report, dir.path() / "report.json");
  std::string compact = testing::file_bytes(report);
  std::erase_if(compact, [](char c) { return c == '\n' || c == ' '; });
  std::ofstream(dir.path() / "compact.json", std::ios::binary) << "\xEF\xBB\xBF\r\n" << compact;
  std::ofstream(dir.path() / "logs.json", std::ios::binary) << record(1) << "\n"
                                                            << record(2) << "\n";
  EventStore store;
  ingest_paths({dir.path().string()}, ReadOptions{}, store, IngestOptions{});
  store.finalize();
  const IngestStats& stats = store.stats();
  CHECK(stats.records == 2);
  CHECK(stats.skipped == 0);
  CHECK(stats.files == 1);
  std::vector<std::string> notes;
  for (const Message& note : stats.notes)
    notes.push_back(english_text(note));
  std::sort(notes.begin(), notes.end());
  const std::string at = dir.path().string() + "/";
  CHECK(notes == std::vector<std::string>{
                     at + "compact.json is a report iothub-diag wrote, not logs: passed over",
                     at + "ground-truth.json is the ground truth `iothub-diag simulate` wrote "
                          "beside its logs, not logs: passed over",
                     at + "report.json is a report iothub-diag wrote, not logs: passed over"});
}

TEST_CASE("JSON that only looks like this tool's outputs is read as logs", "[input]") {
  for (const std::string_view text : {
           R"({"schema_version": 2, "tool": {"name": "another-tool"}})",
           R"({"seed": 1, "schema_version": 2})",
           R"({"schema_version": 2, "seeds": 1})",
           R"({"schema_version": "2", "seed": 1})",
           R"({"tool": {"name": "iothub-diag"}, "schema_version": 2})",
           R"({"schema_version": 2, "tool": {"name": "iothub - diag"}})",
       }) {
    INFO(text);
    const RecordingSink sink = read_text(text);
    CHECK(sink.notes.empty());
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::not_a_record);
  }
}

}  // namespace iothub_diag
