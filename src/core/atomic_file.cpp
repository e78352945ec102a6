#include <cerrno>
#include <cstring>
#include <vector>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/core/atomic_file.hpp>

namespace iothub_diag {
namespace {

std::string folder_of(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string name_of(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  std::string pattern = folder_of(target_) + "/." + name_of(target_) + ".XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) {
    fail("cannot create a file in the folder of");
    return;
  }
  temporary_ = name.data();
  // mkstemp makes the file 0600; a report or a chunk is an ordinary file (0666 less the umask).
  const mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd_, 0666 & ~mask) != 0) fail("cannot set the permissions of");
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

void AtomicFile::fail(std::string_view what) {
  if (error_.empty()) error_ = fmt::format("{} '{}': {}", what, target_, std::strerror(errno));
}

bool AtomicFile::write(std::string_view bytes) {
  if (!ok()) return false;
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      if (written == 0) errno = ENOSPC;
      fail("cannot write");
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

bool AtomicFile::commit() {
  if (!ok()) return false;
  if (::fsync(fd_) != 0) {
    fail("cannot sync");
    return false;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    fail("cannot close");
    return false;
  }
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    fail("cannot rename a finished file onto");
    return false;
  }
  committed_ = true;
  // The rename is durable only once the folder is synced.
  const int folder = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY);
  if (folder >= 0) {
    ::fsync(folder);
    ::close(folder);
  }
  return true;
}

std::string write_file_atomically(const std::string& path, std::string_view bytes) {
  AtomicFile file(path);
  if (file.write(bytes) && file.commit()) return {};
  return file.error();
}

}  // namespace iothub_diag
