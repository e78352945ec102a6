#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace iothub_diag {

// A stream of bytes: a file, stdin, memory, or a decompressor over another source.
// Readers depend only on this seam, so every reader is testable in memory.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to `buffer.size()` bytes; returns 0 at the end of the data or on error.
  virtual std::size_t read(std::span<char> buffer) = 0;
  // Why reading stopped early, or empty when the data simply ended.
  virtual std::string error() const { return {}; }
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
  std::string error() const override { return error_; }

 private:
  std::FILE* file_ = nullptr;
  bool owns_file_ = true;
  std::string error_;
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
  std::string error() const override { return error_; }

 private:
  int descriptor_ = -1;
  std::uint64_t offset_;
  std::uint64_t end_;
  std::string error_;
};

// Replays bytes already read (for sniffing the shape), then continues with the source.
class PrefixedSource final : public ByteSource {
 public:
  PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  std::size_t read(std::span<char> buffer) override;
  std::string error() const override { return rest_->error(); }

 private:
  std::string prefix_;
  std::size_t offset_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

// Wraps `source` so that gzip data (recognised by its magic bytes, not by the
// file name) is decompressed transparently; other data passes through unchanged.
std::unique_ptr<ByteSource> decompress_if_gzip(std::unique_ptr<ByteSource> source);

}  // namespace iothub_diag
