#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/core/atomic_file.hpp>
#include <iothub_diag/core/json_member.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/workspace/pull_folder.hpp>

namespace iothub_diag::workspace {
namespace {

constexpr int kManifestVersion = 1;

// `20261120T130000.000Z`: sorts as time does, and has no `:` for file systems that refuse it.
std::string compact_time(Timestamp time) {
  std::string text = format_iso8601(time);
  std::erase(text, '-');
  std::erase(text, ':');
  return text;
}

}  // namespace

std::optional<PullFolder> PullFolder::open(const std::string& path, const PullIdentity& identity,
                                           std::optional<Message>& error) {
  namespace fs = std::filesystem;
  std::error_code code;
  fs::create_directories(path, code);
  if (code || !fs::is_directory(path, code)) {
    error = Message{MessageId::save_folder_unusable,
                    {path, code ? MessageArg(code.message())
                                : MessageArg(Message{MessageId::not_a_folder, {}})}};
    return std::nullopt;
  }
  PullFolder folder(path, identity);
  const fs::path manifest_path = fs::path(path) / kManifestName;
  if (fs::exists(manifest_path, code)) {
    std::ifstream file(manifest_path);
    const nlohmann::json manifest =
        nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
    // Written by this tool, but a file a person may edit: a member of another
    // type reads as missing, never as an exception.
    const auto version = manifest.is_object() ? manifest.find("version") : manifest.end();
    if (version == manifest.end() || !version->is_number_integer() ||
        version->get<std::int64_t>() != kManifestVersion) {
      error = Message{MessageId::manifest_unreadable, {manifest_path.string()}};
      return std::nullopt;
    }
    std::vector<std::string> hubs;
    bool hubs_named = true;  // a hub that is not a name is no pull of these hubs
    for (const nlohmann::json& hub : array_member(manifest, "hubs")) {
      hubs_named = hubs_named && hub.is_string();
      if (hub.is_string()) hubs.push_back(hub.get<std::string>());
    }
    const PullIdentity saved{string_member(manifest, "workspace"), std::move(hubs),
                             string_member(manifest, "query")};
    if (saved.workspace != identity.workspace || !hubs_named || saved.hubs != identity.hubs ||
        saved.query != identity.query) {
      error = Message{MessageId::save_folder_foreign, {path}};
      return std::nullopt;
    }
    if (manifest.contains("row_budget") && manifest["row_budget"].is_number_unsigned()) {
      folder.row_budget_ = manifest["row_budget"].get<std::uint64_t>();
    }
    for (const nlohmann::json& entry : array_member(manifest, "chunks")) {
      const auto from = parse_iso8601(string_member(entry, "from"));
      const auto to = parse_iso8601(string_member(entry, "to"));
      const std::string name = string_member(entry, "file");
      // A chunk listed but gone (deleted by hand) is asked for again.
      if (!from || !to || name.empty() || !fs::exists(fs::path(path) / name, code)) continue;
      const auto counted = entry.find("rows");  // entry is an object: it named a file
      const std::uint64_t rows = counted != entry.end() && counted->is_number_unsigned()
                                     ? counted->get<std::uint64_t>()
                                     : 0;
      // Written by runs that knew the time; missing in older manifests.
      const Timestamp asked_at = parse_iso8601(string_member(entry, "asked_at")).value_or(0);
      folder.chunks_.push_back(SavedChunk{TimeChunk{*from, *to, rows}, rows, name, asked_at});
    }
  }
  // What a killed pull leaves besides its manifest: temporary files (AtomicFile names
  // them `.chunk-...`), and a chunk committed just before the kill but never listed,
  // which the resumed pull asks for again, perhaps with other bounds.
  for (const auto& entry : fs::directory_iterator(path, code)) {
    const std::string name = entry.path().filename().string();
    const bool listed =
        std::any_of(folder.chunks_.begin(), folder.chunks_.end(),
                    [&name](const SavedChunk& saved) { return saved.file == name; });
    if (name.starts_with(".chunk-") || (name.starts_with("chunk-") && !listed)) {
      fs::remove(entry.path(), code);
    }
  }
  return folder;
}

std::string PullFolder::chunk_path(const TimeChunk& chunk) const {
  return fmt::format("{}/chunk-{}-{}.json", path_, compact_time(chunk.from),
                     compact_time(chunk.to));
}

std::optional<Message> PullFolder::add(SavedChunk chunk) {
  chunks_.push_back(std::move(chunk));
  std::sort(chunks_.begin(), chunks_.end(),
            [](const SavedChunk& a, const SavedChunk& b) { return a.chunk.from < b.chunk.from; });
  return write_manifest();
}

void PullFolder::forget_unsettled(Timestamp margin) {
  std::erase_if(chunks_, [this, margin](const SavedChunk& saved) {
    if (!saved.unsettled(margin)) return false;
    std::error_code ignored;
    std::filesystem::remove(std::filesystem::path(path_) / saved.file, ignored);
    return true;
  });
}

std::optional<Message> PullFolder::write_manifest() const {
  nlohmann::ordered_json manifest;
  manifest["version"] = kManifestVersion;
  manifest["workspace"] = identity_.workspace;
  manifest["hubs"] = identity_.hubs;
  manifest["query"] = identity_.query;
  if (row_budget_) manifest["row_budget"] = *row_budget_;
  nlohmann::ordered_json chunks = nlohmann::ordered_json::array();
  for (const SavedChunk& saved : chunks_) {
    chunks.push_back({{"from", format_iso8601(saved.chunk.from)},
                      {"to", format_iso8601(saved.chunk.to)},
                      {"rows", saved.rows},
                      {"file", saved.file}});
    if (saved.asked_at != 0) chunks.back()["asked_at"] = format_iso8601(saved.asked_at);
  }
  manifest["chunks"] = std::move(chunks);
  const std::string manifest_path = path_ + "/" + kManifestName;
  if (const int error =
          write_file_atomically(manifest_path, manifest.dump(2) + "\n", AtomicFile::InPlace::never))
    return unwritable_file(manifest_path, error);
  return std::nullopt;
}

}  // namespace iothub_diag::workspace
