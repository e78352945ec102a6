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

// What a symbolic link says, or empty when `path` is none.
std::string link_text(const std::string& path) {
  std::array<char, PATH_MAX> text{};
  const ssize_t size = ::readlink(path.c_str(), text.data(), text.size() - 1);
  return size < 0 ? std::string() : std::string(text.data(), static_cast<std::size_t>(size));
}

// The canonical folder of a path ("." for a bare name), or empty when it has none.
std::string canonical_folder_of(const std::string& path) {
  std::array<char, PATH_MAX> resolved{};
  if (::realpath(folder_of(path).c_str(), resolved.data()) == nullptr) return {};
  return resolved.data();
}

// Whether a link is a process's descriptor in /proc (/proc/PID/fd/N or
// /proc/PID/task/TID/fd/N), which names an open file, not a path. Its other
// links (exe, cwd, map_files) are followed by the kernel like any other.
bool is_proc_descriptor(const std::string& link) {
  const std::string folder = canonical_folder_of(link);
  return folder.starts_with("/proc/") && folder.ends_with("/fd");
}

// This process's descriptor that a link of /proc names: N in /proc/PID/fd or
// /proc/PID/task/TID/fd (where /proc/self/fd, /dev/fd and /dev/stdout lead),
// PID being this process as that /proc knows it (in a PID namespace it is not
// getpid()); -1 for any other link.
int own_descriptor_named(const std::string& link) {
  const std::string self = link_text("/proc/self");
  const std::string folder = canonical_folder_of(link);
  if (self.empty() || !folder.starts_with("/proc/" + self + "/") || !folder.ends_with("/fd"))
    return -1;
  const std::string name = std::filesystem::path(link).filename().string();
  if (name.empty() || name.size() > 9 ||
      !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return -1;
  return std::stoi(name);
}

// The process's descriptor in /proc a chain of links from `path` reaches, or
// empty when it reaches none (the kernel follows the chain for anything else).
std::string proc_link_reached(const std::string& path) {
  std::string at = path;
  for (int links = 0; links < kMostLinks; ++links) {
    const std::string text = link_text(at);
    if (text.empty()) return {};
    if (is_proc_descriptor(at)) return at;
    const std::filesystem::path named(text);
    at = named.is_absolute() ? named.string() : (folder_of(at) / named).string();
  }
  return {};
}

}  // namespace

AtomicFile::Landing AtomicFile::landing_of(const std::string& target, InPlace in_place) {
  Landing landing;
  landing.path = target;
  struct stat info {};
  if (::lstat(target.c_str(), &info) != 0) return landing;  // a new file
  if (!S_ISLNK(info.st_mode)) {
    landing.in_place =
        in_place == InPlace::devices && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode);
    return landing;
  }
  // A pull folder's own files: the link itself is replaced, wherever it leads.
  if (in_place == InPlace::never) return landing;
  // A link of /proc names an open file: this process's own is written through
  // its descriptor, another process's where it is.
  if (const std::string proc_link = proc_link_reached(target); !proc_link.empty()) {
    landing.descriptor = own_descriptor_named(proc_link);
    landing.in_place = true;
    landing.through_proc = true;
    return landing;
  }
  // Any other link is followed by the kernel, which refuses what its rules
  // refuse (fs.protected_symlinks: a link another user planted in a sticky,
  // world-writable folder), and the file it names is replaced.
  const int named = ::open(target.c_str(), O_PATH | O_CLOEXEC);
  if (named < 0) {
    // A link to no file yet is replaced itself, as a new file would be made.
    if (errno != ENOENT) landing.error = errno;
    return landing;
  }
  struct stat file {};
  if (::fstat(named, &file) == 0) {
    if (S_ISREG(file.st_mode)) {
      // Its path, if that still names the same file; else the link is replaced.
      const std::string path = link_text(fmt::format("/proc/self/fd/{}", named));
      struct stat there {};
      if (path.starts_with('/') && ::lstat(path.c_str(), &there) == 0 &&
          there.st_dev == file.st_dev && there.st_ino == file.st_ino)
        landing.path = path;
    } else if (!S_ISDIR(file.st_mode)) {
      landing.in_place = true;  // a device, a pipe or a socket, opened through the link
    }
  }
  ::close(named);
  return landing;
}

bool AtomicFile::open_in_place(const Landing& landing) {
  if (!landing.in_place) return false;
  int descriptor = -1;
  if (landing.descriptor >= 0) {
    // Written as `-` writes standard output: through the same open file, at its offset.
    descriptor = ::fcntl(landing.descriptor, F_DUPFD_CLOEXEC, 0);
    if (descriptor >= 0 && (::fcntl(descriptor, F_GETFL) & O_ACCMODE) == O_RDONLY) {
      ::close(descriptor);
      open_error_ = EBADF;  // open for reading only: said now, not after the analysis
      return true;
    }
  } else {
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
  const Landing landing = landing_of(target_, in_place);
  if (landing.error != 0) {
    open_error_ = landing.error;
    return;
  }
  if (open_in_place(landing)) return;
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
  descriptor_ = ::mkostemp(temporary_.data(), O_CLOEXEC);
  if (descriptor_ < 0) {
    open_error_ = errno;
    temporary_.clear();
    return;
  }
  cleanup_slot_ = arm_cleanup(temporary_);
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
  if (const int descriptor = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      descriptor >= 0) {
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
