#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <iothub_diag/model/skip_detail.hpp>
#include <iothub_diag/model/skip_reason.hpp>

namespace iothub_diag {

// Why a stream stopped early: the skip it makes, and what it says.
struct StreamError {
  SkipReason reason = SkipReason::unreadable_file;
  MessageId id = MessageId::detail_as_given;
  std::string value;  // the system's or zlib's own words, when they are the detail

  // A file that could not be read, for the system's reason (os_error_message()).
  static StreamError from_errno(int error);

  // Words from elsewhere that are empty say nothing: the reason's description then does.
  SkipDetail detail() const noexcept {
    return id == MessageId::detail_as_given ? SkipDetail::as_given(value) : SkipDetail(id, value);
  }
};

// Readable bytes that follow a view (ByteSource::view()).
inline constexpr std::size_t kViewPadding = 64;

// A stream of bytes: a file, stdin, memory, or a decompressor over another source.
// Readers depend only on this seam, so every reader is testable in memory.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to `buffer.size()` bytes; returns 0 at the end of the data or on error.
  virtual std::size_t read(std::span<char> buffer) = 0;
  // Why reading stopped early; nullopt when the data simply ended.
  virtual std::optional<StreamError> error() const { return std::nullopt; }
  // All the bytes not yet read, in one view followed by kViewPadding readable
  // bytes, from a source that already holds them in memory (a mapped file),
  // which then has nothing more to read; nullopt from any other source. The
  // view lives as long as the source.
  virtual std::optional<std::string_view> view() { return std::nullopt; }
};

// Bytes held in memory (tests, fuzzing).
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  std::size_t read(std::span<char> buffer) override;

 private:
  std::string_view data_;
};

// A file opened by path, or standard input for "-".
class FileSource final : public ByteSource {
 public:
  // Throws std::runtime_error with the system's reason when the file cannot be opened.
  explicit FileSource(const std::string& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t read(std::span<char> buffer) override;
  std::optional<StreamError> error() const override { return error_; }

 private:
  std::FILE* file_ = nullptr;
  bool owns_file_ = true;
  std::optional<StreamError> error_;
};

// Bytes [begin, end) of a file: one piece of a large file read in parallel.
class FileRangeSource final : public ByteSource {
 public:
  // Throws std::runtime_error with the system's reason when the file cannot be opened.
  FileRangeSource(const std::string& path, std::uint64_t begin, std::uint64_t end);
  ~FileRangeSource() override;
  FileRangeSource(const FileRangeSource&) = delete;
  FileRangeSource& operator=(const FileRangeSource&) = delete;
  std::size_t read(std::span<char> buffer) override;
  std::optional<StreamError> error() const override { return error_; }

 private:
  int descriptor_ = -1;
  std::uint64_t offset_;
  std::uint64_t end_;
  std::optional<StreamError> error_;
};

// Replays bytes already read (for sniffing the shape), then continues with the source.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  std::size_t read(std::span<char> buffer) override;
  std::optional<StreamError> error() const override { return rest_->error(); }

 private:
  std::string prefix_;
  std::size_t offset_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

// Wraps `source` so that gzip data (recognised by its magic bytes, not by the
// file name) is decompressed transparently; other data passes through unchanged.
std::unique_ptr<ByteSource> decompress_if_gzip(std::unique_ptr<ByteSource> source);

}  // namespace iothub_diag
