#pragma once

#include <ostream>
#include <streambuf>
#include <vector>

namespace iothub_diag {

// A buffered stream buffer over a file descriptor that remembers why a write
// failed (its errno), which std::ostream's failbit alone cannot tell.
class DescriptorBuffer final : public std::streambuf {
 public:
  explicit DescriptorBuffer(int descriptor);
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;
  ~DescriptorBuffer() override;

  int error() const noexcept { return error_; }  // the first failed write's errno, or 0

 protected:
  int_type overflow(int_type character) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  bool write_all(const char* data, std::size_t size);
  bool drain();

  int descriptor_;
  int error_ = 0;
  std::vector<char> buffer_;
};

// An output stream over a file descriptor it does not own (standard output).
class DescriptorStream final : public std::ostream {
 public:
  explicit DescriptorStream(int descriptor) : std::ostream(nullptr), buffer_(descriptor) {
    rdbuf(&buffer_);
  }
  int error() const noexcept { return buffer_.error(); }

 private:
  DescriptorBuffer buffer_;
};

// Keeps descriptors 0, 1 and 2 taken: a closed one is opened on /dev/null
// (standard output read-only, so that writing the report there still fails
// with EBADF) so that no input or report file is ever given its number.
void reserve_standard_descriptors() noexcept;

}  // namespace iothub_diag
