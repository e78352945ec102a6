#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <iothub_diag/app/descriptor_stream.hpp>

namespace iothub_diag {

// A report file that is either whole or not there: written to a temporary
// file beside the target (`.NAME.XXXXXX`), synced, then renamed over it, so
// the previous report survives a failed or killed run.
class AtomicFile {
 public:
  // Creates the temporary file now, so an unwritable folder is found before
  // any work is done; check error().
  explicit AtomicFile(std::string target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  // removes the temporary file unless commit() succeeded

  // Why the temporary file could not be created (errno), or 0.
  int error() const noexcept { return open_error_; }
  const std::string& target() const noexcept { return target_; }
  const std::string& temporary_path() const noexcept { return temporary_; }
  std::ostream& stream();

  // Flushes, syncs, gives the file a created file's mode (0666 less the
  // umask) and renames it over the target. Returns 0, or the errno of the
  // step that failed (the temporary file is then removed).
  int commit();

 private:
  void discard() noexcept;

  std::string target_;
  std::string temporary_;
  int descriptor_ = -1;
  int open_error_ = 0;
  bool committed_ = false;
  std::unique_ptr<DescriptorStream> stream_;
};

}  // namespace iothub_diag
