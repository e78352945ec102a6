#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <unistd.h>

#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/input/byte_source.hpp>

namespace iothub_diag {

StreamError StreamError::from_errno(int error) {
  const MessageId id = os_error_id(error);
  return StreamError{SkipReason::unreadable_file, id,
                     id == MessageId::os_error_other ? std::strerror(error) : ""};
}

std::size_t MemorySource::read(std::span<char> buffer) {
  const std::size_t count = std::min(buffer.size(), data_.size());
  std::memcpy(buffer.data(), data_.data(), count);
  data_.remove_prefix(count);
  return count;
}

std::size_t PrefixedSource::read(std::span<char> buffer) {
  if (offset_ < prefix_.size()) {
    const std::size_t count = std::min(buffer.size(), prefix_.size() - offset_);
    std::memcpy(buffer.data(), prefix_.data() + offset_, count);
    offset_ += count;
    return count;
  }
  return rest_->read(buffer);
}

FileSource::FileSource(const std::string& path) {
  if (path == "-") {
    file_ = stdin;
    owns_file_ = false;
    return;
  }
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) throw std::system_error(errno, std::generic_category());
}

FileSource::~FileSource() {
  if (owns_file_ && file_ != nullptr) std::fclose(file_);
}

std::size_t FileSource::read(std::span<char> buffer) {
  const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), file_);
  if (count < buffer.size() && std::ferror(file_) != 0 && !error_) {
    // A directory opened as a file, or an I/O error mid-way.
    error_ = errno != 0 ? StreamError::from_errno(errno)
                        : StreamError{SkipReason::unreadable_file, MessageId::read_failed, {}};
  }
  return count;
}

FileRangeSource::FileRangeSource(const std::string& path, std::uint64_t begin, std::uint64_t end)
    : offset_(begin), end_(end) {
  descriptor_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor_ < 0) throw std::system_error(errno, std::generic_category());
}

FileRangeSource::~FileRangeSource() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

std::size_t FileRangeSource::read(std::span<char> buffer) {
  const std::size_t want =
      static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end_ - offset_));
  std::size_t have = 0;
  while (have < want) {
    const ssize_t count =
        ::pread(descriptor_, buffer.data() + have, want - have, static_cast<off_t>(offset_ + have));
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) {
      if (count < 0 && !error_) error_ = StreamError::from_errno(errno);
      break;
    }
    have += static_cast<std::size_t>(count);
  }
  offset_ += have;
  return have;
}

}  // namespace iothub_diag
