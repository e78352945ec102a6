#include <cmath>
#include <limits>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <iothub_diag/report/json_writer.hpp>

namespace iothub_diag {
namespace {

using Json = nlohmann::ordered_json;

// Walks a document through the writer, member by member.
void write_document(JsonWriter& writer, const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      writer.begin_object();
      for (const auto& member : value.items()) {
        writer.key(member.key());
        write_document(writer, member.value());
      }
      writer.end_object();
      break;
    case Json::value_t::array:
      writer.begin_array();
      for (const Json& element : value)
        write_document(writer, element);
      writer.end_array();
      break;
    case Json::value_t::string:
      writer.string(value.get_ref<const std::string&>());
      break;
    case Json::value_t::boolean:
      writer.boolean(value.get<bool>());
      break;
    case Json::value_t::number_integer:
      writer.number(value.get<std::int64_t>());
      break;
    case Json::value_t::number_unsigned:
      writer.number(value.get<std::uint64_t>());
      break;
    case Json::value_t::number_float:
      writer.number(value.get<double>());
      break;
    default:
      writer.null();
  }
}

std::string streamed(const Json& document) {
  std::ostringstream out;
  {
    JsonWriter writer(out);
    write_document(writer, document);
  }
  return out.str();
}

// What the JSON report was before it was streamed: the document, dumped.
std::string dumped(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace);
}

// A string of pieces chosen to cut UTF-8 sequences anywhere: whole characters,
// lone leads and continuations, overlong and surrogate leads, bytes never valid.
std::string random_text(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {
      "a",    "dev-01", "\"",   "\\",   "/",    std::string(1, '\0'),
      "\x01", "\x08",   "\t",   "\n",   "\x0b", "\x0c",
      "\r",   "\x1b",   "\x1f", "\x7f", "é",    "€",
      "😀",    "\xc3",   "\xe2", "\x82", "\xf0", "\x9f",
      "\x80", "\xbf",   "\xc0", "\xc1", "\xc2", "\xe0",
      "\xa0", "\xed",   "\xa0", "\xf4", "\x8f", "\x90",
      "\xf5", "\xfe",   "\xff"};
  std::uniform_int_distribution<std::size_t> length(0, 12);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::string text;
  for (std::size_t count = length(random); count > 0; --count)
    text += kPieces[piece(random)];
  return text;
}

TEST_CASE("nested empty and non-empty containers are laid out as nlohmann dumps them", "[report]") {
  const Json document = {
      {"empty_object", Json::object()},
      {"empty_array", Json::array()},
      {"object", {{"a", 1}, {"nested", {{"deeper", Json::array()}, {"b", Json::object()}}}}},
      {"array", {1, Json::array(), Json::object(), {{"x", nullptr}}, {Json::array(), true}}},
      {"flag", false},
      {"nothing", nullptr},
  };
  CHECK(streamed(document) == dumped(document));
  CHECK(streamed(Json::object()) == "{}");
  CHECK(streamed(Json::array()) == "[]");
  CHECK(streamed(Json::array({Json::array({Json::array()})})) == "[\n  [\n    []\n  ]\n]");
  CHECK(streamed(Json("top-level")) == "\"top-level\"");
}

TEST_CASE("strings escape quotes, backslashes and controls, and keep UTF-8 and DEL as they are",
          "[report]") {
  const Json document = {
      {"quotes", "say \"hi\""},
      {"backslash", "C:\\logs\\hub"},
      {"controls", std::string("\b\t\n\f\r\x01\x1b\x1f", 8)},
      {"nul", std::string("a\0b", 3)},
      {"del", "a\x7f"},
      {"utf8", "Gerät € 😀 \xe2\x80\xae"},
      {"slash", "a/b"},
      {"key \"quoted\"\n", "value"},
  };
  CHECK(streamed(document) == dumped(document));
  CHECK(streamed(Json(std::string("\x1b[31m", 5))) == "\"\\u001b[31m\"");
}

TEST_CASE("invalid UTF-8 is replaced as nlohmann replaces it, in values and keys", "[report]") {
  const Json document = {
      {"lone_continuation", "a\x80z"}, {"cut_short", "a\xe2\x82z"},
      {"cut_at_end", "a\xe2\x82"},     {"overlong", "\xc0\xaf"},
      {"surrogate", "\xed\xa0\x80"},   {"beyond_unicode", "\xf4\x90\x80\x80"},
      {"never_valid", "\xfe\xff"},     {"key \xe2\x82", "x"},
  };
  CHECK(streamed(document) == dumped(document));
  CHECK(streamed(Json("a\xe2\x82z")) == "\"a\xEF\xBF\xBDz\"");

  std::mt19937 random(20240611);
  for (int round = 0; round < 2000; ++round) {
    const Json text = random_text(random);
    INFO(Json(text.get<std::string>()).dump(-1, ' ', true, Json::error_handler_t::replace));
    REQUIRE(streamed(text) == dumped(text));
  }
}

TEST_CASE("a byte to escape or check is found wherever it lies in a long plain text", "[report]") {
  // Plain runs are passed over 16 bytes at a time: each special byte is put at
  // every place of two blocks, with plain text of every length after it.
  const std::vector<std::string> special = {
      "\"", "\\", std::string(1, '\0'), "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82", "\xff", " ", "~"};
  for (const std::string& piece : special) {
    for (std::size_t before = 0; before <= 33; ++before) {
      for (std::size_t after = 0; after <= 17; ++after) {
        const Json text = std::string(before, 'a') + piece + std::string(after, 'z');
        INFO(Json(text.get<std::string>()).dump(-1, ' ', true, Json::error_handler_t::replace));
        REQUIRE(streamed(text) == dumped(text));
      }
    }
  }
  // Long texts of plain runs and every kind of piece, in values and keys.
  std::mt19937 random(20261206);
  std::uniform_int_distribution<std::size_t> run(0, 40);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int part = 0; part < 4; ++part)
      text += std::string(run(random), static_cast<char>('a' + part)) + random_text(random);
    const Json document = {{text, text}};
    INFO(Json(text).dump(-1, ' ', true, Json::error_handler_t::replace));
    REQUIRE(streamed(document) == dumped(document));
  }
}

TEST_CASE("integers of every sign and size are written in full", "[report]") {
  const Json document = {
      {"zero", 0},
      {"negative", -404104},
      {"int64_min", std::numeric_limits<std::int64_t>::min()},
      {"int64_max", std::numeric_limits<std::int64_t>::max()},
      {"uint64_max", std::numeric_limits<std::uint64_t>::max()},
      {"records", std::uint64_t{1'234'567'890'123}},
  };
  CHECK(streamed(document) == dumped(document));

  std::ostringstream out;
  {
    JsonWriter writer(out);
    writer.begin_array();
    writer.number(std::int32_t{-7});
    writer.number(std::size_t{7});
    writer.number(std::uint8_t{255});
    writer.end_array();
  }
  CHECK(out.str() == "[\n  -7,\n  7,\n  255\n]");
}

TEST_CASE("doubles are written as nlohmann writes them, and not-finite ones as null", "[report]") {
  const Json document = {
      0.59,  14702.0, 1e-05,   123456789.125, 0.001, -0.0,   0.0,     -2.5,
      1e300, 5e-324,  1.0 / 3, 0.1 + 0.2,     1e16,  1.5e17, 86400.0,
  };
  CHECK(streamed(document) == dumped(document));
  CHECK(streamed(Json(std::nan(""))) == "null");
  CHECK(streamed(Json(std::numeric_limits<double>::infinity())) == "null");
  CHECK(streamed(Json(-std::numeric_limits<double>::infinity())) == "null");

  // The evidence values: rounded to three decimals, from tiny shares to long periods.
  std::mt19937 random(404104);
  std::uniform_real_distribution<double> magnitude(-6, 9);
  Json rounded = Json::array();
  for (int round = 0; round < 5000; ++round) {
    const double value = std::pow(10.0, magnitude(random));
    rounded.push_back(std::round(value * 1000) / 1000);
  }
  CHECK(streamed(rounded) == dumped(rounded));
}

TEST_CASE("a document larger than the buffer comes out whole, and nothing before flush",
          "[report]") {
  Json large = Json::array();
  for (int index = 0; index < 20000; ++index) {
    large.push_back({{"device_id", "dev-" + std::to_string(index)}, {"rank", index * 0.5}});
  }
  CHECK(streamed(large) == dumped(large));

  std::ostringstream out;
  JsonWriter writer(out);
  writer.begin_object();
  writer.key("a");
  writer.string("b");
  writer.end_object();
  CHECK(out.str().empty());
  writer.flush();
  CHECK(out.str() == "{\n  \"a\": \"b\"\n}");
}

}  // namespace
}  // namespace iothub_diag
