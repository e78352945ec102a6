#include <stdexcept>

#include <iothub_diag/input/ingest.hpp>

namespace iothub_diag {
namespace {

// Counts the bytes read from a file for the progress line.
class CountingSource final : public ByteSource {
 public:
  CountingSource(std::unique_ptr<ByteSource> source, std::uint64_t& total, IngestProgress& progress)
      : source_(std::move(source)), total_(total), progress_(progress) {}
  std::size_t read(std::span<char> buffer) override {
    const std::size_t read = source_->read(buffer);
    total_ += read;
    progress_.on_bytes(total_);
    return read;
  }
  std::string error() const override { return source_->error(); }

 private:
  std::unique_ptr<ByteSource> source_;
  std::uint64_t& total_;
  IngestProgress& progress_;
};

}  // namespace

IngestResult ingest_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                          EventStore& store, IngestProgress* progress) {
  std::uint64_t total_bytes = 0;
  IngestResult result;
  WalkResult walk = walk_paths(paths.empty() ? std::vector<std::string>{"-"} : paths);
  result.path_problems = std::move(walk.problems);
  for (const InputFile& file : walk.files) {
    const std::string_view name =
        file.path == "-" ? std::string_view("<stdin>") : std::string_view(file.path);
    store.count_file();
    std::unique_ptr<ByteSource> source;
    try {
      source = std::make_unique<FileSource>(file.path);
      if (progress != nullptr)
        source = std::make_unique<CountingSource>(std::move(source), total_bytes, *progress);
    } catch (const std::runtime_error& error) {
      store.on_file_problem(SkipReason::unreadable_file, name, error.what());
      continue;
    }
    if (read_stream(std::move(source), name, options, store) != StreamOutcome::rejected)
      ++result.files_read;
  }
  return result;
}

}  // namespace iothub_diag
