// Ingest writes into the IngestSink interface: any sink that can make and
// merge pieces gets, from a parallel read, what a sequential read gives it.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <iothub_diag/input/ingest.hpp>

namespace iothub_diag {
namespace {

// Keeps, in arrival order, one line per event and skip, and counts the rest.
class ListSink final : public IngestSink {
 public:
  void on_event(const Event& event, const SourceLocation& location) override {
    if (on_first_event && *on_first_event) std::exchange(*on_first_event, nullptr)();
    lines.push_back(
        fmt::format("event {} {} {}", event.device_id, event.time, format_location(location)));
  }
  void on_skip(SkipReason reason, const SourceLocation& location,
               const SkipDetail& /*detail*/) override {
    skips.push_back({reason, std::string(location.source), location.line, location.index});
  }
  void count_file() override { ++files; }
  void on_metric_series(const MetricSeries& /*series*/) override {}
  void on_health_event(const HealthEvent& /*event*/) override {}
  void on_activity_event() override {}
  void on_metric_document() override {}
  void on_file_problem(SkipReason reason, std::string_view file,
                       const SkipDetail& /*detail*/) override {
    skips.push_back({reason, std::string(file), 0, 0});
  }
  void expect_input_bytes(std::uint64_t /*bytes*/) override {}
  std::unique_ptr<IngestSink> new_piece() const override {
    auto piece = std::make_unique<ListSink>();
    piece->on_first_event = on_first_event;
    return piece;
  }
  void merge_piece(IngestSink& piece, std::uint64_t lines_before) override {
    auto& other = dynamic_cast<ListSink&>(piece);
    // Event lines name their piece's own line numbers; only skips are renumbered here.
    lines.insert(lines.end(), other.lines.begin(), other.lines.end());
    for (Skip skip : other.skips) {
      if (skip.line != 0) skip.line += lines_before;
      skips.push_back(skip);
    }
    files += other.files;
    ++merges;
    other = ListSink();
  }

  struct Skip {
    SkipReason reason;
    std::string source;
    std::uint64_t line;
    std::uint64_t index;
    bool operator==(const Skip&) const = default;
  };
  std::vector<std::string> lines;
  std::vector<Skip> skips;
  std::uint64_t files = 0;
  int merges = 0;
  // Called once, before the first event this sink or any of its pieces takes.
  std::shared_ptr<std::function<void()>> on_first_event;
};

// Event lines without their location: pieces number lines within themselves.
std::vector<std::string> without_locations(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines)
    out.push_back(line.substr(0, line.rfind(' ')));
  return out;
}

TEST_CASE("a parallel read into any IngestSink merges its pieces in input order",
          "[input][ingest]") {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    if (i % 500 == 7) text += "{\"broken\n";  // a skip in several pieces
    text += fmt::format(
        R"({{"time":"2026-11-20T{:02}:{:02}:{:02}Z","operationName":"deviceDisconnect",)"
        R"("category":"Connections","level":"Error","resultType":"404104",)"
        R"("properties":"{{\"deviceId\":\"dev-{}\"}}"}})"
        "\n",
        (i / 3600) % 24, (i / 60) % 60, i % 60, i % 97);
  }
  const std::string file = dir.write("fleet.jsonl", text).string();

  ListSink sequential;
  ingest_paths({file}, ReadOptions{}, sequential, IngestOptions{1, 0});
  ListSink parallel;
  ingest_paths({file}, ReadOptions{}, parallel, IngestOptions{3, 16 * 1024});

  REQUIRE(sequential.lines.size() == 3000);
  CHECK(parallel.merges > 10);
  CHECK(without_locations(parallel.lines) == without_locations(sequential.lines));
  CHECK(parallel.skips == sequential.skips);
  CHECK(parallel.skips.size() == 6);
  CHECK(parallel.files == 1);
}

TEST_CASE("binary data in one piece ends its file's read, as a read of the whole file ends",
          "[input][ingest]") {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 3000; ++i) {
    // An oversized line whose first bytes hold a NUL: the rest of the file is not read.
    if (i == 1500) text += std::string(100, 'x') + '\0' + std::string(5000, 'y') + "\n";
    text += fmt::format(
        R"({{"time":"2026-11-20T{:02}:{:02}:{:02}Z","operationName":"deviceConnect",)"
        R"("category":"Connections","level":"Information","properties":"{{\"deviceId\":\"dev-{}\"}}"}})"
        "\n",
        (i / 3600) % 24, (i / 60) % 60, i % 60, i % 97);
  }
  const std::string file = dir.write("fleet.jsonl", text).string();
  ReadOptions options;
  options.limits.max_text_bytes = 4096;

  ListSink sequential;
  ingest_paths({file}, options, sequential, IngestOptions{1, 0});
  ListSink parallel;
  ingest_paths({file}, options, parallel, IngestOptions{3, 16 * 1024});

  CHECK(sequential.lines.size() == 1500);
  REQUIRE(sequential.skips.size() == 1);
  CHECK(sequential.skips[0].reason == SkipReason::record_too_large);
  CHECK(parallel.merges > 10);
  CHECK(without_locations(parallel.lines) == without_locations(sequential.lines));
  CHECK(parallel.skips == sequential.skips);
}

// A connect record of device `dev-<device>`, `second` seconds into the day, without its line end.
std::string connect_record(int second, int device) {
  return fmt::format(R"({{"time":"2026-11-20T{:02}:{:02}:{:02}Z","operationName":"deviceConnect",)"
                     R"("category":"Connections","level":"Information",)"
                     R"("properties":"{{\"deviceId\":\"dev-{}\"}}"}})",
                     (second / 3600) % 24, (second / 60) % 60, second % 60, device);
}

// Pieces of 16 KiB, read on `threads` threads, as `reading` says.
IngestOptions pieces_of_16_kib(unsigned threads, PieceReading reading) {
  IngestOptions options{threads, 16 * 1024};
  options.piece_reading = reading;
  return options;
}

TEST_CASE("pieces read in place from a mapping give what pieces read with pread give",
          "[input][ingest][mapped]") {
  testing::TempDir dir;
  // A byte order mark, Windows line ends, blank and broken lines, and a last line without its end.
  std::string text = "\xEF\xBB\xBF";
  for (int i = 0; i < 2000; ++i) {
    if (i % 400 == 3) text += "\r\n{\"broken\r\n";
    text += connect_record(i, i % 89);
    if (i != 1999) text += "\r\n";
  }
  const std::string file = dir.write("fleet.jsonl", text).string();

  for (const unsigned threads : {1u, 3u}) {
    CAPTURE(threads);
    ListSink copied;
    ingest_paths({file}, ReadOptions{}, copied, pieces_of_16_kib(threads, PieceReading::copied));
    ListSink mapped;
    ingest_paths({file}, ReadOptions{}, mapped, pieces_of_16_kib(threads, PieceReading::mapped));

    REQUIRE(copied.lines.size() == 2000);
    CHECK(mapped.merges > 10);
    CHECK(mapped.lines == copied.lines);  // locations too: the same pieces
    CHECK(mapped.skips == copied.skips);
    CHECK(mapped.skips.size() == 5);
    CHECK(mapped.files == 1);
  }
}

TEST_CASE("a file cut short while a mapped piece is read is read again, as pread sees it",
          "[input][ingest][mapped]") {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; i < 600; ++i) {
    text += connect_record(i, i) + "\n";
  }
  REQUIRE(text.size() > 3 * 16 * 1024);
  // Cut inside the first piece, at a line end, once its reading has begun: the
  // zeros a mapping shows past the new end would make a record of their own.
  const std::size_t cut = text.find('\n', 9000) + 1;
  const std::filesystem::path file = dir.write("fleet.jsonl", text);
  ListSink mapped;
  mapped.on_first_event =
      std::make_shared<std::function<void()>>([&] { std::filesystem::resize_file(file, cut); });
  ingest_paths({file.string()}, ReadOptions{}, mapped, pieces_of_16_kib(1, PieceReading::mapped));

  testing::TempDir shorter_dir;
  const std::filesystem::path shorter = shorter_dir.write("fleet.jsonl", text.substr(0, cut));
  ListSink expected;
  ingest_paths({shorter.string()}, ReadOptions{}, expected,
               pieces_of_16_kib(1, PieceReading::copied));

  REQUIRE(expected.lines.size() > 50);
  CHECK(expected.skips.empty());
  CHECK(without_locations(mapped.lines) == without_locations(expected.lines));
  CHECK(mapped.skips.empty());
  CHECK(mapped.files == 1);
}

}  // namespace
}  // namespace iothub_diag
