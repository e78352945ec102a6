#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/app/atomic_file.hpp>

namespace iothub_diag {
namespace {

// The temporary file to remove if the run is interrupted. A signal handler
// may only read plain memory and call async-signal-safe functions, so the
// path is kept in a fixed buffer that is written before it is armed.
std::array<char, 4096> g_pending_path{};
std::atomic<bool> g_pending{false};

extern "C" void remove_pending_and_reraise(int signal_number) {
  if (g_pending.load()) ::unlink(g_pending_path.data());
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void install_cleanup_handlers() {
  static const bool installed = [] {
    for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction action {};
      action.sa_handler = remove_pending_and_reraise;
      sigemptyset(&action.sa_mask);
      // Left alone when the caller ignores the signal (nohup, a background job).
      struct sigaction previous {};
      if (::sigaction(signal_number, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN)
        continue;
      ::sigaction(signal_number, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

void arm_cleanup(const std::string& path) {
  if (path.size() >= g_pending_path.size()) return;  // too long to record: the file may stay
  g_pending.store(false);
  std::memcpy(g_pending_path.data(), path.c_str(), path.size() + 1);
  g_pending.store(true);
}

void disarm_cleanup() {
  g_pending.store(false);
}

// The mode open() would give a new file: 0666 less the umask. umask() can
// only be read by setting it, so it is set back at once.
mode_t created_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  const std::filesystem::path path(target_);
  std::filesystem::path folder = path.parent_path();
  if (folder.empty()) folder = ".";
  temporary_ = (folder / ("." + path.filename().string() + ".XXXXXX")).string();
  install_cleanup_handlers();
  descriptor_ = ::mkstemp(temporary_.data());
  if (descriptor_ < 0) {
    open_error_ = errno;
    temporary_.clear();
    return;
  }
  arm_cleanup(temporary_);
  ::fcntl(descriptor_, F_SETFD, FD_CLOEXEC);
  stream_ = std::make_unique<DescriptorStream>(descriptor_);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

std::ostream& AtomicFile::stream() {
  return *stream_;
}

void AtomicFile::discard() noexcept {
  stream_.reset();
  if (descriptor_ >= 0) ::close(descriptor_);
  descriptor_ = -1;
  if (!temporary_.empty()) {
    disarm_cleanup();
    ::unlink(temporary_.c_str());
    temporary_.clear();
  }
}

int AtomicFile::commit() {
  if (descriptor_ < 0) return open_error_ != 0 ? open_error_ : EBADF;
  int error = 0;
  if (!stream_->flush()) error = stream_->error() != 0 ? stream_->error() : EIO;
  if (error == 0 && ::fchmod(descriptor_, created_file_mode()) != 0) error = errno;
  if (error == 0 && ::fsync(descriptor_) != 0) error = errno;
  stream_.reset();
  if (::close(descriptor_) != 0 && error == 0) error = errno;
  descriptor_ = -1;
  if (error == 0 && ::rename(temporary_.c_str(), target_.c_str()) != 0) error = errno;
  if (error != 0) {
    discard();
    return error;
  }
  disarm_cleanup();
  temporary_.clear();
  committed_ = true;
  return 0;
}

}  // namespace iothub_diag
