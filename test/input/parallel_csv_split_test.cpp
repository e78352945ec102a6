// Rows cut in chunks on other threads are the rows one splitter gives.
#include "../../src/input/parallel_csv_split.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "input/recording_sink.hpp"
#include "support/input_files.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/read_options.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

// A row as `take` saw it, its views copied.
struct SeenRow {
  std::uint64_t line = 0;
  std::optional<SkipReason> problem;
  std::optional<MessageId> detail;
  std::vector<std::string> fields;

  bool operator==(const SeenRow&) const = default;
};

struct Split {
  std::vector<SeenRow> rows;
  std::uint64_t last_line = 0;
};

Split split(const std::string& bytes, unsigned workers, std::size_t chunk_bytes,
            std::size_t stop_after = SIZE_MAX) {
  MemorySource source(bytes);
  const CsvSplitSettings settings{',', 3, std::size_t{64} << 20};
  Split out;
  out.last_line = split_csv_rows(source, settings, workers, chunk_bytes, [&](const CsvRow& row) {
    SeenRow seen{row.line, row.problem, row.detail.id(), {}};
    for (const std::string_view field : row.fields)
      seen.fields.emplace_back(field);
    out.rows.push_back(std::move(seen));
    return out.rows.size() < stop_after;
  });
  return out;
}

void check_same_rows(const std::string& name, const std::string& bytes) {
  const Split one = split(bytes, 0, 0);
  for (const unsigned workers : {1u, 2u}) {
    for (const std::size_t chunk :
         {std::size_t{16}, std::size_t{61}, std::size_t{333}, std::size_t{4096}, kCsvChunkBytes}) {
      INFO(name << ", " << workers << " workers, chunks of " << chunk << " bytes");
      const Split chunked = split(bytes, workers, chunk);
      CHECK(chunked.last_line == one.last_line);
      REQUIRE(chunked.rows.size() == one.rows.size());
      for (std::size_t i = 0; i < one.rows.size(); ++i) {
        INFO("row " << i << " at line " << one.rows[i].line);
        CHECK(chunked.rows[i] == one.rows[i]);
      }
      // Stopping after the header reads no row further.
      const Split stopped = split(bytes, workers, chunk, 1);
      CHECK(stopped.rows.size() == std::min<std::size_t>(1, one.rows.size()));
      if (!one.rows.empty()) CHECK(stopped.last_line == one.rows.front().line);
    }
  }
}

}  // namespace

TEST_CASE("CSV rows cut in chunks on other threads are those of one splitter", "[input][csv]") {
  const std::string header =
      "\xEF\xBB\xBFTimeGenerated [UTC],Category,ResultDescription,properties_s\r\n";
  std::string rows;
  for (int i = 0; i < 300; ++i) {
    rows += "\"11/20/2026, 1:" + std::to_string(10 + i % 50) +
            ":00.000 AM\",\"Connections\",\"DeviceConnectionClosedRemotely\","
            "\"{\"\"deviceId\"\":\"\"dev-" +
            std::to_string(i) + "\"\",\"\"protocol\"\":\"\"Mqtt\"\"}\"";
    rows += i % 3 == 0 ? "\n" : "\r\n";
    if (i % 41 == 7) rows += "\"a\",\"b\",\"two\nlines, \"\"quoted\"\"\",\"c\"\n";
    if (i % 53 == 9) rows += "\"broken\" row,\"x\"\n";
    if (i % 67 == 11) rows += "\n\r\n\xEF\xBB\xBF\"after a BOM\",\"y\"\n";
    if (i == 150) rows += "\"a quote never closed,x\n";
    if (i == 200)
      rows += "\"" + std::string(5000, 'z') + "\n" + std::string(3000, 'w') + "\",\"q\"\n";
  }
  check_same_rows("built", header + rows);
  check_same_rows("no line end at the end", header + rows + "\"last\",\"row\"");
  check_same_rows("a quoted field open at the end", header + rows + "\"open\n,\n");
  check_same_rows("header only", header);
  check_same_rows("empty", "");
  check_same_rows("no line end at all", std::string(20000, 'x'));
}

TEST_CASE("every CSV the tests and the conformance records hold cuts the same in chunks",
          "[input][csv]") {
  const std::vector<fs::path> files = testing::input_files({".csv"});
  REQUIRE(files.size() >= 4);
  for (const fs::path& file : files)
    check_same_rows(file.string(), testing::file_bytes(file));
}

namespace {

// What `take` or a NamingReader says of a row: its first cell, or why it is broken.
std::string row_name(const CsvRow& row) {
  return row.problem ? "(" + std::string(to_string(*row.problem)) + ")"
                     : std::string(row.fields[0]);
}

// Reads every row but those whose first cell is "hold", each as a note naming
// it (row_name); a broken row too, as the CSV reader's own reader does.
class NamingReader final : public CsvRowReader {
 public:
  bool read(const CsvRow& row, RecordSink& calls) override {
    if (!row.problem && (row.fields.empty() || row.fields[0] == "hold")) return false;
    calls.on_note(Message{MessageId::detail_as_given, {row_name(row)}});
    return true;
  }
};

}  // namespace

TEST_CASE("a chunk whose rows the cutting thread reads all of is taken as its calls, in order",
          "[input][csv]") {
  std::string text = "name,value\n";
  for (int i = 0; i < 1000; ++i) {
    text += (i == 50 || i == 700 ? std::string("hold") : "r" + std::to_string(i)) + ",x\n";
    // A quoted field over several lines is read ahead like any row.
    if (i % 97 == 5) text += "q" + std::to_string(i) + ",\"two\nlines\"\n";
    // A stray quote: a chunk cut after it ends inside what looks like a quoted
    // field, and it and the rest are cut again on the thread that reads.
    if (i == 900) text += "\"stray,x\n";
  }
  // What one splitter gives, row by row.
  std::vector<std::string> expected;
  {
    MemorySource source(text);
    CsvRowSplitter splitter(source, std::size_t{64} << 20);
    CsvRow row;
    while (splitter.next(row))
      expected.push_back(row_name(row));
  }
  REQUIRE(std::count_if(expected.begin(), expected.end(),
                        [](const std::string& name) { return name.starts_with('('); }) == 1);
  for (const unsigned workers : {1u, 2u}) {
    for (const std::size_t chunk : {std::size_t{64}, std::size_t{300}, std::size_t{1024}}) {
      INFO(workers << " workers, chunks of " << chunk << " bytes");
      std::vector<std::string> seen;
      std::size_t chunks_read = 0;
      std::size_t rows_taken = 0;
      const CsvReadAhead ahead{[] { return std::make_unique<NamingReader>(); },
                               [&](const RecordedCalls& calls) {
                                 ++chunks_read;
                                 testing::RecordingSink sink;
                                 calls.replay(sink);
                                 seen.insert(seen.end(), sink.notes.begin(), sink.notes.end());
                               }};
      MemorySource source(text);
      const CsvSplitSettings settings{',', 1, std::size_t{64} << 20};
      split_csv_rows(
          source, settings, workers, chunk,
          [&](const CsvRow& row) {
            ++rows_taken;
            seen.push_back(row_name(row));
            return true;
          },
          &ahead);
      CHECK(seen == expected);
      // The first chunk (the header's) and those holding a "hold" row are taken row by row.
      CHECK(chunks_read > 0);
      CHECK(rows_taken >= 1 + 2);
      CHECK(rows_taken < expected.size());
    }
  }
}

}  // namespace iothub_diag
