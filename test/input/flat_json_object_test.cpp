// The fast path for records of plain members accepts only what simdjson accepts, with
// the same members and values: on the real records, on crafted ones, and on many
// mutations of both.
#include "../../src/input/flat_json_object.hpp"

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "../../fuzz/fast_path_agreement.hpp"
#include "support/input_files.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag {
namespace {

namespace dom = simdjson::dom;

// Whatever the fast path accepts, simdjson accepts with the same members
// (fuzz/fast_path_agreement.hpp). Returns whether the fast path accepted.
bool check_agrees(const std::string& text, EmbeddedObjects embedded) {
  INFO("text: " << text);
  CHECK(fuzz::flat_json_disagreement(text, false, embedded) == "");
  FlatJsonObject object;
  return object.read(text, embedded);
}

// The same for an array of plain values (a query API row).
bool check_array_agrees(const std::string& text, EmbeddedObjects embedded) {
  INFO("row: " << text);
  CHECK(fuzz::flat_json_disagreement(text, true, embedded) == "");
  FlatJsonObject row;
  return row.read_array(text, embedded);
}

// The rows of the query API answers among the test data, as the splitter streams them.
std::vector<std::string> table_rows() {
  std::vector<std::string> rows;
  for (const auto& path : testing::input_files({".json"})) {
    const std::string bytes = testing::file_bytes(path);
    MemorySource source(bytes);
    JsonTextSplitter splitter(source, JsonLayout::values, {});
    JsonText text;
    while (splitter.next(text)) {
      if (text.kind == JsonTextKind::table_row && !text.problem) rows.emplace_back(text.text);
    }
  }
  return rows;
}

// Edits where JSON is most fragile: quotes, backslashes, brackets, digits, letters of
// literals and escapes, control bytes and broken UTF-8; or a cut.
void mutate(std::string& text, std::mt19937_64& random) {
  static constexpr std::string_view kBytes =
      "\"\\{}[],: \t\n0123456789.-+eEtrufalsnbx/\x01\x1f\x7f";
  const int edits = 1 + static_cast<int>(random() % 3);
  for (int edit = 0; edit < edits && !text.empty(); ++edit) {
    const std::size_t at = random() % text.size();
    const std::uint64_t roll = random() % 10;
    char byte = kBytes[random() % kBytes.size()];
    if (roll == 9) byte = static_cast<char>(0x80 + random() % 0x80);
    if (roll < 4)
      text[at] = byte;
    else if (roll < 7)
      text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), byte);
    else if (roll < 9)
      text.erase(at, 1 + random() % 4);
    else
      text.resize(at);
  }
}

bool accepts(std::string_view text, EmbeddedObjects embedded = EmbeddedObjects::in_place) {
  FlatJsonObject object;
  return object.read(text, embedded);
}

// The JSON records of the tests' data and of the real conformance files, one per line.
std::vector<std::string> record_lines() {
  std::vector<std::string> lines;
  for (const auto& path : testing::input_files({".jsonl", ".json"})) {
    const std::string bytes = testing::file_bytes(path);
    std::size_t start = 0;
    while (start < bytes.size()) {
      std::size_t end = bytes.find('\n', start);
      if (end == std::string::npos) end = bytes.size();
      lines.push_back(bytes.substr(start, end - start));
      start = end + 1;
    }
  }
  return lines;
}

// Checks `check` (check_agrees or check_array_agrees) on `rounds` mutations of the
// texts, in place and decoded in turn; how many the fast path accepted.
template <class Check>
std::size_t mutations_accepted(const std::vector<std::string>& texts, int rounds,
                               std::uint64_t seed, Check check) {
  std::mt19937_64 random(seed);
  std::size_t accepted = 0;
  for (int round = 0; round < rounds; ++round) {
    std::string text = texts[random() % texts.size()];
    mutate(text, random);
    const EmbeddedObjects mode =
        (round % 2 == 0) ? EmbeddedObjects::in_place : EmbeddedObjects::decoded;
    if (check(text, mode)) ++accepted;
  }
  return accepted;
}

constexpr std::string_view kResourceLog =
    R"({"time":"2026-11-20T00:20:48Z","resourceId":"/SUBSCRIPTIONS/X/RESOURCEGROUPS/RG/PROVIDERS/)"
    R"(MICROSOFT.DEVICES/IOTHUBS/HUB-1","operationName":"deviceDisconnect","category":"Connections",)"
    R"("level":"Error","resultType":"404104","resultDescription":"DeviceConnectionClosedRemotely",)"
    R"("properties":"{\"deviceId\":\"dev-1\",\"protocol\":\"Mqtt\",\"authType\":null,)"
    R"(\"maskedIpAddress\":\"13.140.61.XXX\",\"statusCode\":\"404\",\"errorMessage\":\"x\"}",)"
    R"("location":"westeurope"})";

TEST_CASE("a resource log record is read with its properties in place") {
  FlatJsonObject object;
  REQUIRE(object.read(kResourceLog, EmbeddedObjects::in_place));
  const auto members = object.members();
  REQUIRE(members.size() == 9);
  CHECK(members[0].key == "time");
  CHECK(members[0].text == "2026-11-20T00:20:48Z");
  const FlatMember& properties = members[7];
  CHECK(properties.key == "properties");
  REQUIRE(properties.as_written);
  const auto inner = object.embedded(properties);
  REQUIRE(inner.size() == 6);
  CHECK(inner[0].key == "deviceId");
  CHECK(inner[0].text == "dev-1");
  CHECK(inner[2].kind == FlatKind::null);
  CHECK(object.text_of(7).starts_with(R"({"deviceId":"dev-1",)"));
  CHECK(check_agrees(std::string(kResourceLog), EmbeddedObjects::in_place));
  // Decoded, the same string is a string like any other.
  REQUIRE(object.read(kResourceLog, EmbeddedObjects::decoded));
  CHECK_FALSE(object.members()[7].as_written);
  CHECK(object.members()[7].text.starts_with(R"({"deviceId":"dev-1",)"));
}

TEST_CASE("the fast path reads escapes, numbers and literals as JSON does") {
  for (const std::string text : {
           R"({})",
           R"( { "a" : "b" } )",
           "\t{\"a\":\"line\\nbreak\\t\\\"q\\\" \\/ \\\\ \\b\\f\\r\"}\r\n",
           R"({"n":-0,"m":12.5,"z":0,"t":true,"f":false,"x":null})",
           R"({"big":123456789012345678,"frac":0.00000000000000001})",
           R"({"a":"é ü 日本 😀"})",
           R"({"a":"1","a":"2"})",
           R"({"p":"{\"deviceId\":\"d\",\"n\":5, \"t\":true,\"x\":null} "})",
           R"({"p":"{\"type\":\"x509Certificate\"}","q":"{\"k\":\"v\"}"})",
       }) {
    INFO(text);
    CHECK(check_agrees(text, EmbeddedObjects::in_place));
    CHECK(check_agrees(text, EmbeddedObjects::decoded));
  }
}

TEST_CASE("the fast path leaves to simdjson whatever it does not fully check") {
  for (const std::string_view text : {
           R"([])",
           R"("text")",
           R"({"a":{"b":1}})",
           R"({"a":[1]})",
           R"({"a":"\u00e9"})",
           R"({"a\"":"b"})",
           R"({"a":1e5})",
           R"({"a":1234567890123456789})",
           R"({"a":01})",
           R"({"a":1.})",
           R"({"a":-})",
           R"({"a":tru})",
           R"({"a":truex})",
           R"({"a":"b",})",
           R"({"a":"b"} x)",
           R"({"a":"b"}{})",
           R"({"a" "b"})",
           R"({"a":"b")",
           R"({"a":"b)",
           "{\"a\":\"tab\there\"}",
           "{\"a\":\"b\"}\f",
           R"({"a":"\x"})",
           "{\"a\":\"\xff\"}",
           "{\"a\":\"\xc3\"}",
       }) {
    INFO(text);
    CHECK_FALSE(accepts(text));
    CHECK_FALSE(accepts(text, EmbeddedObjects::decoded));
  }
}

TEST_CASE("UTF-8 is validated wherever a string's bytes lie, and only when one is not ASCII") {
  // A key, a value, a value with escapes (decoded), a member of an object in a
  // string and of one in a string in it; each in a short text, read a byte at a
  // time, and with 32 bytes after it, read 16 at a time.
  const auto record = [](std::string_view bytes) {
    std::vector<std::string> texts;
    for (const std::string_view after : {"", "0123456789abcdef0123456789abcdef"}) {
      const std::string b = std::string(bytes) + std::string(after);
      for (const std::string& text : {
               "{\"" + b + "\":\"v\"}",
               "{\"k\":\"" + b + "\"}",
               "{\"k\":\"a\\n" + b + "\\tb\"}",
               "{\"p\":\"{\\\"deviceId\\\":\\\"" + b + "\\\"}\"}",
               "{\"p\":\"{\\\"" + b + "\\\":1}\"}",
               "{\"p\":\"{\\\"a\\\":\\\"{\\\\\\\"type\\\\\\\":\\\\\\\"" + b + "\\\\\\\"}\\\"}\"}",
           })
        texts.push_back(text);
    }
    return texts;
  };
  for (const std::string_view valid : {"é", "日本", "😀", "0123456789abcdefé"}) {
    for (const std::string& text : record(valid)) {
      INFO(text);
      CHECK(check_agrees(text, EmbeddedObjects::in_place));
      CHECK(check_agrees(text, EmbeddedObjects::decoded));
    }
  }
  for (const std::string_view broken :
       {"\xff", "\xc3", "\xc3(", "\xe6\x97", "\xed\xa0\x80", "0123456789abcdef\x80", "\xc0\xaf"}) {
    for (const std::string& text : record(broken)) {
      INFO(text);
      CHECK_FALSE(accepts(text));
      CHECK_FALSE(accepts(text, EmbeddedObjects::decoded));
    }
  }
}

TEST_CASE("a text of thousands of members is left to simdjson") {
  std::string object = "{";
  std::string row = "[";
  for (int i = 0; i < 5000; ++i) {
    object += (i == 0 ? "\"a\":1" : ",\"a\":1");
    row += (i == 0 ? "1" : ",1");
  }
  object += "}";
  row += "]";
  FlatJsonObject flat;
  CHECK_FALSE(flat.read(object));
  CHECK_FALSE(flat.read_array(row));
  CHECK(flat.read(R"({"a":1,"b":2})"));
}

TEST_CASE("an object in a string is read in place only when its text is plain") {
  const auto in_place = [](std::string_view text) {
    FlatJsonObject object;
    REQUIRE(object.read(text, EmbeddedObjects::in_place));
    return object.members()[0].as_written;
  };
  CHECK(in_place(R"({"p":"{\"a\":\"b\"}"})"));
  CHECK(in_place(R"({"p":"{\"a\":\"b\"}  "})"));
  // JSON in a string in that string too, as resource logs give authType.
  CHECK(in_place(R"({"p":"{\"a\":\"{\\\"type\\\":\\\"sas\\\"}\"}"})"));
  // Escapes inside it (a third level, a line end), a nested value, a bare tab or a second
  // value: decoded like any string, and left to the reader of its text.
  CHECK_FALSE(in_place(R"({"p":"{\"a\":\"{\\\"b\\\":\\\"{\\\\\\\"c\\\\\\\":1}\\\"}\"}"})"));
  CHECK_FALSE(in_place(R"({"p":"{\"a\":\"b\\nc\"}"})"));
  CHECK_FALSE(in_place(R"({"p":"{\"a\":{\"b\":1}}"})"));
  CHECK_FALSE(in_place(R"({"p":"{\"a\":\"b\"}\n"})"));
  CHECK_FALSE(in_place(R"({"p":"{\"a\":\"b\"} x"})"));
  CHECK_FALSE(in_place(R"({"p":"{\"a\":\"b\",}"})"));
  CHECK_FALSE(in_place(R"({"p":" {\"a\":\"b\"}"})"));
}

TEST_CASE("the fast path agrees with simdjson on the real records and on their mutations") {
  const std::vector<std::string> lines = record_lines();
  REQUIRE(lines.size() > 50);
  std::size_t plain = 0;  // lines simdjson reads as an object of plain members
  std::size_t accepted = 0;
  std::size_t with_properties = 0;  // of those, with `properties` as JSON in a string
  std::size_t in_place = 0;
  std::vector<std::string> plain_lines;
  for (const std::string& line : lines) {
    if (check_agrees(line, EmbeddedObjects::in_place)) ++accepted;
    check_agrees(line, EmbeddedObjects::decoded);
    dom::parser parser;
    dom::object dom_object;
    if (parser.parse(line).get_object().get(dom_object) != simdjson::SUCCESS) continue;
    bool all_plain = true;
    bool properties_text = false;
    for (const auto [key, value] : dom_object) {
      const auto type = value.type();
      all_plain =
          all_plain && type != dom::element_type::OBJECT && type != dom::element_type::ARRAY;
      properties_text =
          properties_text || (key == "properties" && type == dom::element_type::STRING);
    }
    if (!all_plain) continue;
    ++plain;
    plain_lines.push_back(line);
    if (!properties_text) continue;
    ++with_properties;
    FlatJsonObject object;
    REQUIRE(object.read(line, EmbeddedObjects::in_place));
    for (const FlatMember& member : object.members())
      in_place += member.as_written ? 1 : 0;
  }
  // The fast path must take the records of plain members, or it is no faster path; the
  // real ones here hold nothing it leaves to simdjson, and their properties, authType
  // included, are read in place.
  INFO(plain << " plain lines, " << with_properties << " with properties, " << in_place
             << " read in place");
  CHECK(plain > 30);
  CHECK(accepted == plain);
  CHECK(in_place == with_properties);

  // Some mutations leave valid JSON (a changed letter); those must have been compared.
  CHECK(mutations_accepted(plain_lines, 40000, 20261205, check_agrees) > 1000);
}

TEST_CASE("query API rows are read as simdjson reads them, on real rows and their mutations") {
  const std::vector<std::string> rows = table_rows();
  REQUIRE(rows.size() > 10);
  std::size_t accepted = 0;
  for (const std::string& row : rows) {
    if (check_array_agrees(row, EmbeddedObjects::in_place)) ++accepted;
    check_array_agrees(row, EmbeddedObjects::decoded);
  }
  CHECK(accepted == rows.size());  // the rows of the test data are all plain
  for (const std::string text :
       {R"([])", R"( [ "a" , null,1 ,true,false ] )", R"(["{\"deviceId\":\"d\"}", ""])"}) {
    CHECK(check_array_agrees(text, EmbeddedObjects::in_place));
  }
  FlatJsonObject row;
  for (const std::string_view text :
       {R"({})", R"(["a",])", R"([["a"]])", R"([{"a":1}])", R"(["a"] ])", R"(["a")", R"([1e3])"}) {
    INFO(text);
    CHECK_FALSE(row.read_array(text));
  }
  CHECK(mutations_accepted(rows, 20000, 20261206, check_array_agrees) > 500);
}

}  // namespace
}  // namespace iothub_diag
