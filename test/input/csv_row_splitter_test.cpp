// CsvRowSplitter's quoted fields, passed over and unescaped 64 bytes at a time:
// the values written come back, whatever the offset of their quotes in a block.
#include <random>
#include <string>
#include <vector>

#include "../../fuzz/fast_path_agreement.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/csv_row_splitter.hpp>

namespace iothub_diag {
namespace {

using fuzz::agreement_detail::TrickleSource;
using Row = fuzz::agreement_detail::CutRow;

std::vector<Row> rows_of(CsvRowSplitter& splitter) {
  return fuzz::agreement_detail::cut_csv(splitter);
}

// A value of `size` bytes: text, quotes (alone and in runs), line ends and commas.
std::string random_value(std::mt19937& random, std::size_t size) {
  static constexpr std::string_view kBytes = "abcdefgh\"\"\"\n,{}:";
  std::uniform_int_distribution<std::size_t> pick(0, kBytes.size() - 1);
  std::string value;
  for (std::size_t i = 0; i < size; ++i)
    value += kBytes[pick(random)];
  return value;
}

std::string csv_quoted(const std::string& value) {
  std::string out = "\"";
  for (const char c : value) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + "\"";
}

}  // namespace

TEST_CASE("quoted fields come back as written, read in place and byte by byte", "[input][csv]") {
  std::mt19937 random(20261205);
  std::uniform_int_distribution<std::size_t> length(0, 300);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    std::vector<Row> written;
    std::uint64_t line = 1;
    for (int r = 0; r < 8; ++r) {
      Row row{line, std::nullopt, {}};
      std::string cells;
      for (int f = 0; f < 3; ++f) {
        row.fields.push_back(random_value(random, length(random)));
        cells += (f == 0 ? "" : ",") + csv_quoted(row.fields.back());
        line += static_cast<std::uint64_t>(
            std::count(row.fields.back().begin(), row.fields.back().end(), '\n'));
      }
      text += cells + "\n";
      ++line;
      written.push_back(std::move(row));
    }
    INFO("round " << round);
    CsvRowSplitter in_place(std::string_view(text), std::size_t{1} << 20);
    CHECK(rows_of(in_place) == written);
    TrickleSource trickle(text);
    CsvRowSplitter byte_by_byte(trickle, std::size_t{1} << 20);
    CHECK(rows_of(byte_by_byte) == written);
  }
}

TEST_CASE("broken quoted fields break the same way read in place and byte by byte",
          "[input][csv]") {
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> length(0, 200);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    for (int r = 0; r < 6; ++r)
      text += csv_quoted(random_value(random, length(random))) + "," +
              csv_quoted(random_value(random, length(random))) + "\n";
    // A quote dropped or added somewhere: a field closed early, text after a
    // closing quote, a field never closed.
    std::uniform_int_distribution<std::size_t> at(0, text.size() - 1);
    const std::size_t where = at(random);
    if (round % 2 == 0)
      text.erase(where, 1);
    else
      text.insert(where, "\"");
    INFO("round " << round);
    CsvRowSplitter in_place(std::string_view(text), std::size_t{1} << 20);
    TrickleSource trickle(text);
    CsvRowSplitter byte_by_byte(trickle, std::size_t{1} << 20);
    CHECK(rows_of(in_place) == rows_of(byte_by_byte));
  }
}

TEST_CASE(
    "a row past the row limit is too large whatever the reads, and binary only by its first bytes",
    "[input][csv]") {
  // Rows around a limit of 64 bytes: plain, quoted with line ends inside, with
  // text after a closing quote, with NUL bytes before or after the limit. Cut
  // in place, a row is seen whole; one byte a read, each byte is the end of
  // what was read. Both must skip the same rows for the same reasons.
  constexpr std::size_t kLimit = 64;
  std::mt19937 random(20261207);
  std::uniform_int_distribution<std::size_t> length(40, 100);
  std::uniform_int_distribution<int> kind(0, 5);
  std::size_t too_large = 0;
  std::size_t binary = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    for (int r = 0; r < 5; ++r) {
      std::string row(length(random), 'a');
      switch (kind(random)) {
        case 0:
          row = csv_quoted(random_value(random, row.size()));
          break;
        case 1:
          row += "\"x\"y";
          break;  // text after a quote
        case 2:
          row[std::min<std::size_t>(10, row.size() - 1)] = '\0';
          break;  // NUL up to the limit
        case 3:
          row += std::string(5, '\0');
          break;  // NUL past it
        case 4:
          row = "\"" + row + "\n" + row + "\"";
          break;  // a line end inside quotes
        default:
          break;
      }
      text += row + (r % 2 == 0 ? "\n" : "\r\n");
    }
    INFO("round " << round << ": " << text);
    CHECK(fuzz::csv_split_disagreement(text, kLimit).empty());
    CsvRowSplitter splitter(std::string_view(text), kLimit);
    CsvRow row;
    while (splitter.next(row)) {
      if (row.problem == SkipReason::record_too_large) ++too_large;
      if (row.detail.id() == MessageId::binary_without_line_end) ++binary;
    }
  }
  // Every kind was met, the binary stops among them.
  CHECK(too_large > 400);
  CHECK(binary > 50);
}

TEST_CASE("a row just past the limit is too large in place, where no read had to end on it",
          "[input][csv]") {
  const std::string text = "a,b\n" + std::string(20, 'x') + "\nc,d\n";
  CsvRowSplitter in_place(std::string_view(text), 10);
  const std::vector<Row> rows = rows_of(in_place);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].problem == std::nullopt);
  CHECK(rows[1].problem == SkipReason::record_too_large);
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields == std::vector<std::string>{"c", "d"});
  CHECK(rows[2].line == 3);
}

}  // namespace iothub_diag
