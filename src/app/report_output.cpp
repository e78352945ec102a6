#include <cerrno>
#include <filesystem>
#include <system_error>

#include <iothub_diag/app/report_output.hpp>
#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/input/path_walker.hpp>

namespace iothub_diag {
namespace {

namespace fs = std::filesystem;

bool names_standard_output(const std::string& output_file) {
  return output_file.empty() || output_file == "-";
}

Message file_message(const std::string& path, int error) {
  return Message{MessageId::report_file_unwritable, {path, os_error_message(error)}};
}

// Whether `inner` is below `folder` (both canonical), without asking the disk again.
bool is_under(const fs::path& inner, const fs::path& folder) {
  auto folder_part = folder.begin();
  auto inner_part = inner.begin();
  for (; folder_part != folder.end(); ++folder_part, ++inner_part) {
    if (inner_part == inner.end() || *inner_part != *folder_part) return false;
  }
  return inner_part != inner.end();
}

}  // namespace

ReportOutput::ReportOutput(const std::string& output_file, std::ostream& out) : out_(out) {
  if (!names_standard_output(output_file)) file_ = std::make_unique<AtomicFile>(output_file);
}

std::optional<Message> ReportOutput::problem() const {
  if (!file_) return std::nullopt;
  if (file_->error() != 0) return file_message(file_->target(), file_->error());
  std::error_code error;
  // rename() would refuse a folder only after the whole analysis.
  if (fs::is_directory(file_->target(), error)) return file_message(file_->target(), EISDIR);
  return std::nullopt;
}

std::ostream& ReportOutput::stream() {
  return file_ ? file_->stream() : out_;
}

std::optional<Message> ReportOutput::finish() {
  if (file_) {
    if (const int error = file_->commit(); error != 0) return file_message(file_->target(), error);
    return std::nullopt;
  }
  return finish_standard_output(out_, Message{MessageId::output_report, {}});
}

std::optional<Message> finish_standard_output(std::ostream& out, const Message& what) {
  if (out.flush()) return std::nullopt;
  const auto* stream = dynamic_cast<const DescriptorStream*>(&out);
  const int error = stream != nullptr && stream->error() != 0 ? stream->error() : EIO;
  return Message{MessageId::stdout_unwritable, {what, os_error_message(error)}};
}

std::optional<std::string> input_overwritten_by(const std::string& output_file,
                                                const std::vector<std::string>& paths) {
  if (names_standard_output(output_file)) return std::nullopt;
  std::error_code error;
  if (!fs::exists(output_file, error)) return std::nullopt;
  const fs::path output = fs::canonical(output_file, error);
  if (error) return std::nullopt;
  // Where the name itself lies: a link in an input folder is read there as a
  // log, and writing it replaces the file it names.
  const fs::path absolute = fs::absolute(output_file, error);
  fs::path named = fs::canonical(absolute.parent_path(), error);
  named = error ? output : named / absolute.filename();
  for (const std::string& path : paths) {
    if (path == "-") continue;
    if (fs::equivalent(path, output_file, error)) return path;
    if (!fs::is_directory(path, error)) continue;
    const fs::path folder = fs::canonical(path, error);
    if (!error && (is_under(output, folder) || is_under(named, folder))) return path;
  }
  // A link (or a hard link) in an input folder may name the file from outside
  // every folder: the files the reading will open are compared one by one.
  // Only when the report would replace a file, so a new report costs no walk.
  std::vector<std::string> folders;
  for (const std::string& path : paths)
    if (path != "-" && fs::is_directory(path, error)) folders.push_back(path);
  if (folders.empty()) return std::nullopt;
  for (const InputFile& file : walk_paths(folders).files)
    if (fs::equivalent(file.path, output, error)) return file.path;
  return std::nullopt;
}

}  // namespace iothub_diag
