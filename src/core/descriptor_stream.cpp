#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

#include <iothub_diag/core/descriptor_stream.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kBufferBytes = 64u << 10;

}  // namespace

DescriptorBuffer::DescriptorBuffer(int descriptor)
    : descriptor_(descriptor), buffer_(kBufferBytes) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

DescriptorBuffer::~DescriptorBuffer() {
  drain();
}

bool DescriptorBuffer::write_all(const char* data, std::size_t size) {
  if (error_ != 0) return false;
  while (size > 0) {
    const ssize_t written = ::write(descriptor_, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      return false;
    }
    // write() returning 0 for a non-empty buffer would loop forever; call it full.
    if (written == 0) {
      error_ = ENOSPC;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool DescriptorBuffer::drain() {
  const auto pending = static_cast<std::size_t>(pptr() - pbase());
  const bool written = write_all(pbase(), pending);
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  return written;
}

DescriptorBuffer::int_type DescriptorBuffer::overflow(int_type character) {
  if (!drain()) return traits_type::eof();
  if (traits_type::eq_int_type(character, traits_type::eof())) return traits_type::not_eof(0);
  *pptr() = traits_type::to_char_type(character);
  pbump(1);
  return character;
}

std::streamsize DescriptorBuffer::xsputn(const char* data, std::streamsize size) {
  const auto room = epptr() - pptr();
  if (size <= room) {
    std::memcpy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  // Larger than the room left: send what is buffered, then this directly.
  if (!drain()) return 0;
  if (size < static_cast<std::streamsize>(buffer_.size())) {
    std::memcpy(pptr(), data, static_cast<std::size_t>(size));
    pbump(static_cast<int>(size));
    return size;
  }
  return write_all(data, static_cast<std::size_t>(size)) ? size : 0;
}

int DescriptorBuffer::sync() {
  return drain() ? 0 : -1;
}

void reserve_standard_descriptors() noexcept {
  for (const int descriptor : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(descriptor, F_GETFD) != -1 || errno != EBADF) continue;
    // open() returns the lowest free number, which is this one.
    const int flags = descriptor == STDERR_FILENO ? O_WRONLY : O_RDONLY;
    const int opened = ::open("/dev/null", flags);
    if (opened != descriptor && opened >= 0) ::close(opened);
  }
}

}  // namespace iothub_diag
