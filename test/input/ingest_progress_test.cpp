// The progress line is told as a single large document is read, not only once
// it is whole, even while other threads store its records.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "support/log_builder.hpp"
#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {
namespace {

// What a progress line would see at each call: the bytes and the events taken.
class RecordingProgress final : public IngestProgress {
 public:
  explicit RecordingProgress(const EventStore& store) : store_(store) {}
  void on_bytes(std::uint64_t total_bytes) override {
    calls.push_back({total_bytes, store_.events_taken()});
  }
  struct Call {
    std::uint64_t bytes;
    std::uint64_t events;
  };
  std::vector<Call> calls;

 private:
  const EventStore& store_;
};

// One JSON array of `devices` connect/drop pairs: a document, read whole.
std::string json_array_of(int devices) {
  testing::LogBuilder logs;
  for (int d = 0; d < devices; ++d) {
    const std::string id = "dev-" + std::to_string(d);
    logs.connect(id, 1'763'596'800'000 + d).drop(id, 1'763'600'000'000 + d);
  }
  std::string lines = logs.jsonl();
  std::string array = "[";
  for (std::size_t at = 0; at < lines.size();) {
    const std::size_t end = lines.find('\n', at);
    array += (array.size() > 1 ? ",\n" : "") + lines.substr(at, end - at);
    at = end == std::string::npos ? lines.size() : end + 1;
  }
  return array + "]\n";
}

TEST_CASE("a single large document tells the progress line as it is read", "[input]") {
  const testing::TempDir folder;
  const std::string path = (folder.path() / "answer.json").string();
  const int devices = 20'000;
  std::ofstream(path) << json_array_of(devices);
  for (const unsigned threads : {1u, 2u}) {
    INFO("threads " << threads);
    EventStore store;
    RecordingProgress progress(store);
    const IngestResult result =
        ingest_paths({path}, ReadOptions{}, store, IngestOptions{threads, 0, {}}, &progress);
    REQUIRE(result.path_problems.empty());
    REQUIRE(store.stats().records == 2u * devices);
    CHECK(store.events_taken() == 2u * devices);
    REQUIRE(progress.calls.size() > 2);
    // Told part-way, not only once the document is whole.
    CHECK(progress.calls.front().bytes < progress.calls.back().bytes);
    CHECK(std::any_of(progress.calls.begin(), progress.calls.end(),
                      [&](const RecordingProgress::Call& call) {
                        return call.events > 0 && call.events < 2u * devices;
                      }));
    for (std::size_t i = 1; i < progress.calls.size(); ++i) {
      CHECK(progress.calls[i].bytes >= progress.calls[i - 1].bytes);
      CHECK(progress.calls[i].events >= progress.calls[i - 1].events);
    }
  }
}

TEST_CASE("the events taken add up over many files and pieces, whatever the threads", "[input]") {
  const testing::TempDir folder;
  std::vector<std::string> paths;
  for (int file = 0; file < 6; ++file) {
    testing::LogBuilder logs;
    for (int d = 0; d < 400; ++d) {
      const std::string id = "dev-" + std::to_string(file) + "-" + std::to_string(d);
      logs.connect(id, 1'763'596'800'000 + d).drop(id, 1'763'600'000'000 + d);
    }
    if (file % 2 == 1) logs.raw_line(logs.jsonl().substr(0, logs.jsonl().find('\n')));  // a repeat
    paths.push_back((folder.path() / ("PT1H-" + std::to_string(file) + ".json")).string());
    std::ofstream(paths.back()) << logs.jsonl();
  }
  for (const unsigned threads : {1u, 2u, 3u}) {
    INFO("threads " << threads);
    EventStore store;
    RecordingProgress progress(store);
    // Pieces of 16 KiB: each file is cut, and the emptied piece stores are used again.
    ingest_paths(paths, ReadOptions{}, store, IngestOptions{threads, 16 << 10, {}}, &progress);
    CHECK(store.stats().records == 6u * 800u);
    CHECK(store.stats().duplicates == 3u);
    CHECK(store.events_taken() == store.stats().records + store.stats().duplicates);
    REQUIRE_FALSE(progress.calls.empty());
    CHECK(progress.calls.back().events == store.events_taken());
  }
}

}  // namespace
}  // namespace iothub_diag
