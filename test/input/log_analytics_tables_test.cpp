// Log Analytics query-API documents (`{"tables":[...]}`) are streamed row by
// row: a document far larger than --max-record-size is read whole, and every
// broken table, row or cut gives exact counts of records and skips.
#include <string>

#include "input/recording_sink.hpp"
#include <catch2/catch.hpp>

namespace iothub_diag {
namespace {

using testing::read_text;

const std::string kColumns =
    R"("columns":[{"name":"TimeGenerated","type":"datetime"},{"name":"OperationName","type":"string"},)"
    R"({"name":"ResultType","type":"string"},{"name":"DeviceId","type":"string"}])";

// A 404104 disconnect of device `d<i>`, one second after the previous row.
std::string row(int i) {
  const std::string minute = std::to_string(100 + i / 60 % 60).substr(1);
  const std::string second = std::to_string(100 + i % 60).substr(1);
  return R"(["2021-09-21T22:)" + minute + ":" + second + R"(Z","deviceDisconnect","404104","d)" +
         std::to_string(i) + R"("])";
}

// Rows 1..count, joined by `separator`.
std::string rows(int count, const std::string& separator) {
  std::string text;
  for (int i = 1; i <= count; ++i)
    text += (i > 1 ? separator : "") + row(i);
  return text;
}

std::string table(const std::string& row_list) {
  return R"({"name":"PrimaryResult",)" + kColumns + R"(,"rows":[)" + row_list + "]}";
}

std::string document(const std::string& table_list) {
  return R"({"tables":[)" + table_list + "]}";
}

// Read as JSON values, where tables are streamed, with a record limit of 4 KiB:
// a table read whole, or a text holding more than one row, would be too large.
ReadOptions streamed() {
  ReadOptions options;
  options.format = InputFormat::json;
  options.limits.max_text_bytes = 4096;
  return options;
}

}  // namespace

TEST_CASE("a tables document far larger than the record size limit is streamed row by row",
          "[input][tables]") {
  constexpr int kRows = 50'000;
  SECTION("one row per line") {
    const std::string text =
        "{\n \"tables\": [\n  " + table("\n" + rows(kRows, ",\n") + "\n") + "\n ]\n}\n";
    REQUIRE(text.size() > 500 * streamed().limits.max_text_bytes);
    const auto sink = read_text(text, streamed());
    CHECK(sink.skips.empty());
    REQUIRE(sink.events.size() == kRows);
    CHECK(sink.events[0].device_id == "d1");
    CHECK(sink.events[0].code == 404104);
    CHECK(sink.events[0].location == "x:4 (record 1)");
    CHECK(sink.events[kRows - 1].device_id == "d" + std::to_string(kRows));
    CHECK(sink.events[kRows - 1].location ==
          "x:" + std::to_string(kRows + 3) + " (record " + std::to_string(kRows) + ")");
  }
  SECTION("all on one line, as the query API returns it") {
    const std::string text = document(table(rows(kRows, ",")));
    ReadOptions detected = streamed();
    detected.format = InputFormat::automatic;
    const auto sink = read_text(text, detected);
    CHECK(sink.skips.empty());
    REQUIRE(sink.events.size() == kRows);
    CHECK(sink.events[kRows - 1].location == "x:1 (record " + std::to_string(kRows) + ")");
  }
}

TEST_CASE("the tables of one document are each mapped by their own columns", "[input][tables]") {
  const std::string reordered =
      R"({"columns":[{"name":"DeviceId"},{"name":"Extra"},{"name":"OperationName"},)"
      R"({"name":"TimeGenerated"}],"name":"Second","rows":[)"
      "\n"
      R"(["e1",7,"deviceConnect","2021-09-21T23:00:00Z"],)"
      "\n"
      R"(["e2",null,"deviceConnect","2021-09-21T23:00:01Z"]]})";
  const std::string empty = R"({"name":"Empty",)" + kColumns + R"(,"rows":[]})";
  const std::string no_rows = R"({"name":"NoRows",)" + kColumns + "}";
  const std::string text =
      document(table(rows(3, ",")) + ",\n" + reordered + ",\n" + empty + ",\n[],\n" + no_rows) +
      "\n";
  const auto sink = read_text(text, streamed());
  REQUIRE(sink.events.size() == 5);
  CHECK(sink.events[2].device_id == "d3");
  CHECK(sink.events[3].device_id == "e1");
  CHECK(sink.events[3].operation_name == "deviceConnect");
  CHECK(sink.events[3].code == 0);
  CHECK(sink.events[3].location == "x:3 (record 1)");  // rows are numbered per table
  CHECK(sink.events[4].location == "x:4 (record 2)");
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::not_a_record);
  CHECK(sink.skips[0].detail == "a table that is not an object");
  CHECK(sink.skips[0].location == "x:6");
}

TEST_CASE("rows that are not arrays or do not match their columns are skipped one by one",
          "[input][tables]") {
  const std::string text = document(table("\n" + row(1) + R"(,
["2021-09-21T22:00:02Z","deviceConnect","d2"],
["2021-09-21T22:00:03Z","deviceConnect","","d3",4],
[],
"not a row",
null,
{"TimeGenerated":"2021-09-21T22:00:04Z","OperationName":"deviceConnect"},
)" + row(5)));
  const auto sink = read_text(text, streamed());
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[1].location == "x:9 (record 8)");
  REQUIRE(sink.skips.size() == 6);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(sink.skips[i].reason == SkipReason::not_a_record);
    CHECK(sink.skips[i].detail == "a table row whose length differs from its columns");
    CHECK(sink.skips[i].location ==
          "x:" + std::to_string(i + 3) + " (record " + std::to_string(i + 2) + ")");
  }
  for (std::size_t i = 3; i < 6; ++i) {
    CHECK(sink.skips[i].reason == SkipReason::not_a_record);
    CHECK(sink.skips[i].detail == "a table row that is not an array");
  }
  CHECK(sink.skips[5].location == "x:8 (record 7)");
}

TEST_CASE("a tables document cut mid-row keeps the rows before the cut", "[input][tables]") {
  // Three rows, one per line, then the first `length` bytes of a fourth.
  const auto cut = [](std::size_t length) {
    return R"({"tables":[{"name":"PrimaryResult",)" + kColumns + R"(,"rows":[)" + "\n" +
           rows(3, ",\n") + ",\n" + row(4).substr(0, length);
  };
  const std::string whole = document(table(rows(2, ",")));

  SECTION("at the end of the file") {
    const auto sink = read_text(cut(25), streamed());
    CHECK(sink.events.size() == 3);
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
    CHECK(sink.skips[0].location == "x:5 (record 4)");
  }
  SECTION("followed by another document, which is read from the top again") {
    const auto sink = read_text(cut(24) + "\n" + whole, streamed());
    REQUIRE(sink.events.size() == 5);
    CHECK(sink.events[4].location == "x:6 (record 2)");
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
    CHECK(sink.skips[0].location == "x:5 (record 4)");
  }
  SECTION("inside a string, followed by another document") {
    const auto sink = read_text(cut(25) + "\n" + whole, streamed());
    CHECK(sink.events.size() == 5);
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
    CHECK(sink.skips[0].location == "x:5 (record 4)");
  }
  SECTION("between two rows: every row is read and the cut is still reported") {
    const auto sink = read_text(cut(0), streamed());
    CHECK(sink.events.size() == 3);
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
    CHECK(sink.skips[0].location == "x:5");
  }
  SECTION("right after the rows member's name") {
    const std::string text = R"({"tables":[{"name":"PrimaryResult",)" + kColumns + R"(,"rows":)";
    const auto sink = read_text(text, streamed());
    CHECK(sink.events.empty());
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
  }
  SECTION("inside the columns") {
    const auto sink = read_text(whole.substr(0, whole.find("ResultType")), streamed());
    CHECK(sink.events.empty());
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::truncated_record);
    CHECK(sink.skips[0].detail == "the columns of a table");
  }
}

TEST_CASE("a table whose rows come before its columns is read whole, within the record limit",
          "[input][tables]") {
  const std::string small =
      R"({"name":"PrimaryResult","rows":[)" + rows(3, ",") + R"(,"x"],)" + kColumns + "}";
  const auto read = read_text(document(small + "," + table(row(4))), streamed());
  CHECK(read.events.size() == 4);
  REQUIRE(read.skips.size() == 1);
  CHECK(read.skips[0].detail == "a table row that is not an array");
  CHECK(read.skips[0].location == "x:1 (record 4)");

  const std::string large =
      R"({"name":"PrimaryResult","rows":[)" + rows(100, ",") + "]," + kColumns + "}";
  const auto too_large = read_text(document(large + ",\n" + table(row(101))), streamed());
  REQUIRE(too_large.events.size() == 1);
  CHECK(too_large.events[0].device_id == "d101");
  REQUIRE(too_large.skips.size() == 1);
  CHECK(too_large.skips[0].reason == SkipReason::record_too_large);
  CHECK(too_large.skips[0].location == "x:1");
}

TEST_CASE("rows whose columns are broken or never came first are each counted as skipped",
          "[input][tables]") {
  SECTION("columns that are not valid JSON") {
    const std::string broken =
        R"({"name":"Broken","columns":[{"name":"TimeGenerated"},oops],"rows":[)" + rows(3, ",") +
        "]}";
    const auto sink = read_text(document(broken + "," + table(row(4))), streamed());
    REQUIRE(sink.events.size() == 1);
    CHECK(sink.events[0].device_id == "d4");
    REQUIRE(sink.skips.size() == 4);
    CHECK(sink.skips[0].reason == SkipReason::invalid_json);
    CHECK(sink.skips[0].detail == "the columns of a table");
    for (std::size_t i = 1; i < 4; ++i) {
      CHECK(sink.skips[i].reason == SkipReason::not_a_record);
      CHECK(sink.skips[i].detail == "a table row whose table's columns could not be read");
    }
  }
  SECTION("rows before columns behind a member too large to read ahead over") {
    const std::string text = document(R"({"name":")" + std::string(5000, 'n') + R"(","rows":[)" +
                                      rows(2, ",") + "]," + kColumns + "}");
    const auto sink = read_text(text, streamed());
    CHECK(sink.events.empty());
    REQUIRE(sink.skips.size() == 3);
    CHECK(sink.skips[0].reason == SkipReason::record_too_large);
    CHECK(sink.skips[1].detail == "a table row that comes before its table's columns");
    CHECK(sink.skips[2].detail == "a table row that comes before its table's columns");
  }
}

TEST_CASE("members around the tables are read past, and a tables member anywhere is read",
          "[input][tables]") {
  const std::string rows_two = table(rows(2, ","));
  const auto after =
      read_text(R"({"tables":[)" + rows_two + R"(],"statistics":{"query":{"x":[1,"]}"]}}})" + "\n" +
                    document(table(row(3))),
                streamed());
  CHECK(after.events.size() == 3);
  CHECK(after.skips.empty());

  const auto malformed_member = read_text(
      document(R"({"name":"T",)" + kColumns + R"(,7,"rows":[)" + row(1) + "]}"), streamed());
  CHECK(malformed_member.events.size() == 1);
  REQUIRE(malformed_member.skips.size() == 1);
  CHECK(malformed_member.skips[0].reason == SkipReason::invalid_json);

  // Not the first member: the document is parsed whole, as any other JSON value.
  const auto not_first =
      read_text(R"({"statistics":{},"tables":[)" + rows_two + "," + rows_two + "]}\n", streamed());
  CHECK(not_first.events.size() == 4);
  CHECK(not_first.events[3].location == "x:1 (record 2)");
  CHECK(not_first.skips.empty());
}

TEST_CASE("a query-API document on one line is read as JSON values, a records batch as a line",
          "[input][tables]") {
  CHECK(detect_input_format(document(table(row(1)))) == InputFormat::json);
  CHECK(detect_input_format(" { \"tables\" :\n[") == InputFormat::json);
  CHECK(detect_input_format(R"({"records":[{"time":"2021-09-21T22:33:34Z"}]})") ==
        InputFormat::json_lines);
}

}  // namespace iothub_diag
