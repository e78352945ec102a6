#include <stdexcept>

#include <iothub_diag/input/ingest.hpp>

namespace iothub_diag {

IngestResult ingest_paths(const std::vector<std::string>& paths, const ReadOptions& options,
                          EventStore& store) {
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
