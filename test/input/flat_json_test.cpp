// The flat scan takes only what simdjson's DOM reads the same way, and the
// reader gives the same events and skips with it as without it.
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "support/input_files.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <simdjson.h>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/flat_json.hpp>
#include <iothub_diag/input/json_record_parser.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

// The members as text, one per line: `key=string:text`, `key=null`, `key=boolean`.
std::string flat_members(const FlatJson& object) {
  std::string out;
  for (const FlatMember& member : object.members()) {
    out += member.key;
    switch (member.kind) {
      case FlatValueKind::string:
        out += "=string:" + std::string(member.text);
        break;
      case FlatValueKind::null:
        out += "=null";
        break;
      case FlatValueKind::boolean:
        out += "=boolean";
        break;
    }
    out += '\n';
  }
  return out;
}

// The value of a DOM element as flat_members() writes it; false for a number
// or a nested value.
bool append_dom_value(std::string& out, simdjson::dom::element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING:
      out += "=string:" + std::string(std::string_view(value.get_string()));
      break;
    case simdjson::dom::element_type::NULL_VALUE:
      out += "=null";
      break;
    case simdjson::dom::element_type::BOOL:
      out += "=boolean";
      break;
    default:
      return false;
  }
  out += '\n';
  return true;
}

// The same from the DOM; nullopt when the DOM does not read `text` as an
// object (or an array) of strings, nulls and booleans.
std::optional<std::string> dom_members(simdjson::dom::parser& parser, std::string_view text,
                                       bool array) {
  const simdjson::padded_string padded(text);
  simdjson::dom::element doc;
  if (parser.parse(padded).get(doc) != 0) return std::nullopt;
  std::string out;
  if (array) {
    simdjson::dom::array elements;
    if (doc.get_array().get(elements) != 0) return std::nullopt;
    for (const simdjson::dom::element value : elements)
      if (!append_dom_value(out, value)) return std::nullopt;
    return out;
  }
  simdjson::dom::object object;
  if (doc.get_object().get(object) != 0) return std::nullopt;
  for (const auto [key, value] : object) {
    out += key;
    if (!append_dom_value(out, value)) return std::nullopt;
  }
  return out;
}

// What the scans accept, the DOM reads as the same members.
void check_agrees(FlatJson& flat, simdjson::dom::parser& parser, std::string_view text) {
  for (const bool array : {false, true}) {
    if (!(array ? flat.scan_array(text) : flat.scan_object(text))) {
      CHECK(flat.members().empty());
      continue;
    }
    INFO(text);
    const std::optional<std::string> dom = dom_members(parser, text, array);
    REQUIRE(dom.has_value());
    CHECK(*dom == flat_members(flat));
  }
}

std::vector<std::string> lines_of(const std::string& bytes) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string::npos) end = bytes.size();
    lines.emplace_back(bytes.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// `line` with a few bytes replaced, put in or taken out, or cut short: the
// bytes that matter to JSON and to the scan most of the time.
std::string mutate(std::mt19937_64& random, std::string line) {
  static constexpr std::string_view kBytes = "\"\\\\u{}[]:,  0-9ntf/\x01\x1F\x7F\x80\xC3\xA9\t\r\n";
  std::uniform_int_distribution<int> roll(0, 99);
  const int edits = 1 + roll(random) % 3;
  for (int edit = 0; edit < edits && !line.empty(); ++edit) {
    const std::size_t at = std::uniform_int_distribution<std::size_t>(0, line.size() - 1)(random);
    const char byte = kBytes[static_cast<std::size_t>(roll(random)) % kBytes.size()];
    const int kind = roll(random);
    if (kind < 45)
      line[at] = byte;
    else if (kind < 75)
      line.insert(line.begin() + static_cast<std::ptrdiff_t>(at), byte);
    else if (kind < 95)
      line.erase(at, 1);
    else
      line.resize(at);
  }
  return line;
}

TEST_CASE("the flat scan reads a resource log line and the JSON in its strings", "[input]") {
  FlatJson flat;
  const std::string line =
      R"( {"time":"2026-11-20T00:28:14Z", "level" : "Error","properties":)"
      R"("{\"deviceId\":\"dev-1\",\"authType\":\"{\\\"type\\\":\\\"sas\\\"}\",\"statusCode\":null}",)"
      R"("ok":true,"no":false,"tab":"a\tb\/c\\d\n"} )";
  REQUIRE(flat.scan_object(line));
  CHECK(flat_members(flat) ==
        "time=string:2026-11-20T00:28:14Z\n"
        "level=string:Error\n"
        "properties=string:{\"deviceId\":\"dev-1\",\"authType\":\"{\\\"type\\\":\\\"sas\\\"}\","
        "\"statusCode\":null}\n"
        "ok=boolean\nno=boolean\ntab=string:a\tb/c\\d\n\n");
  // A string without escapes is a view into the text.
  CHECK(flat.members()[0].text.data() == line.data() + line.find("2026"));

  // The decoded `properties` is itself a flat object, and so is its authType.
  const std::string properties(flat.members()[2].text);
  FlatJson inner;
  REQUIRE(inner.scan_object(properties));
  CHECK(flat_members(inner) ==
        "deviceId=string:dev-1\nauthType=string:{\"type\":\"sas\"}\nstatusCode=null\n");
  FlatJson auth;
  REQUIRE(auth.scan_object(inner.members()[1].text));
  CHECK(flat_members(auth) == "type=string:sas\n");

  // A query API row.
  REQUIRE(flat.scan_array(R"([ "2026-11-20T00:28:14Z",null , "a\"b",false])"));
  CHECK(flat_members(flat) == "=string:2026-11-20T00:28:14Z\n=null\n=string:a\"b\n=boolean\n");
  CHECK(flat.scan_array("[]"));
  CHECK(flat.members().empty());
  CHECK_FALSE(flat.scan_array(R"({"a":"b"})"));
  CHECK_FALSE(flat.scan_object(R"(["a"])"));
  CHECK_FALSE(flat.scan_array(R"(["a",1])"));
  CHECK_FALSE(flat.scan_array(R"(["a",])"));
  CHECK_FALSE(flat.scan_array(R"(["a":"b"])"));

  CHECK(flat.scan_object("{}"));
  CHECK(flat.members().empty());
  CHECK(flat.scan_object(" { \"\" : \"\" } \r\n"));
  CHECK(flat_members(flat) == "=string:\n");
}

TEST_CASE("the flat scan leaves anything else to the DOM", "[input]") {
  FlatJson flat;
  // Outside the subset, though valid JSON.
  for (const std::string_view text : {
           R"({"resultType":404104})",
           R"({"properties":{"deviceId":"d"}})",
           R"({"records":[]})",
           R"({"deviceId":"caf\u00e9"})",
           "{\"deviceId\":\"caf\xC3\xA9\"}",
           "[]",
           "\"text\"",
           "null",
       }) {
    INFO(text);
    CHECK_FALSE(flat.scan_object(text));
    CHECK(flat.members().empty());
  }
  // Not JSON at all.
  for (const std::string_view text : {
           "",
           "{",
           R"({"a":"b")",
           R"({"a":"b",})",
           R"({"a" "b"})",
           R"({"a":"b"} x)",
           R"({"a":"b"}{"c":"d"})",
           R"({"a":nul})",
           R"({"a":nullx})",
           R"({"a":True})",
           R"({"a":"b\x"})",
           R"({"a":"b\)",
           R"({"a":"unterminated)",
           "{\"a\":\"line\nend\"}",
           "{\"a\":\"nul\0byte\"}",
           R"({,"a":"b"})",
           R"({"a":"b",,"c":"d"})",
           R"({'a':'b'})",
       }) {
    INFO(text);
    CHECK_FALSE(flat.scan_object(text));
    CHECK(flat.members().empty());
  }
}

// Every line of `bytes`, and every text the splitter cuts from it (a record
// of a batch, a query API table's columns and rows).
std::vector<std::string> texts_of(const std::string& bytes) {
  std::vector<std::string> texts = lines_of(bytes);
  MemorySource source(bytes);
  JsonTextSplitter splitter(source, JsonLayout::values);
  JsonText text;
  while (splitter.next(text))
    texts.emplace_back(text.text);
  return texts;
}

TEST_CASE("what the flat scan takes, the DOM reads the same way", "[input]") {
  FlatJson flat;
  simdjson::dom::parser parser;
  std::mt19937_64 random(20261204);
  std::size_t taken = 0;
  std::size_t rows = 0;
  std::size_t texts = 0;
  for (const fs::path& file : testing::input_files({".jsonl", ".json"})) {
    for (const std::string& text : texts_of(testing::file_bytes(file))) {
      ++texts;
      if (flat.scan_array(text)) ++rows;
      if (flat.scan_object(text)) ++taken;
      check_agrees(flat, parser, text);
      // The JSON inside its strings too (`properties`, `authType`).
      if (flat.scan_object(text) || flat.scan_array(text)) {
        std::vector<std::string> strings;
        for (const FlatMember& member : flat.members())
          if (member.kind == FlatValueKind::string && member.text.starts_with('{'))
            strings.emplace_back(member.text);
        for (const std::string& inner : strings) {
          check_agrees(flat, parser, inner);
          for (int i = 0; i < 20; ++i)
            check_agrees(flat, parser, mutate(random, inner));
        }
      }
      for (int i = 0; i < 20; ++i)
        check_agrees(flat, parser, mutate(random, text));
    }
  }
  // Query API rows are flat arrays.
  CHECK(rows >= 10);
  // The common record takes the scan: every line of the JSON Lines files does,
  // the real records among them.
  std::size_t json_lines = 0;
  for (const fs::path& file : testing::input_files({".jsonl"})) {
    for (const std::string& line : lines_of(testing::file_bytes(file))) {
      if (line.empty()) continue;
      ++json_lines;
      INFO(file.string() << ": " << line);
      CHECK(flat.scan_object(line));
    }
  }
  CHECK(json_lines >= 20);
  CHECK(taken > 0);
  CHECK(taken < texts);
}

// Every call a reader makes, with every field of every event, as text.
class TranscriptSink final : public RecordSink {
 public:
  void on_event(const Event& event, const SourceLocation& location) override {
    text += fmt::format("event {} {}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n",
                        format_location(location), event.time, event.category, event.operation_name,
                        static_cast<int>(event.operation), static_cast<int>(event.level),
                        event.code, event.result_description, event.device_id, event.module_id,
                        event.protocol, event.sdk_version, event.masked_ip, event.auth_type,
                        event.correlation_id, event.hub, event.from_state_snapshot);
  }
  void on_skip(SkipReason reason, const SourceLocation& location,
               std::string_view detail) override {
    text +=
        fmt::format("skip {} {} {}\n", format_location(location), static_cast<int>(reason), detail);
  }
  void on_skipped_404104(SkipReason reason) override {
    text += fmt::format("skipped 404104 {}\n", static_cast<int>(reason));
  }
  void on_metric_series(const MetricSeries& series) override {
    text += fmt::format("metric {}\n", series.points.size());
  }
  void on_health_event(const HealthEvent& /*event*/) override { text += "health\n"; }
  void on_activity_event() override { text += "activity\n"; }
  void on_metric_document() override { text += "metric document\n"; }

  std::string text;
};

std::string transcript(const std::string& bytes, JsonLayout layout, FlatScan flat_scan) {
  MemorySource source(bytes);
  JsonTextSplitter splitter(source, layout);
  JsonRecordParser parser(flat_scan);
  TranscriptSink sink;
  JsonText text;
  while (splitter.next(text))
    parser.parse(text, "input", sink);
  return sink.text;
}

// Flat records in the spellings the files above have few of: Event Grid's
// names, legacy and CLI-row columns, Activity Log markers, odd value types.
constexpr std::string_view kFlatSpellings[] = {
    R"({"eventType":"Microsoft.Devices.DeviceDisconnected","eventTime":"2026-11-20T01:00:00Z","topic":"/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/HUB-A","deviceId":"eg-1"})",
    R"({"type":"Microsoft.Devices.DeviceConnected","time":"2026-11-20T01:00:01Z","source":"/x/IOTHUBS/hub-b","hubName":"hub-b","deviceId":"eg-2","moduleId":"$edgeHub"})",
    R"({"TimeGenerated":"2026-11-20T01:00:02Z","OperationName":"deviceDisconnect","Category":"Connections","Level":"Error","ResultType":"404104","ResultDescription":"DeviceConnectionClosedRemotely","Resource":"HUB-C","properties_s":"{\"deviceId\":\"row-1\",\"protocol\":\"Amqp\",\"sdkVersion\":\"iothubclient/1.9.0\",\"maskedIpAddress\":\"1.2.3.XXX\",\"authType\":\"{\\\"scope\\\":\\\"device\\\",\\\"type\\\":\\\"x509Certificate\\\"}\"}","CorrelationId":"c-1"})",
    R"({"time":"2026-11-20T01:00:03Z","operationName":"deviceDisconnect","category":"Connections","level":"Error","resultType":"404104","deviceId":"legacy-1","DeviceId":"legacy-2","protocol":"Mqtt","authType":"sas","_ResourceId":"/x/iothubs/hub-d"})",
    R"({"time":"2026-11-20T01:00:04Z","operationName":"deviceConnect","category":"Connections","resultType":true,"properties":"{\"deviceId\":\"bad-code\"}"})",
    R"({"time":"2026-11-20T01:00:05Z","operationName":"deviceConnect","category":"Connections","properties":false})",
    R"({"time":"2026-11-20T01:00:06Z","operationName":"deviceConnect","category":"Connections","properties":null,"deviceId":null,"resultType":null,"level":null})",
    R"({"time":"2026-11-20T01:00:07Z","operationName":"deviceConnect","category":"Connections","properties":"{\"deviceId\":\"p\",\"authType\":\"{\\\"type\\\":true,\\\"type\\\":\\\"sas\\\"}\",\"deviceId\":\"second\"}"})",
    R"({"time":"2026-11-20T01:00:08Z","operationName":"deviceConnect","category":"Connections","properties":"not json"})",
    R"({"eventTimestamp":"2026-11-20T01:00:09Z","operationName":"Microsoft.Devices/IotHubs/write","status":"Succeeded"})",
    R"({"TimeGenerated":"2026-11-20T01:00:10Z","CategoryValue":"ResourceHealth","OperationNameValue":"Microsoft.Resourcehealth/healthevent/Activated/action","_ResourceId":"/x/iothubs/hub-e"})",
    R"({"time":"2026-11-20T01:00:11Z","resultType":"404104","operationName":"deviceDisconnect","category":"Connections"})",
    R"({"time":"not a time","operationName":"deviceConnect","properties":"{\"deviceId\":\"t\"}"})",
    R"({"location":"westeurope"})",
};

TEST_CASE("the reader gives the same calls with the flat scan as without", "[input]") {
  std::string spellings;
  for (const std::string_view line : kFlatSpellings)
    spellings += std::string(line) + '\n';
  const std::string spelled = transcript(spellings, JsonLayout::lines, FlatScan::on);
  CHECK(spelled == transcript(spellings, JsonLayout::lines, FlatScan::off));
  // Events, skips and an Activity Log event: the spellings reach every branch.
  CHECK(spelled.find("eg-1") != std::string::npos);
  CHECK(spelled.find("x509Certificate") != std::string::npos);
  CHECK(spelled.find("activity") != std::string::npos);
  CHECK(spelled.find("skip") != std::string::npos);

  // Query API tables: rows of other lengths, a number among the cells, an
  // Activity Log table, a second table with other columns.
  const std::string tables =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"},)"
      R"({"name":"OperationName","type":"string"},{"name":"ResultType","type":"string"},)"
      R"({"name":"properties_s","type":"string"},{"name":"DurationMs","type":"long"}],"rows":[)"
      R"(["2026-11-20T01:00:00Z","deviceDisconnect","404104","{\"deviceId\":\"q-1\"}",null],)"
      R"(["2026-11-20T01:00:01Z","deviceDisconnect","404104","{\"deviceId\":\"q-2\"}",12],)"
      R"(["2026-11-20T01:00:02Z","deviceDisconnect","404104"],)"
      R"(["2026-11-20T01:00:03Z","deviceConnect","","{\"deviceId\":\"q-3\"}",null,null],)"
      R"(["2026-11-20T01:00:04Z","deviceConnect",true,"{\"deviceId\":\"q-4\"}",null]]},)"
      R"({"name":"Activity","columns":[{"name":"TimeGenerated"},{"name":"CategoryValue"},)"
      R"({"name":"_ResourceId"}],"rows":[["2026-11-20T01:00:05Z","ResourceHealth","/x/iothubs/h"]]},)"
      R"({"name":"Other","columns":["time","deviceId","operationName"],)"
      R"("rows":[["2026-11-20T01:00:06Z","q-5","deviceConnect"]]}]})";
  const std::string tabled = transcript(tables, JsonLayout::values, FlatScan::on);
  CHECK(tabled == transcript(tables, JsonLayout::values, FlatScan::off));
  CHECK(tabled.find("q-1") != std::string::npos);
  CHECK(tabled.find("q-5") != std::string::npos);
  CHECK(tabled.find("skip") != std::string::npos);

  std::mt19937_64 random(4104);
  for (const fs::path& file : testing::input_files({".jsonl", ".json"})) {
    INFO(file.string());
    const std::string bytes = testing::file_bytes(file);
    for (const JsonLayout layout : {JsonLayout::lines, JsonLayout::values}) {
      const std::string with = transcript(bytes, layout, FlatScan::on);
      CHECK(with == transcript(bytes, layout, FlatScan::off));
      CHECK_FALSE(with.empty());
    }
    // Broken and unusual records: each line changed a little.
    std::string mutated;
    for (const std::string& line : lines_of(bytes))
      mutated += mutate(random, line) + '\n';
    for (const JsonLayout layout : {JsonLayout::lines, JsonLayout::values})
      CHECK(transcript(mutated, layout, FlatScan::on) ==
            transcript(mutated, layout, FlatScan::off));
  }
}

}  // namespace
}  // namespace iothub_diag
