#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/core/atomic_file.hpp>
#include <iothub_diag/core/os_error.hpp>

namespace iothub_diag {
namespace {

// The temporary files to remove if the run is interrupted: a report and a
// workspace chunk can be in the making at once. A signal handler may only read
// plain memory and call async-signal-safe functions, so each path is kept in a
// fixed slot that is written before it is armed.
constexpr std::size_t kPendingSlots = 4;
struct PendingSlot {
  std::array<char, 4096> path{};
  std::atomic<bool> armed{false};
  std::atomic<bool> taken{false};
};
std::array<PendingSlot, kPendingSlots> g_pending;

extern "C" void remove_pending_and_reraise(int signal_number) {
  for (PendingSlot& slot : g_pending) {
    if (slot.armed.load()) ::unlink(slot.path.data());
  }
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

// The slot now holding `path`, or -1 when none is free or the path is too
// long to record (the file may then stay behind after a signal, hidden).
int arm_cleanup(const std::string& path) {
  if (path.size() >= PendingSlot{}.path.size()) return -1;
  for (std::size_t i = 0; i < g_pending.size(); ++i) {
    bool expected = false;
    if (!g_pending[i].taken.compare_exchange_strong(expected, true)) continue;
    std::memcpy(g_pending[i].path.data(), path.c_str(), path.size() + 1);
    g_pending[i].armed.store(true);
    return static_cast<int>(i);
  }
  return -1;
}

void disarm_cleanup(int slot) {
  if (slot < 0) return;
  g_pending[static_cast<std::size_t>(slot)].armed.store(false);
  g_pending[static_cast<std::size_t>(slot)].taken.store(false);
}

// The mode open() would give a new file: 0666 less the umask. umask() can
// only be read by setting it, so it is set back at once.
mode_t created_file_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return static_cast<mode_t>(0666 & ~mask);
}

// The folder a target path names ("." for a bare file name).
std::filesystem::path folder_of(const std::string& target) {
  std::filesystem::path folder = std::filesystem::path(target).parent_path();
  if (folder.empty()) folder = ".";
  return folder;
}

// How many symbolic links a path may pass through, as the kernel allows.
constexpr int kMostLinks = 40;

// The canonical folder of a path ("." for a bare name), or empty when it has none.
std::string canonical_folder_of(const std::string& path) {
  char resolved[PATH_MAX];
  if (::realpath(folder_of(path).c_str(), resolved) == nullptr) return {};
  return resolved;
}

// The descriptor of this process that a link of /proc names: `N` in
// /proc/PID/fd (and /proc/self/fd, /dev/fd, /dev/stdout, which lead there) or
// in /proc/PID/task/TID/fd; -1 for any other path.
int own_descriptor_named(const std::string& canonical_folder, const std::string& name) {
  const std::string own = fmt::format("/proc/{}/", ::getpid());
  if (!canonical_folder.starts_with(own) || !canonical_folder.ends_with("/fd")) return -1;
  if (name.empty() || name.size() > 9 ||
      !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  return std::stoi(name);
}

}  // namespace

AtomicFile::Landing AtomicFile::landing_of(const std::string& target) {
  Landing landing;
  landing.path = target;
  for (int links = 0;; ++links) {
    struct stat info {};
    if (::lstat(landing.path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode)) return landing;
    if (links == kMostLinks) {
      landing.error = ELOOP;
      return landing;
    }
    // A link of /proc names an open file, not a path: it is written through the
    // descriptor (this process's own) or where it is.
    const std::string folder = canonical_folder_of(landing.path);
    if (folder == "/proc" || folder.starts_with("/proc/")) {
      landing.descriptor =
          own_descriptor_named(folder, std::filesystem::path(landing.path).filename().string());
      landing.through_proc = true;
      return landing;
    }
    std::array<char, PATH_MAX> text{};
    const ssize_t size = ::readlink(landing.path.c_str(), text.data(), text.size() - 1);
    if (size < 0) {
      landing.error = errno;
      return landing;
    }
    const std::filesystem::path named(std::string(text.data(), static_cast<std::size_t>(size)));
    landing.path =
        named.is_absolute() ? named.string() : (folder_of(landing.path) / named).string();
  }
}

bool AtomicFile::open_in_place(const Landing& landing) {
  int descriptor = -1;
  if (landing.descriptor >= 0) {
    // Written as `-` writes standard output: through the same open file, at its offset.
    descriptor = ::fcntl(landing.descriptor, F_DUPFD_CLOEXEC, 0);
  } else {
    struct stat info {};
    if (!landing.through_proc && (::stat(landing.path.c_str(), &info) != 0 ||
                                  S_ISREG(info.st_mode) || S_ISDIR(info.st_mode)))
      return false;
    descriptor = ::open(landing.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  }
  if (descriptor < 0) {
    open_error_ = errno;
    return true;
  }
  struct stat info {};
  if (::fstat(descriptor, &info) == 0 && S_ISREG(info.st_mode) && !landing.through_proc) {
    // A file came to be there since the look: it is replaced whole after all.
    ::close(descriptor);
    return false;
  }
  // Reached only through another process's descriptor, a file is written from
  // its start and cut where the writing ends (commit()).
  truncate_at_end_ = landing.descriptor < 0 && S_ISREG(info.st_mode);
  descriptor_ = descriptor;
  direct_ = true;
  stream_ = std::make_unique<DescriptorStream>(descriptor_);
  return true;
}

AtomicFile::AtomicFile(std::string target, InPlace in_place)
    : target_(std::move(target)), destination_(target_) {
  // A device, a pipe or a socket (`-o /dev/null`, a FIFO, /dev/stderr) is
  // written where it is: renamed over, it would be replaced by a plain file,
  // and /dev/null with it for every program of a root user. A symbolic link is
  // followed, so that the file it names is replaced and the link stays.
  const Landing landing = landing_of(target_);
  if (landing.error != 0) {
    open_error_ = landing.error;
    return;
  }
  if (in_place == InPlace::devices && open_in_place(landing)) return;
  destination_ = landing.path;
  const std::filesystem::path folder = folder_of(destination_);
  install_cleanup_handlers();
  // A file with no name until its commit: a run killed by any signal, SIGKILL
  // included, leaves nothing behind. It is named through /proc at the commit;
  // without /proc, or on a file system without O_TMPFILE, a named one is made.
  if (::access("/proc/self/fd", X_OK) == 0) {
    descriptor_ = ::open(folder.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (descriptor_ >= 0) {
      unnamed_ = true;
      temporary_ = fmt::format("/proc/self/fd/{}", descriptor_);
      stream_ = std::make_unique<DescriptorStream>(descriptor_);
      return;
    }
  }
  temporary_ = temporary_name();
  descriptor_ = ::mkstemp(temporary_.data());
  if (descriptor_ < 0) {
    open_error_ = errno;
    temporary_.clear();
    return;
  }
  cleanup_slot_ = arm_cleanup(temporary_);
  ::fcntl(descriptor_, F_SETFD, FD_CLOEXEC);
  stream_ = std::make_unique<DescriptorStream>(descriptor_);
}

std::string AtomicFile::temporary_name() const {
  const std::string name = std::filesystem::path(destination_).filename().string();
  return (folder_of(destination_) / ("." + name + ".XXXXXX")).string();
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
  if (unnamed_) {
    temporary_.clear();  // the file went with its descriptor
  } else if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
    disarm_cleanup(cleanup_slot_);
    cleanup_slot_ = -1;
    temporary_.clear();
  }
}

int AtomicFile::commit() {
  if (descriptor_ < 0) return open_error_ != 0 ? open_error_ : EBADF;
  int error = 0;
  if (!stream_->flush()) error = stream_->error() != 0 ? stream_->error() : EIO;
  if (direct_) {
    // Written in place: nothing to sync (a pipe refuses fsync) or rename.
    if (error == 0 && truncate_at_end_) {
      const off_t end = ::lseek(descriptor_, 0, SEEK_CUR);
      if (end < 0 || ::ftruncate(descriptor_, end) != 0) error = errno;
    }
    stream_.reset();
    if (::close(descriptor_) != 0 && error == 0) error = errno;
    descriptor_ = -1;
    committed_ = error == 0;
    return error;
  }
  if (error == 0 && ::fchmod(descriptor_, created_file_mode()) != 0) error = errno;
  if (error == 0 && ::fsync(descriptor_) != 0) error = errno;
  if (error == 0 && unnamed_) error = give_name();
  stream_.reset();
  if (::close(descriptor_) != 0 && error == 0) error = errno;
  descriptor_ = -1;
  if (error == 0 && ::rename(temporary_.c_str(), destination_.c_str()) != 0) error = errno;
  if (error != 0) {
    discard();
    return error;
  }
  disarm_cleanup(cleanup_slot_);
  cleanup_slot_ = -1;
  temporary_.clear();
  committed_ = true;
  // The rename is durable only once the folder is synced.
  const std::filesystem::path folder = folder_of(destination_);
  if (const int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY); descriptor >= 0) {
    ::fsync(descriptor);
    ::close(descriptor);
  }
  return 0;
}

int AtomicFile::give_name() {
  // linkat() cannot replace a file: the data gets a hidden name of its own,
  // then renamed over the target like a named temporary file. Only a kill
  // between the two leaves that name.
  const std::string source = temporary_;
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = temporary_name();
    // mkstemp's letters, from a file it makes and removes at once.
    const int probe = ::mkstemp(name.data());
    if (probe < 0) return errno;
    ::close(probe);
    ::unlink(name.c_str());
    if (::linkat(AT_FDCWD, source.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
      unnamed_ = false;
      temporary_ = std::move(name);
      cleanup_slot_ = arm_cleanup(temporary_);
      return 0;
    }
    if (errno != EEXIST) return errno;
  }
  return EEXIST;
}

bool AtomicFile::write(std::string_view bytes) {
  if (!stream_) return false;
  stream_->write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(*stream_);
}

std::string describe_write_error(const std::string& path, int error) {
  return fmt::format("cannot write '{}': {}", path, std::strerror(error));
}

Message unwritable_file(const std::string& path, int error) {
  return Message{MessageId::file_unwritable, {path, os_error_message(error)}};
}

int write_file_atomically(const std::string& path, std::string_view bytes,
                          AtomicFile::InPlace in_place) {
  AtomicFile file(path, in_place);
  if (file.error() != 0) return file.error();
  file.write(bytes);
  return file.commit();
}

}  // namespace iothub_diag
