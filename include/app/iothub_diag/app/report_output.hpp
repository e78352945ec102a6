#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/atomic_file.hpp>

namespace iothub_diag {

// Where `analyze` writes its report: `out` (standard output), or the file
// -o names. "" and "-" mean `out`.
class ReportOutput {
 public:
  ReportOutput(const std::string& output_file, std::ostream& out);

  // Why the report cannot be written at all (the -o folder cannot take a
  // file), as a message; nullopt when writing may start.
  std::optional<std::string> problem() const;
  std::ostream& stream();
  // Flushes everything and puts a file in place; nullopt, or why the report
  // is not (whole) where it was asked.
  std::optional<std::string> finish();
  bool to_file() const noexcept { return file_ != nullptr; }

 private:
  std::ostream& out_;
  std::unique_ptr<AtomicFile> file_;
};

// Flushes `out` (standard output) and says why `what` could not be written
// to it, with the system's reason when the stream knows it; nullopt when
// every byte went out.
std::optional<std::string> finish_standard_output(std::ostream& out, std::string_view what);

// The first of `paths` that `output_file` is, or holds it in its folders, when
// that file exists: writing the report there would destroy a log. nullopt when
// the report can go there.
std::optional<std::string> input_overwritten_by(const std::string& output_file,
                                                const std::vector<std::string>& paths);

}  // namespace iothub_diag
