#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/atomic_file.hpp>
#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// Where `analyze` writes its report: `out` (standard output), or the file
// -o names. "" and "-" mean `out`.
class ReportOutput {
 public:
  ReportOutput(const std::string& output_file, std::ostream& out);

  // Why the report cannot be written at all (the -o folder cannot take a
  // file); nullopt when writing may start.
  std::optional<Message> problem() const;
  std::ostream& stream();
  // Flushes everything and puts a file in place; nullopt, or why the report
  // is not (whole) where it was asked.
  std::optional<Message> finish();
  bool to_file() const noexcept { return file_ != nullptr; }

 private:
  std::ostream& out_;
  std::unique_ptr<AtomicFile> file_;
};

// Flushes `out` (standard output) and says why `what` (MessageId::output_report,
// output_rule_list, output_query) could not be written to it, with the
// system's reason when the stream knows it; nullopt when every byte went out.
std::optional<Message> finish_standard_output(std::ostream& out, const Message& what);

// The first of `paths` that `output_file` is, or holds it in its folders, or
// else the first file read from those folders that is `output_file` (through a
// link or a hard link), when that file exists: writing the report there would
// destroy a log. nullopt when the report can go there.
std::optional<std::string> input_overwritten_by(const std::string& output_file,
                                                const std::vector<std::string>& paths);

}  // namespace iothub_diag
