#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <iothub_diag/input/byte_source.hpp>

namespace iothub_diag {

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
  if (file_ == nullptr) throw std::runtime_error(std::strerror(errno));
}

FileSource::~FileSource() {
  if (owns_file_ && file_ != nullptr) std::fclose(file_);
}

std::size_t FileSource::read(std::span<char> buffer) {
  const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), file_);
  if (count < buffer.size() && std::ferror(file_) != 0 && error_.empty()) {
    // A directory opened as a file, or an I/O error mid-way.
    error_ = errno != 0 ? std::strerror(errno) : "read error";
  }
  return count;
}

}  // namespace iothub_diag
