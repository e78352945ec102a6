#pragma once

// The whole analysis on one thread against two threads reading small pieces:
// `iothub-diag analyze` must print the same report and the same messages
// whatever --threads and the piece size (docs/ARCHITECTURE.md, Invariants).
// The agreement fuzz target agree_threads (fuzz_input.hpp) ends the process on
// a difference; two threads with pieces of a few hundred bytes cut JSON Lines
// files into pieces read in parallel, a CSV into chunks cut and read ahead on
// the other thread, and parse a query API answer's texts beside its splitting.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

#include <iothub_diag/app/analyze_command.hpp>

namespace iothub_diag::fuzz {

namespace threads_detail {

// The file each input is written to, one per process, removed when it ends.
class InputFile {
 public:
  InputFile()
      : path_(std::filesystem::temp_directory_path() /
              ("iothub-diag-agree-threads-" + std::to_string(::getpid()) + ".log")) {}
  ~InputFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::string& write(std::string_view bytes) {
    std::ofstream file(path_, std::ios::binary | std::ios::trunc);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return text_ = path_.string();
  }

 private:
  std::filesystem::path path_;
  std::string text_;
};

// What `analyze` prints for the file, JSON report and messages, with its exit code.
inline std::string analysis_of(const std::string& path, InputFormat format, unsigned threads,
                               std::uint64_t piece_bytes) {
  AnalyzeOptions options;
  options.paths = {path};
  options.format = ReportFormat::json;
  options.input_format = format;
  options.max_record_bytes = 4096;  // small limits reach the too-large paths with small inputs
  options.threads = threads;
  options.piece_bytes = piece_bytes;
  std::ostringstream out;
  std::ostringstream err;
  const ExitCode code = run_analyze(options, Environment{}, out, err);
  return "exit " + std::to_string(static_cast<int>(code)) + "\n" + out.str() + "\nstderr:\n" +
         err.str();
}

}  // namespace threads_detail

// The analysis of `bytes` read as `format` prints the same on one thread, each
// file read whole, as on two threads with pieces of `piece_bytes`.
inline std::string threads_disagreement(std::string_view bytes, InputFormat format,
                                        std::uint64_t piece_bytes) {
  static threads_detail::InputFile file;
  const std::string& path = file.write(bytes);
  const std::string one = threads_detail::analysis_of(path, format, 1, 0);
  const std::string two = threads_detail::analysis_of(path, format, 2, piece_bytes);
  if (one == two) return {};
  const auto at = static_cast<std::size_t>(
      std::mismatch(one.begin(), one.end(), two.begin(), two.end()).first - one.begin());
  const std::size_t from = at > 120 ? at - 120 : 0;
  std::ostringstream out;
  out << "one thread and two differ at byte " << at << ":\n  one: " << one.substr(from, 240)
      << "\n  two: " << two.substr(from, 240);
  return out.str();
}

}  // namespace iothub_diag::fuzz
