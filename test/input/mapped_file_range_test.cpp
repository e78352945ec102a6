// A mapped piece of a file reads the file's bytes in place, padded for the
// parser, and a file cut short while mapped is said so, never a crash.
#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iothub_diag/input/mapped_file_range.hpp>

namespace iothub_diag {
namespace {

// `size` bytes that differ from page to page and from byte to byte, no zeros among them.
std::string patterned(std::size_t size) {
  std::string bytes(size, '\0');
  for (std::size_t at = 0; at < size; ++at)
    bytes[at] = static_cast<char>('a' + (at * 7 + at / 4096) % 26);
  return bytes;
}

std::size_t system_page_bytes() {
  const long page = ::sysconf(_SC_PAGESIZE);
  REQUIRE(page > 0);
  return static_cast<std::size_t>(page);
}

// Whether each of the kViewPadding bytes after `view`, which ends at offset
// `end` of the file `bytes`, is the file's byte there or zero (the padding
// pages). A byte that cannot be read ends the test run with a fault.
bool padding_is_file_or_zeros(std::string_view view, std::string_view bytes, std::size_t end) {
  for (std::size_t at = 0; at < kViewPadding; ++at) {
    const char byte = view.data()[view.size() + at];
    if (byte != '\0' && (end + at >= bytes.size() || byte != bytes[end + at])) return false;
  }
  return true;
}

TEST_CASE("a mapped range views the file's bytes, followed by readable padding",
          "[input][mapped]") {
  testing::TempDir dir;
  const std::size_t page_bytes = system_page_bytes();
  // The file ends on a page boundary: past its last page lie only the zeroed pages.
  const std::string bytes = patterned(4 * page_bytes);
  const std::string path = dir.write("logs.jsonl", bytes).string();
  struct Range {
    std::uint64_t begin;
    std::uint64_t end;
  };
  const std::uint64_t size = bytes.size();
  for (const Range range : {Range{0, size}, Range{1, page_bytes}, Range{page_bytes, size - 3},
                            Range{page_bytes + 17, 3 * page_bytes + 5}, Range{size - 1, size}}) {
    CAPTURE(range.begin, range.end);
    const auto mapped = MappedFileRange::map(path, range.begin, range.end);
    REQUIRE(mapped != nullptr);
    const std::optional<std::string_view> view = mapped->view();
    REQUIRE(view.has_value());
    CHECK(*view == std::string_view(bytes).substr(range.begin, range.end - range.begin));
    // Past a range that ends inside the file lie the file's next bytes; past its end, zeros.
    CHECK(padding_is_file_or_zeros(*view, bytes, range.end));
    CHECK(mapped->view()->empty());  // handed out once
    CHECK_FALSE(mapped->cut());
  }
}

TEST_CASE("a mapped range reads like a source too", "[input][mapped]") {
  testing::TempDir dir;
  const std::string bytes = patterned(10000);
  const std::string path = dir.write("logs.jsonl", bytes).string();
  const auto mapped = MappedFileRange::map(path, 100, 9000);
  REQUIRE(mapped != nullptr);
  std::string read(4096, '\0');
  std::string all;
  while (const std::size_t count = mapped->read(read))
    all.append(read, 0, count);
  CHECK(all == bytes.substr(100, 8900));
}

TEST_CASE("no mapping is made of what is not a whole range of a regular file", "[input][mapped]") {
  testing::TempDir dir;
  const std::string path = dir.write("logs.jsonl", patterned(1000)).string();
  CHECK(MappedFileRange::map(path, 0, 1001) ==
        nullptr);  // past the end: pread says how much there is
  CHECK(MappedFileRange::map(path, 500, 500) == nullptr);
  CHECK(MappedFileRange::map(dir.path().string(), 0, 1) == nullptr);
  CHECK(MappedFileRange::map((dir.path() / "missing").string(), 0, 1) == nullptr);
  CHECK(MappedFileRange::map("/dev/zero", 0, 4096) == nullptr);
  // Larger than kMostBytes (a sparse file: no disk is written).
  const std::filesystem::path large = dir.write("large.jsonl", "{}\n");
  std::filesystem::resize_file(large, MappedFileRange::kMostBytes + 4096);
  CHECK(MappedFileRange::map(large.string(), 0, MappedFileRange::kMostBytes + 1) == nullptr);
  CHECK(MappedFileRange::map(large.string(), 4096, MappedFileRange::kMostBytes + 4096) != nullptr);
}

TEST_CASE("a file cut short inside its last page is said to be cut", "[input][mapped]") {
  testing::TempDir dir;
  const std::string bytes = patterned(10000);
  const std::string path = dir.write("logs.jsonl", bytes).string();
  const auto mapped = MappedFileRange::map(path, 0, bytes.size());
  REQUIRE(mapped != nullptr);
  std::filesystem::resize_file(path, 9000);
  const std::string_view view = *mapped->view();
  CHECK(view.substr(0, 9000) == std::string_view(bytes).substr(0, 9000));
  CHECK(view.substr(9000) == std::string(1000, '\0'));  // within the page: zeros, no fault
  CHECK(mapped->cut());
}

TEST_CASE("a file cut short by whole pages reads zeros there instead of ending the process",
          "[input][mapped]") {
  testing::TempDir dir;
  const std::size_t page_bytes = system_page_bytes();
  const std::string bytes = patterned(8 * page_bytes + 100);
  const std::string path = dir.write("logs.jsonl", bytes).string();
  const auto mapped = MappedFileRange::map(path, page_bytes / 2, bytes.size());
  REQUIRE(mapped != nullptr);
  // Another mapping, whole, beside it: its own bytes stay the file's.
  const auto other = MappedFileRange::map(path, 0, 2 * page_bytes);
  REQUIRE(other != nullptr);
  std::filesystem::resize_file(path, 3 * page_bytes + 10);
  const std::string_view view = *mapped->view();
  std::size_t zeros = 0;
  // The first page wholly past the new end faults; from there on the mapping holds zeros.
  for (const char byte : view)
    zeros += byte == '\0' ? 1 : 0;
  const std::size_t kept = 3 * page_bytes + 10 - page_bytes / 2;
  CHECK(view.substr(0, kept) == std::string_view(bytes).substr(page_bytes / 2, kept));
  CHECK(padding_is_file_or_zeros(view, {}, 0));
  CHECK(zeros == view.size() - kept);
  CHECK(mapped->cut());
  CHECK(*other->view() == std::string_view(bytes).substr(0, 2 * page_bytes));
  CHECK_FALSE(other->cut());
}

TEST_CASE("a bus error outside the mapped ranges still ends the process", "[input][mapped]") {
  testing::TempDir dir;
  const std::size_t page_bytes = system_page_bytes();
  const std::string path = dir.write("logs.jsonl", patterned(4 * page_bytes)).string();
  // The handler is installed by the first mapping.
  REQUIRE(MappedFileRange::map(path, 0, page_bytes) != nullptr);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    // A mapping of the child's own, not one of ours, made to fault.
    const int descriptor = ::open(path.c_str(), O_RDONLY);
    auto* bytes = static_cast<volatile char*>(
        ::mmap(nullptr, 4 * page_bytes, PROT_READ, MAP_PRIVATE, descriptor, 0));
    if (::truncate(path.c_str(), 0) != 0) ::_exit(3);
    const char byte = bytes[2 * page_bytes];
    ::_exit(byte == 0 ? 0 : 4);  // reached only if the bus error was swallowed
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  // Ended by the signal, or by a sanitizer's report of it (exit 1): not by the exits above.
  CHECK((WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) == 1)));
}

}  // namespace
}  // namespace iothub_diag
