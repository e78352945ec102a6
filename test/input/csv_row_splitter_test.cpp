// CsvRowSplitter's quoted fields, passed over and unescaped 64 bytes at a time:
// the values written come back, whatever the offset of their quotes in a block.
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/input/csv_row_splitter.hpp>

namespace iothub_diag {
namespace {

// Gives one byte a read: the splitter never holds more than a few bytes past
// what it has looked at, so it reads every row byte by byte.
class TrickleSource final : public ByteSource {
 public:
  explicit TrickleSource(std::string_view data) : data_(data) {}
  std::size_t read(std::span<char> buffer) override {
    if (data_.empty() || buffer.empty()) return 0;
    buffer[0] = data_.front();
    data_.remove_prefix(1);
    return 1;
  }

 private:
  std::string_view data_;
};

struct Row {
  std::uint64_t line = 0;
  std::optional<SkipReason> problem;
  std::vector<std::string> fields;
  bool operator==(const Row&) const = default;
};

std::vector<Row> rows_of(CsvRowSplitter& splitter) {
  std::vector<Row> rows;
  CsvRow row;
  while (splitter.next(row))
    rows.push_back(Row{row.line, row.problem, {row.fields.begin(), row.fields.end()}});
  return rows;
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

std::string quoted(const std::string& value) {
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
        cells += (f == 0 ? "" : ",") + quoted(row.fields.back());
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
      text += quoted(random_value(random, length(random))) + "," +
              quoted(random_value(random, length(random))) + "\n";
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

}  // namespace iothub_diag
