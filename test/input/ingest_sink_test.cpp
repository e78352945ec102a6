// Ingest writes into the IngestSink interface: any sink that can make and
// merge pieces gets, from a parallel read, what a sequential read gives it.
#include <memory>
#include <string>
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
  std::unique_ptr<IngestSink> new_piece() const override { return std::make_unique<ListSink>(); }
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

}  // namespace
}  // namespace iothub_diag
