// Whatever a log file holds, ingest neither crashes, hangs nor grows without
// bound, keeps the good records around the bad, and counts every rejection
// by reason and location.
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "input/gzip_bytes.hpp"
#include "input/recording_sink.hpp"
#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;
using testing::gzip;
using testing::read_text;
using testing::TempDir;

const std::string kGood =
    R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceDisconnect","category":"Connections",)"
    R"("level":"Error","resultType":"404104","properties":"{\"deviceId\":\"sensor-thl-2001\"}"})";

std::string file_text(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

EventStore ingest(const std::vector<std::string>& paths) {
  EventStore store;
  ingest_paths(paths, ReadOptions{}, store);
  store.finalize();
  return store;
}

}  // namespace

TEST_CASE("a JSON Lines file with truncated lines keeps exactly its good records",
          "[input][hostile]") {
  const std::string fleet = file_text(std::string(IOTHUB_DIAG_TEST_DATA) + "/fleet/fleet.jsonl");
  std::istringstream lines(fleet);
  std::string text;
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (number == 3 || number == 7) line.resize(line.size() / 2);  // a download cut mid-record
    text += line + "\n";
  }
  TempDir dir;
  const EventStore store = ingest({dir.write("cut.jsonl", text).string()});
  CHECK(store.stats().records == 11);
  CHECK(store.stats().skipped == 2);
  CHECK(store.stats().skipped_reasons.at(SkipReason::truncated_record) == 2);
  REQUIRE(store.stats().skip_samples.size() == 2);
  CHECK(store.stats().skip_samples[0].location() == (dir.path() / "cut.jsonl").string() + ":3");
  CHECK(store.stats().skip_samples[1].location() == (dir.path() / "cut.jsonl").string() + ":7");
}

TEST_CASE("a batch record cut inside a string ends where the next record begins a line",
          "[input][hostile]") {
  const auto sink = read_text("{\"records\":[\n" + kGood.substr(0, kGood.find("Connections")) +
                              "\n" + kGood + ",\n" + kGood + "\n]}\n");
  CHECK(sink.events.size() == 2);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::truncated_record);
  CHECK(sink.skips[0].location == "x:2 (record 1)");
}

TEST_CASE("a batch cut between two records keeps both and reports the cut", "[input][hostile]") {
  for (const std::string opening : {"{\"records\":[\n", "[\n"}) {
    INFO(opening);
    const auto sink = read_text(opening + kGood + ",\n" + kGood + ",\n");
    CHECK(sink.events.size() == 2);
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
    CHECK(sink.skips[0].location == "x:4");
  }
}

TEST_CASE("empty and blank files are read as holding nothing", "[input][hostile]") {
  for (const std::string_view text :
       {std::string_view(""), std::string_view(" \r\n\t\n"), std::string_view("\xEF\xBB\xBF")}) {
    testing::RecordingSink sink;
    CHECK(read_stream(std::make_unique<MemorySource>(text), "x", {}, sink) == StreamOutcome::empty);
    CHECK(sink.events.empty());
    CHECK(sink.skips.empty());
  }
}

TEST_CASE("random binary is rejected as a whole file", "[input][hostile]") {
  std::mt19937 random(42);
  std::string bytes(1 << 20, '\0');
  for (char& c : bytes)
    c = static_cast<char>(random());
  testing::RecordingSink sink;
  CHECK(read_stream(std::make_unique<MemorySource>(bytes), "x", {}, sink) ==
        StreamOutcome::rejected);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::binary_file);
  CHECK(sink.skips[0].location == "x:1");
}

TEST_CASE("UTF-16, Avro and zip files are rejected with what to do", "[input][hostile]") {
  const auto utf16 = read_text(std::string("\xFF\xFE{\0\"\0", 6));
  REQUIRE(utf16.skips.size() == 1);
  CHECK(utf16.skips[0].reason == SkipReason::unrecognized_format);
  CHECK(utf16.skips[0].detail == "UTF-16 text: save the file as UTF-8 and read it again");
  const auto avro =
      read_text(std::string("Obj\x01\x04\x14"
                            "avro.codec",
                            16));
  REQUIRE(avro.skips.size() == 1);
  CHECK(avro.skips[0].detail ==
        "an Avro file (Event Hubs Capture): extract the message bodies as JSON first (avro-tools "
        "tojson)");
}

TEST_CASE("a single 50 MB line is read, or skipped alone when it is not a record",
          "[input][hostile]") {
  const std::string huge(50u << 20, 'x');
  const std::string record =
      R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceConnect","category":)"
      R"("Connections","properties":"{\"deviceId\":\"big\",\"errorMessage\":\")" +
      huge + R"(\"}"})";
  const auto kept = read_text(record + "\n" + kGood + "\n");
  CHECK(kept.skips.empty());
  CHECK(kept.events.size() == 2);

  const auto garbage = read_text(kGood + "\n{" + huge + "\n" + kGood + "\n");
  CHECK(garbage.events.size() == 2);
  REQUIRE(garbage.skips.size() == 1);
  CHECK(garbage.skips[0].reason == SkipReason::invalid_json);
  CHECK(garbage.skips[0].location == "x:2");

  const auto text_line = read_text(huge);  // no shape at all
  REQUIRE(text_line.skips.size() == 1);
  CHECK(text_line.skips[0].reason == SkipReason::unrecognized_format);
}

TEST_CASE("100,000 nested brackets are refused as too deep, in lines and in values",
          "[input][hostile]") {
  const std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  const auto lines = read_text(kGood + "\n" + deep + "\n" + kGood + "\n");
  CHECK(lines.events.size() == 2);
  REQUIRE(lines.skips.size() == 1);
  CHECK(lines.skips[0].reason == SkipReason::nesting_too_deep);
  CHECK(lines.skips[0].location == "x:2");

  const auto values = read_text(deep + "\n" + kGood + "\n");
  CHECK(values.events.size() == 1);
  REQUIRE_FALSE(values.skips.empty());
  CHECK(values.skips[0].reason == SkipReason::nesting_too_deep);

  // One long line that never closes: read as one document, whose first record is cut.
  const auto unclosed = read_text("{\"records\":" + std::string(100'000, '['));
  CHECK(unclosed.events.empty());
  REQUIRE(unclosed.skips.size() == 1);
  CHECK(unclosed.skips[0].reason == SkipReason::truncated_record);
  CHECK(unclosed.skips[0].location == "x:1 (record 1)");
}

TEST_CASE("invalid UTF-8 and NUL bytes spoil only their own record", "[input][hostile]") {
  std::string bad_utf8 = kGood;
  bad_utf8.replace(bad_utf8.find("sensor"), 1, "\xC3\x28");
  std::string nul = kGood;
  nul[nul.find("Connections")] = '\0';
  const auto sink = read_text(kGood + "\n" + bad_utf8 + "\n" + nul + "\n" + kGood + "\n");
  CHECK(sink.events.size() == 2);
  REQUIRE(sink.skips.size() == 2);
  CHECK(sink.skips[0].reason == SkipReason::invalid_utf8);
  CHECK(sink.skips[0].location == "x:2");
  CHECK(sink.skips[1].location == "x:3");
}

TEST_CASE("terminal escapes inside device ids are kept as data and never printed raw",
          "[input][hostile]") {
  const std::string record =
      R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceConnect","category":"Connections",)"
      R"("properties":"{\"deviceId\":\"\\u001b[2J\\u001b]0;owned\\u0007dev\"}"})";
  const auto sink = read_text(record + "\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].device_id ==
        "\x1b[2J\x1b]0;owned\x07"
        "dev");
  const std::string shown = escape_for_terminal(sink.events[0].device_id);
  CHECK(shown.find('\x1b') == std::string::npos);
  CHECK(shown.find('\x07') == std::string::npos);
}

TEST_CASE("a truncated .gz keeps the records before the cut and reports it", "[input][hostile]") {
  const std::string fleet = file_text(std::string(IOTHUB_DIAG_TEST_DATA) + "/fleet/fleet.jsonl");
  const std::string compressed = gzip(fleet);
  const auto sink = read_text(compressed.substr(0, compressed.size() * 2 / 3));
  CHECK_FALSE(sink.events.empty());
  CHECK(sink.events.size() < 13);
  REQUIRE_FALSE(sink.skips.empty());
  CHECK(sink.skips.back().reason == SkipReason::corrupt_compressed_data);
  CHECK(sink.skips.back().detail ==
        "truncated gzip data (the file ends inside a compressed stream)");

  const auto garbage = read_text(std::string("\x1f\x8b") + std::string(1000, 'z'));
  REQUIRE(garbage.skips.size() == 1);
  CHECK(garbage.skips[0].reason == SkipReason::corrupt_compressed_data);
}

TEST_CASE("a directory symlink loop is walked once", "[input][hostile]") {
  TempDir dir;
  fs::create_directories(dir.path() / "a");
  std::ofstream(dir.path() / "a" / "log.jsonl") << kGood << "\n";
  fs::create_directory_symlink(dir.path() / "a", dir.path() / "a" / "loop");
  fs::create_directory_symlink(dir.path(), dir.path() / "a" / "up");
  const EventStore store = ingest({dir.path().string()});
  CHECK(store.stats().files == 1);
  CHECK(store.stats().records == 1);
}

TEST_CASE("unreadable inputs are reported and the rest still read", "[input][hostile]") {
  TempDir dir;
  // Tests run as root, where permissions do not stop reads: a directory opened as a file does.
  testing::RecordingSink sink;
  read_stream(std::make_unique<FileSource>(dir.path().string()), "d", {}, sink);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::unreadable_file);
  CHECK(sink.skips[0].detail == "Is a directory");

  EventStore store;
  const IngestResult result = ingest_paths(
      {(dir.path() / "missing.jsonl").string(), dir.write("ok.jsonl", kGood).string()}, {}, store);
  REQUIRE(result.path_problems.size() == 1);
  CHECK(result.path_problems[0].problem == Message{MessageId::os_no_such_file, {}});
  CHECK(store.stats().records == 1);
}

TEST_CASE("input with nothing usable leaves no records and counts every rejection",
          "[input][hostile]") {
  TempDir dir;
  dir.write("empty.json", "");
  dir.write("binary.bin", std::string(4096, '\x01'));
  dir.write("notes.txt", "these are not logs\n");
  dir.write("cut.jsonl", kGood.substr(0, 40));
  const EventStore store = ingest({dir.path().string()});
  CHECK(store.stats().records == 0);
  CHECK(store.stats().files == 4);
  CHECK(store.stats().skipped == 3);
  CHECK(store.stats().skipped_reasons.at(SkipReason::binary_file) == 1);
  CHECK(store.stats().skipped_reasons.at(SkipReason::unrecognized_format) == 1);
  CHECK(store.stats().skipped_reasons.at(SkipReason::truncated_record) == 1);
}

}  // namespace iothub_diag
