// Log Analytics portal CSV exports: RFC 4180 quoting, columns by name, dates.
#include <filesystem>
#include <string>
#include <vector>

#include "input/recording_sink.hpp"
#include "support/input_files.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace iothub_diag {
namespace {

using testing::read_text;
namespace fs = std::filesystem;

constexpr std::string_view kHeader =
    "TimeGenerated [UTC],OperationName,Category,Level,ResultType,properties_s\r\n";

std::string row(std::string_view time, std::string_view operation, std::string_view code,
                std::string_view device) {
  return std::string(time.find(',') == std::string_view::npos ? time
                                                              : "\"" + std::string(time) + "\"") +
         "," + std::string(operation) + ",Connections," + (code.empty() ? "Information" : "Error") +
         "," + std::string(code) + ",\"{\"\"deviceId\"\":\"\"" + std::string(device) +
         "\"\"}\"\r\n";
}

Timestamp iso(std::string_view text) {
  return *parse_iso8601(text);
}

// Every call a reader makes, each as one line holding every field it was given.
class CallLines final : public RecordSink {
 public:
  void on_event(const Event& e, const SourceLocation& at) override {
    lines.push_back(fmt::format(
        "event {}:{} {} {}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", at.source, at.line, e.time,
        e.category, e.operation_name, static_cast<int>(e.operation), static_cast<int>(e.level),
        e.code, e.result_description, e.device_id, e.module_id, e.protocol, e.sdk_version,
        e.masked_ip, e.auth_type, e.correlation_id, e.hub, e.from_state_snapshot));
  }
  void on_skip(SkipReason reason, const SourceLocation& at, const SkipDetail& detail) override {
    const std::optional<Message> message = detail.message();
    lines.push_back(fmt::format("skip {}:{} {} {}", at.source, at.line, static_cast<int>(reason),
                                message ? english_text(*message) : std::string()));
  }
  void on_note(const Message& note) override { lines.push_back("note " + english_text(note)); }
  void on_skipped_404104(SkipReason reason) override {
    lines.push_back(fmt::format("skipped 404104 {}", static_cast<int>(reason)));
  }
  void on_metric_series(const MetricSeries& /*series*/) override { lines.emplace_back("metric"); }
  void on_health_event(const HealthEvent& /*event*/) override { lines.emplace_back("health"); }
  void on_activity_event() override { lines.emplace_back("activity"); }
  void on_metric_document() override { lines.emplace_back("metric document"); }

  std::vector<std::string> lines;
};

std::vector<std::string> call_lines(std::string_view bytes, ReadOptions options) {
  CallLines sink;
  read_stream(std::make_unique<MemorySource>(bytes), "e.csv", options, sink);
  return sink.lines;
}

// Rows of every kind, in an order where the day/month order is decided only
// after many rows are held: locale dates that do not show it, one that does,
// then ISO and locale dates, bad times, short rows, the header again, broken
// quotes, and authType JSON in properties.
std::string rows_of_every_kind(std::string_view header) {
  std::string text(header);
  for (int i = 0; i < 600; ++i) {
    const std::string device = "dev-" + std::to_string(i % 37);
    const std::string clock = fmt::format("{:02}:{:02}:{:02}", i / 60 % 24, i % 60, i % 7);
    std::string time;
    if (i < 150)
      time = fmt::format("0{}/0{}/2026 {}.000", 1 + i % 9, 1 + i % 9, clock);
    else if (i == 150)
      time = "20/04/2026 " + clock + ".000";
    else if (i % 3 == 0)
      time = "2026-04-21T" + clock + "Z";
    else
      time = fmt::format("{:02}/04/2026, {}.000", 1 + i % 28, clock);
    if (i % 97 == 5) time = "yesterday";
    if (i % 89 == 3) time.clear();
    const bool drop = i % 4 == 1;
    text += row(time, drop ? "deviceDisconnect" : "deviceConnect", drop ? "404104" : "", device);
    if (i % 71 == 13) text += "2026-04-21T01:00:00Z,deviceConnect\r\n";
    if (i % 83 == 17) text += header;
    if (i % 101 == 19) text += "\"broken\" row,x\r\n";
    if (i % 59 == 23) {
      text +=
          "2026-04-21T02:00:00Z,deviceConnect,Connections,Information,,\"{\"\"deviceId\"\":\"\"" +
          device +
          "\"\",\"\"authType\"\":\"\"{\\\"\"scope\\\"\":\\\"\"device\\\"\",\\\"\"type\\\"\":"
          "\\\"\"sas\\\"\"}\"\"}\"\r\n";
    }
  }
  return text;
}

}  // namespace

TEST_CASE("a CSV row holds the properties JSON quoted, with delimiters, quotes and line breaks",
          "[input][csv]") {
  const std::string text =
      std::string("\xEF\xBB\xBF") + std::string(kHeader) +
      "2026-11-20T13:05:09.1234567Z,deviceDisconnect,Connections,Error,404104,"
      "\"{\r\n  \"\"deviceId\"\": \"\"dev,1\"\",\r\n  \"\"protocol\"\": \"\"Mqtt\"\"\r\n}\"\r\n" +
      row("2026-11-20T13:06:00Z", "deviceConnect", "", "dev,1");
  const auto sink = read_text(text);
  REQUIRE(sink.skips.empty());
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[0].time == iso("2026-11-20T13:05:09.123Z"));
  CHECK(sink.events[0].device_id == "dev,1");
  CHECK(sink.events[0].protocol == "Mqtt");
  CHECK(sink.events[0].code == 404104);
  CHECK(sink.events[0].location == "x:2");
  CHECK(sink.events[1].location == "x:6");  // the quoted line breaks count as lines
}

TEST_CASE("CSV columns are found by name in any order and subset", "[input][csv]") {
  const auto sink = read_text(
      "Level;DeviceId;TimeGenerated [UTC];OperationName;SDKVersion;Protocol\n"
      "Information;d1;2026-11-20T13:05:09Z;deviceConnect;Java/1.30.1;Amqp\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].device_id == "d1");
  CHECK(sink.events[0].sdk_version == "Java/1.30.1");
  CHECK(sink.events[0].protocol == "Amqp");
}

TEST_CASE("a fixed zone in the time header is applied", "[input][csv]") {
  const auto sink = read_text(
      "TimeGenerated [UTC+02:00],OperationName,DeviceId\n2026-11-20 13:05:09,deviceConnect,d1\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].time == iso("2026-11-20T11:05:09Z"));
  CHECK(sink.notes.empty());
}

TEST_CASE("ambiguous locale dates wait until a later value shows day first", "[input][csv]") {
  const std::string text = std::string(kHeader) +
                           row("03/04/2026 10:00:00.000", "deviceConnect", "", "d1") +
                           row("04/04/2026 10:00:00.000", "deviceConnect", "", "d1") +
                           row("20/04/2026 10:00:00.000", "deviceConnect", "", "d1");
  const auto sink = read_text(text, {}, "export.csv");
  REQUIRE(sink.events.size() == 3);
  // Held rows are released in file order once the third row decides.
  CHECK(sink.events[0].time == iso("2026-04-03T10:00:00Z"));
  CHECK(sink.events[0].location == "export.csv:2");
  CHECK(sink.events[1].time == iso("2026-04-04T10:00:00Z"));
  CHECK(sink.events[2].time == iso("2026-04-20T10:00:00Z"));
  CHECK(sink.events[2].location == "export.csv:4");
  REQUIRE(sink.notes.size() == 1);
  CHECK(sink.notes[0] ==
        "export.csv: locale dates read as day/month/year, as values such as '20/04/2026 "
        "10:00:00.000' show");
}

TEST_CASE("year-first dates are read as they are, without holding rows or a note", "[input][csv]") {
  const std::string text = std::string(kHeader) +
                           row("2026/03/04 10:00:00.000", "deviceConnect", "", "d1") +
                           row("2026/03/04 10:05:00.000", "deviceDisconnect", "404104", "d1");
  ReadOptions options;
  options.date_order = DateOrder::day_first;  // asked for, and beside the point
  for (const ReadOptions& read_options : {ReadOptions{}, options}) {
    const auto sink = read_text(text, read_options, "ja.csv");
    REQUIRE(sink.events.size() == 2);
    CHECK(sink.events[0].time == iso("2026-03-04T10:00:00Z"));
    CHECK(sink.events[1].time == iso("2026-03-04T10:05:00Z"));
    CHECK(sink.events[1].code == 404104);
    CHECK(sink.skips.empty());
    CHECK(sink.notes.empty());
  }
}

TEST_CASE("dates that never show their order follow the option, else month first, and say so",
          "[input][csv]") {
  const std::string text =
      std::string(kHeader) + row("03/04/2026, 10:00:00.000 AM", "deviceConnect", "", "d1");
  const auto guessed = read_text(text, {}, "e.csv");
  REQUIRE(guessed.events.size() == 1);
  CHECK(guessed.events[0].time == iso("2026-03-04T10:00:00Z"));
  CHECK(guessed.notes ==
        std::vector<std::string>{
            "e.csv: no date shows whether the day or the month comes first (none above 12); "
            "read as month/day/year: use --date-order day-first if the export was day/month"});
  ReadOptions options;
  options.date_order = DateOrder::day_first;
  const auto chosen = read_text(text, options, "e.csv");
  CHECK(chosen.events[0].time == iso("2026-04-03T10:00:00Z"));
  CHECK(chosen.notes == std::vector<std::string>{
                            "e.csv: locale dates read as day/month/year, as --date-order asked"});
}

TEST_CASE("a date that contradicts the file's order is skipped with its line", "[input][csv]") {
  const std::string text = std::string(kHeader) +
                           row("20/04/2026 10:00:00.000", "deviceConnect", "", "d1") +
                           row("04/20/2026 10:00:00.000", "deviceConnect", "", "d1") +
                           row("yesterday", "deviceConnect", "", "d1");
  const auto sink = read_text(text);
  CHECK(sink.events.size() == 1);
  REQUIRE(sink.skips.size() == 2);
  CHECK(sink.skips[0].reason == SkipReason::invalid_time);
  CHECK(sink.skips[0].location == "x:3");
  CHECK(sink.skips[0].detail == "04/20/2026 10:00:00.000");
  CHECK(sink.skips[1].location == "x:4");
}

TEST_CASE("a quoted field larger than the read chunks keeps its quotes and line breaks",
          "[input][csv]") {
  // Over 2 MB of doubled quotes and escaped JSON quotes, with line breaks: the
  // splitter jumps from quote to quote across several reads of its buffer.
  std::string pad;
  for (int i = 0; i < 300'000; ++i)
    pad += "ab\\\"\"cd";  // ab\"cd in the JSON: an escaped quote, doubled in CSV
  const std::string text = std::string(kHeader) +
                           "2026-11-20T13:05:09Z,deviceDisconnect,Connections,Error,404104,"
                           "\"{\r\n  \"\"pad\"\": \"\"" +
                           pad + "\"\",\r\n  \"\"deviceId\"\": \"\"dev-big\"\"\r\n}\"\r\n" +
                           row("2026-11-20T13:06:00Z", "deviceConnect", "", "dev-after");
  const auto sink = read_text(text);
  REQUIRE(sink.skips.empty());
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[0].device_id == "dev-big");
  CHECK(sink.events[0].code == 404104);
  CHECK(sink.events[0].location == "x:2");
  CHECK(sink.events[1].device_id == "dev-after");
  CHECK(sink.events[1].location == "x:6");  // the big field's three line breaks count
}

TEST_CASE("a broken CSV row is reported and the rows after it are kept", "[input][csv]") {
  const std::string text =
      std::string(kHeader) + row("2026-11-20T13:00:00Z", "deviceConnect", "", "d1") +
      "2026-11-20T13:01:00Z,\"deviceConnect\"x,Connections,Information,,\r\n" +
      "2026-11-20T13:02:00Z,deviceConnect\r\n" +
      row("2026-11-20T13:03:00Z", "deviceConnect", "", "d1") +
      "2026-11-20T13:04:00Z,deviceConnect,Connections,Information,,\"{\"\"deviceId\"\":";
  const auto sink = read_text(text);
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[1].location == "x:5");
  REQUIRE(sink.skips.size() == 3);
  CHECK(sink.skips[0].reason == SkipReason::invalid_csv_row);
  CHECK(sink.skips[0].location == "x:3");
  CHECK(sink.skips[0].detail == "text after the closing quote of a field");
  CHECK(sink.skips[1].reason == SkipReason::invalid_csv_row);
  CHECK(sink.skips[1].location == "x:4");
  CHECK(sink.skips[1].detail == "2 fields where the header has 6");
  CHECK(sink.skips[2].reason == SkipReason::truncated_record);
  CHECK(sink.skips[2].location == "x:6");
  CHECK(sink.skips[2].detail == "the data ends inside a quoted field");
}

TEST_CASE("an unclosed quote does not swallow the rest of the file", "[input][csv]") {
  // The stray quote opens a field that runs into the next rows until a quote
  // followed by text shows the row is broken; reading resumes on its next line.
  const std::string text = std::string(kHeader) +
                           "2026-11-20T13:01:00Z,\"deviceConnect,Connections,Information,,\r\n" +
                           row("2026-11-20T13:02:00Z", "deviceConnect", "", "d1") +
                           row("2026-11-20T13:03:00Z", "deviceConnect", "", "d1");
  const auto sink = read_text(text);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].location == "x:2");
  CHECK(sink.events.size() == 2);
}

TEST_CASE("CSV exports joined with cat keep one header's worth of rows", "[input][csv]") {
  const std::string one = std::string("\xEF\xBB\xBF") + std::string(kHeader) +
                          row("2026-11-20T13:00:00Z", "deviceConnect", "", "d1");
  const auto sink = read_text(one + one);
  CHECK(sink.skips.empty());
  CHECK(sink.events.size() == 2);
}

TEST_CASE("a CSV without AzureDiagnostics columns is not read as logs", "[input][csv]") {
  const auto detected = read_text("name,value\nx,1\n");
  REQUIRE(detected.skips.size() == 1);
  CHECK(detected.skips[0].reason == SkipReason::unrecognized_format);
  ReadOptions forced;
  forced.format = InputFormat::csv;
  const auto sink = read_text("name,value\nx,1\n", forced);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::unrecognized_format);
  CHECK(sink.skips[0].location == "x:1");
}

TEST_CASE("a CSV row over the size limit is skipped without holding it", "[input][csv]") {
  ReadOptions options;
  options.limits.max_text_bytes = 1000;
  const std::string text = std::string(kHeader) + "2026-11-20T13:00:00Z," +
                           std::string(5u << 20, 'a') + "\r\n" +
                           row("2026-11-20T13:03:00Z", "deviceConnect", "", "d1");
  const auto sink = read_text(text, options);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::record_too_large);
  CHECK(sink.skips[0].location == "x:2");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].location == "x:3");
}

TEST_CASE("CSV rows read on the threads that cut them give the calls of rows taken in turn",
          "[input][csv]") {
  struct Case {
    std::string name;
    std::string text;
    ReadOptions options;
  };
  std::vector<Case> cases;
  cases.push_back({"utc", rows_of_every_kind(kHeader), {}});
  cases.push_back({"local",
                   rows_of_every_kind("TimeGenerated [Local Time],OperationName,Category,Level,"
                                      "ResultType,properties_s\r\n"),
                   {}});
  cases.back().options.local_time_offset_minutes = 90;
  // Dates that never show their order: every row waits for the end of the file.
  std::string undecided(kHeader);
  for (int i = 0; i < 400; ++i)
    undecided += row(fmt::format("0{}/0{}/2026 10:00:{:02}.000", 1 + i % 9, 1 + i % 3, i % 60),
                     "deviceConnect", "", "d" + std::to_string(i % 11));
  cases.push_back({"undecided", undecided, {}});
  // Two time columns: the record takes the last, a locale date read in the
  // order --date-order asks, the first ISO; the order is decided early.
  std::string two_times = "time,TimeGenerated [UTC],OperationName,Category,Level,properties_s\r\n";
  for (int i = 0; i < 400; ++i) {
    const int day = i == 5 ? 20 : 1 + i % 12;
    two_times += fmt::format(
        "2026-04-21T10:00:{:02}Z,{:02}/0{}/2026 10:00:{:02}.000,deviceConnect,Connections,"
        "Information,\"{{\"\"deviceId\"\":\"\"d{}\"\"}}\"\r\n",
        i % 60, day, 1 + i % 9, i % 60, i % 13);
  }
  cases.push_back({"two time columns", two_times, {}});
  cases.back().options.date_order = DateOrder::day_first;
  // AzureActivity rows, read by the Activity Log reader in turn.
  const std::string activity =
      testing::file_bytes(fs::path(IOTHUB_DIAG_TEST_DATA) / "platform" / "azure-activity.csv");
  const std::size_t rows_start = activity.find('\n') + 1;
  std::string activities = activity;
  for (int i = 0; i < 40; ++i)
    activities += activity.substr(rows_start);
  cases.push_back({"activity", activities, {}});

  for (Case& c : cases) {
    const std::vector<std::string> in_turn = call_lines(c.text, c.options);
    REQUIRE(in_turn.size() > 40);
    for (const unsigned threads : {1u, 2u}) {
      for (const std::size_t chunk : {std::size_t{512}, std::size_t{3000}, std::size_t{20000}}) {
        INFO(c.name << ", " << threads << " threads, chunks of " << chunk << " bytes");
        c.options.parse_threads = threads;
        c.options.csv_chunk_bytes = chunk;
        const std::vector<std::string> ahead = call_lines(c.text, c.options);
        REQUIRE(ahead.size() == in_turn.size());
        for (std::size_t i = 0; i < in_turn.size(); ++i)
          CHECK(ahead[i] == in_turn[i]);
      }
    }
  }
}

}  // namespace iothub_diag
