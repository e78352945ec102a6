#pragma once

#include <string>
#include <string_view>

namespace iothub_diag {

// A file that appears whole or not at all: bytes go to a temporary file in the
// target's folder, and commit() syncs it and renames it over the target. A
// file never committed is removed, so a killed or failed writer leaves the
// previous target untouched. Errors carry the path and strerror's reason.
class AtomicFile {
 public:
  // Creates the temporary file; check ok() (error() says why not).
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  bool ok() const noexcept { return error_.empty(); }
  const std::string& error() const noexcept { return error_; }
  const std::string& target() const noexcept { return target_; }
  // The file being written, readable until commit() (to look at what was written so far).
  const std::string& temporary_path() const noexcept { return temporary_; }

  // Appends bytes; false (and error()) on a failed or short write.
  bool write(std::string_view bytes);

  // Syncs, renames over the target and syncs the folder; false (and error()) on failure.
  bool commit();

 private:
  void fail(std::string_view what);

  std::string target_;
  std::string temporary_;
  std::string error_;
  int fd_ = -1;
  bool committed_ = false;
};

// Writes `bytes` to `path` through an AtomicFile; the error, or empty on success.
std::string write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace iothub_diag
