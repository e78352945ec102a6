#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <iothub_diag/input/byte_source.hpp>

namespace iothub_diag {

// Bytes [begin, end) of a regular file, mapped into memory and read where
// they lie: a piece of a large JSON Lines file reaches the splitter without
// being copied out of the page cache (docs/ARCHITECTURE.md, "A mapping of each
// piece, pread where none can be made").
//
// A file cut short while it is mapped would end the process with SIGBUS at
// the first byte past its new end. Instead, a handler (installed with the
// first mapping, and passing any other bus error on) puts zeros in place of
// the missing pages, and cut() says so: the caller then reads the range again
// with FileRangeSource, which sees the shorter file as a read always has.
class MappedFileRange final : public ByteSource {
 public:
  // The largest range mapped. A mapping's pages count as the process's own
  // while it lives, so a larger piece (a --piece-size of hundreds of MiB)
  // is read with FileRangeSource, whose memory is its 1 MiB buffer.
  static constexpr std::uint64_t kMostBytes = std::uint64_t{64} << 20;

  // Maps the range; nullptr when it is larger than kMostBytes or the system
  // will not map it (not a regular file, a file system without mappings, no
  // address space, no free slot for the fault handler), and the caller reads
  // it with FileRangeSource.
  static std::unique_ptr<MappedFileRange> map(const std::string& path, std::uint64_t begin,
                                              std::uint64_t end);
  ~MappedFileRange() override;
  MappedFileRange(const MappedFileRange&) = delete;
  MappedFileRange& operator=(const MappedFileRange&) = delete;

  // Copies the bytes not yet handed out.
  std::size_t read(std::span<char> buffer) override;
  // The bytes not yet handed out, followed by kViewPadding readable bytes.
  std::optional<std::string_view> view() override;

  // Whether the file is now shorter than the range, or was while it was
  // read: bytes past its end read as zeros, not as they were. Checked after
  // the range is read, it tells whether the reading saw the whole range.
  bool cut() const;

 private:
  MappedFileRange() = default;

  int descriptor_ = -1;
  char* reserved_ = nullptr;  // the file's pages, then zeroed pages for the padding
  std::size_t reserved_bytes_ = 0;
  std::size_t slot_ = SIZE_MAX;  // in the fault handler's table; SIZE_MAX: none
  std::uint64_t end_ = 0;
  std::string_view rest_;  // the range's bytes not yet handed out
};

}  // namespace iothub_diag
