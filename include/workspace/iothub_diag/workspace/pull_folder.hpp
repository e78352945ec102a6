#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/workspace/chunk_plan.hpp>

namespace iothub_diag::workspace {

// What a pull asks for, beyond its span: chunks of two pulls that differ here
// are not the same rows, so a folder never mixes them.
struct PullIdentity {
  std::string workspace;
  std::vector<std::string> hubs;  // as given (--hub), compared in order
  std::string query;              // the chunk query's text for an empty chunk
};

// One chunk on disk, exactly as the API returned it.
struct SavedChunk {
  TimeChunk chunk;
  std::uint64_t rows = 0;
  std::string file;  // name inside the folder
  // When the pull that asked for it started (at or before the request: a chunk is
  // never taken as more settled than it was); 0 unknown, taken as long ago.
  Timestamp asked_at = 0;

  // Whether rows may still have been arriving in the workspace when it was asked
  // for: it ends less than `margin` before that.
  bool unsettled(Timestamp margin) const noexcept {
    return asked_at != 0 && chunk.to + margin > asked_at;
  }
};

// A folder of saved chunks (`--save DIR`) and its manifest, `.iothub-diag-pull.json`
// (hidden, so `analyze DIR` reads only the chunks). Every chunk and every version of
// the manifest is written atomically: a pull killed at any moment leaves whole
// chunks and a manifest that lists only those, and a run with the same folder asks
// only for what the manifest lacks.
class PullFolder {
 public:
  // Creates the folder if needed, reads its manifest, removes the temporary files of
  // a killed pull; nullopt with `error` set when the folder holds another pull.
  static std::optional<PullFolder> open(const std::string& path, const PullIdentity& identity,
                                        std::optional<Message>& error);

  const std::string& path() const noexcept { return path_; }
  const std::vector<SavedChunk>& chunks() const noexcept { return chunks_; }

  // The path a chunk's file is written to.
  std::string chunk_path(const TimeChunk& chunk) const;

  // Lists a chunk whose file has been committed and rewrites the manifest; why it
  // could not be written, or nullopt.
  std::optional<Message> add(SavedChunk chunk);

  // Removes the chunks asked for while their rows may still have been arriving
  // (SavedChunk::unsettled), files and all, so that this run asks for them again.
  void forget_unsettled(Timestamp margin);

  // The most rows an answer held whole before one came back cut, learned by an
  // earlier run (kept in the manifest), so a resumed pull is not cut again.
  std::optional<std::uint64_t> row_budget() const noexcept { return row_budget_; }
  void set_row_budget(std::uint64_t rows) noexcept { row_budget_ = rows; }

  static constexpr const char* kManifestName = ".iothub-diag-pull.json";

 private:
  PullFolder(std::string path, PullIdentity identity)
      : path_(std::move(path)), identity_(std::move(identity)) {}
  std::optional<Message> write_manifest() const;

  std::string path_;
  PullIdentity identity_;
  std::vector<SavedChunk> chunks_;
  std::optional<std::uint64_t> row_budget_;
};

}  // namespace iothub_diag::workspace
