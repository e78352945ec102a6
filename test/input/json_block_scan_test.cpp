// Following objects and arrays 64 bytes at a time cuts the same texts as looking at every byte,
// and as reading the bytes one at a time.
#include "../../src/input/json_block_scan.hpp"

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../../fuzz/fast_path_agreement.hpp"
#include "support/input_files.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

// The texts cut in blocks, byte by byte and one byte a read are the same
// (fuzz/fast_path_agreement.hpp), in both layouts.
void check_same_texts(const std::string& name, const std::string& bytes,
                      SplitterLimits limits = {}) {
  for (const JsonLayout layout : {JsonLayout::values, JsonLayout::lines}) {
    INFO(name << (layout == JsonLayout::values ? ", values" : ", lines"));
    CHECK(fuzz::json_split_disagreement(bytes, layout, limits).empty());
  }
}

// Records of mostly ordinary text with the bytes that matter thrown in: quotes,
// runs of backslashes, line ends (also inside strings), brackets, a `{` at a
// line start, cut and unbalanced values; long enough to fill many blocks.
std::string random_records(std::mt19937_64& random, std::size_t records) {
  static constexpr std::string_view kSpecial = "\"\\\n{}[],: ";
  std::string out;
  std::uniform_int_distribution<int> percent(0, 99);
  for (std::size_t r = 0; r < records; ++r) {
    out += percent(random) < 80 ? "{\"a\":\"" : "[\"";
    const int length = std::uniform_int_distribution<int>(0, 400)(random);
    for (int i = 0; i < length; ++i) {
      const int roll = percent(random);
      if (roll < 75)
        out += static_cast<char>('a' + roll % 26);
      else if (roll < 85)
        out += "\\\"";  // an escaped quote, as in properties_s
      else
        out += kSpecial[static_cast<std::size_t>(roll) % kSpecial.size()];
    }
    out += percent(random) < 90 ? "\"}" : "\"]";
    out += percent(random) < 70 ? "\n" : ",";
  }
  return out;
}

}  // namespace

TEST_CASE("A block's masks are those of its bytes one by one", "[input][json]") {
  std::mt19937_64 random(7);
  std::string block(64, ' ');
  for (int round = 0; round < 2000; ++round) {
    for (char& byte : block) {
      constexpr std::string_view kMatters = "\"\\\n{}[]a";
      byte = round % 2 == 0 ? static_cast<char>(random()) : kMatters[random() % kMatters.size()];
    }
    const BlockMasks fast = classify_block(block.data());
    const BlockMasks slow = classify_block_bytewise(block.data());
    REQUIRE(fast.quotes == slow.quotes);
    REQUIRE(fast.backslashes == slow.backslashes);
    REQUIRE(fast.line_ends == slow.line_ends);
    REQUIRE(fast.opens == slow.opens);
    REQUIRE(fast.closes == slow.closes);
    REQUIRE(fast.braces == slow.braces);
  }
}

TEST_CASE("Backslash runs escape what one reading byte by byte escapes", "[input][json]") {
  std::mt19937_64 random(11);
  for (int round = 0; round < 5000; ++round) {
    std::uint64_t backslashes = 0;
    for (int i = 0; i < 64; ++i)
      if (random() % 3 == 0) backslashes |= std::uint64_t{1} << i;
    const bool starts_escaped = random() % 2 == 0;
    // The reference: a backslash not itself escaped escapes the next byte.
    std::uint64_t expected = 0;
    bool escaping = starts_escaped;
    for (int i = 0; i < 64; ++i) {
      const bool backslash = ((backslashes >> i) & 1) != 0;
      if (escaping) {
        if (!backslash) expected |= std::uint64_t{1} << i;
        escaping = false;
      } else {
        escaping = backslash;
      }
    }
    bool ends_escaping = false;
    const std::uint64_t escaped = escaped_bytes(backslashes, starts_escaped, ends_escaping);
    // An escaped backslash may be marked or not: only other escaped bytes matter.
    REQUIRE((escaped & ~backslashes) == expected);
    REQUIRE(ends_escaping == escaping);
  }
}

TEST_CASE("Objects and arrays followed in blocks cut the texts of a byte-by-byte scan",
          "[input][json]") {
  std::mt19937_64 random(3);
  for (int round = 0; round < 40; ++round)
    check_same_texts("random records " + std::to_string(round), random_records(random, 60));
  // A query API answer, compact and pretty-printed, with an escaped backslash
  // before a quote and a line end inside a string.
  const std::string row =
      R"(["2026-11-20T00:27:03Z","HUB","{\"deviceId\":\"dev-1\",\"path\":\"C:\\\\x\\\\\",)"
      R"(\"n\":[1,{\"m\":2}]}"])";
  std::string answer = R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated",)"
                       R"("type":"datetime"}],"rows":[)";
  for (int i = 0; i < 50; ++i)
    answer += (i == 0 ? "" : ",") + row;
  answer += "]}]}";
  check_same_texts("query API answer", answer);
  std::string pretty = answer;
  for (std::size_t at = 0; (at = pretty.find("],[", at)) != std::string::npos; at += 6)
    pretty.replace(at, 3, "],\n    [");
  check_same_texts("query API answer, one row a line", pretty);
  std::string broken = pretty;
  broken.insert(broken.size() / 2, "\n{\"cut\":");
  check_same_texts("a record cut short", broken);
  // Deep nesting past the limit, and a text over the size limit.
  check_same_texts("deep", std::string(300, '[') + std::string(300, ']') + "\n");
  check_same_texts("too large", "{\"a\":\"" + std::string(5000, 'x') + "\"}\n",
                   SplitterLimits{1000, 256});
}

TEST_CASE("Every JSON file the tests and the conformance records hold cuts the same in blocks",
          "[input][json]") {
  const std::vector<fs::path> files = testing::input_files({".json", ".jsonl"});
  REQUIRE(files.size() >= 10);
  for (const fs::path& file : files)
    check_same_texts(file.string(), testing::file_bytes(file));
}

TEST_CASE("Mutated slices of real records cut the same in blocks, under tight limits",
          "[input][json]") {
  // Slices of every JSON file with bytes that matter put in, replaced or taken
  // out, read with limits low enough to meet oversized and too-deep texts.
  const std::vector<fs::path> files = testing::input_files({".json", ".jsonl"});
  REQUIRE(!files.empty());
  std::vector<std::string> contents;
  for (const fs::path& file : files)
    contents.push_back(testing::file_bytes(file));
  std::mt19937_64 random(5);
  constexpr std::string_view kSpecial = "\"\\\n{}[], \r";
#if defined(__SANITIZE_ADDRESS__)
  // Under AddressSanitizer a round takes some twenty times as long: the first
  // 600 rounds there (70 s for all 3,000), all of them in the normal build.
  constexpr int kRounds = 600;
#else
  constexpr int kRounds = 3000;
#endif
  for (int round = 0; round < kRounds; ++round) {
    const std::string& whole = contents[random() % contents.size()];
    const std::size_t length = 200 + random() % 6000;
    const std::size_t start =
        whole.size() > length && random() % 4 != 0 ? random() % (whole.size() - length) : 0;
    std::string slice = whole.substr(start, length);
    for (std::uint64_t change = random() % 8; change > 0 && !slice.empty(); --change) {
      const std::size_t at = random() % slice.size();
      const char byte = kSpecial[random() % kSpecial.size()];
      switch (random() % 3) {
        case 0:
          slice[at] = byte;
          break;
        case 1:
          slice.insert(at, 1, byte);
          break;
        default:
          slice.erase(at, 1 + random() % 3);
          break;
      }
    }
    check_same_texts("slice " + std::to_string(round), slice, SplitterLimits{4096, 16});
  }
}

TEST_CASE("A text past the limit is cut, and told binary, the same whatever the reads",
          "[input][json]") {
  // Lines and values around a limit of 64 bytes, some with NUL bytes before
  // the limit (binary: nothing after them is read), some after it (a text too
  // large, then the next), some ended by a `{` on the next line, some by CRLF.
  std::mt19937_64 random(20261207);
  for (int round = 0; round < 300; ++round) {
    std::string bytes;
    for (int text = 0; text < 6; ++text) {
      std::string value = "{\"a\":\"" + std::string(50 + random() % 40, 'x') + "\"}";
      switch (random() % 5) {
        case 0:
          value[20] = '\0';
          break;
        case 1:
          value.insert(value.size() - 2, 8, '\0');
          break;
        case 2:
          value.resize(value.size() - 2);
          break;  // never closed
        case 3:
          value.insert(10, "\n");
          break;
        default:
          break;
      }
      bytes += value + (random() % 2 == 0 ? "\n" : "\r\n");
    }
    check_same_texts("round " + std::to_string(round), bytes, SplitterLimits{64, 8});
  }
  // A table member whose name runs past the limit is no member, read whole or not.
  // (Past the 512 bytes the splitter looks at first to know a document.)
  std::string rows;
  for (int row = 0; row < 40; ++row)
    rows += std::string(row == 0 ? "" : ",") + R"(["a","b"])";
  check_same_texts("member name past the limit",
                   R"({"tables":[{"name":"t","rows":[)" + rows + R"(]},{")" +
                       std::string(100, 'n') + R"(":1,"columns":[]}]})",
                   SplitterLimits{64, 8});
}

TEST_CASE("A byte order mark read in short reads is skipped before any text", "[input][json]") {
  // A source giving one byte a read used to skip the mark after the line's
  // first bytes were counted, and scanned past the buffer's end.
  const std::string bytes = "\xEF\xBB\xBF{\"a\":1}\n{\"b\":2}\n";
  check_same_texts("byte order mark", bytes);
  fuzz::agreement_detail::TrickleSource trickle(bytes);
  const auto cut =
      fuzz::agreement_detail::cut_json(trickle, JsonLayout::lines, true, SplitterLimits{});
  REQUIRE(cut.texts.size() == 2);
  CHECK(cut.texts[0].text == "{\"a\":1}");
  CHECK(cut.texts[1].line == 2);
}

}  // namespace iothub_diag
