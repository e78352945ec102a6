#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstring>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/input/mapped_file_range.hpp>

namespace iothub_diag {
namespace {

// One mapping a bus error may fall in: its file's pages [begin, end), and
// whether a bus error did.
struct GuardedRange {
  std::atomic<bool> taken{false};
  std::atomic<std::uintptr_t> begin{0};  // 0 while the slot holds no mapping
  std::atomic<std::uintptr_t> end{0};
  std::atomic<bool> faulted{false};
};
static_assert(std::atomic<std::uintptr_t>::is_always_lock_free &&
                  std::atomic<bool>::is_always_lock_free,
              "the fault handler reads the table without locks");

// Mappings alive at once: one for each piece being read, a few per thread.
// A piece that finds every slot taken is read with pread instead.
constexpr std::size_t kGuardedRanges = 64;
std::array<GuardedRange, kGuardedRanges> guarded_ranges;
struct sigaction previous_bus_handler {};
std::uintptr_t page_bytes = 4096;

// A bus error in a mapping of ours means its file became shorter: the pages
// past the new end are replaced with zeros, from the one that faulted to the
// end of the mapping, and the read goes on (MappedFileRange::cut() says so).
// Any other bus error is taken again, on return, by the handler that was there
// before (the system's, which ends the process). Only lock-free loads and
// system calls happen here.
void on_bus_error(int /*signal*/, siginfo_t* info, void* /*context*/) {
  const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
  for (GuardedRange& range : guarded_ranges) {
    const std::uintptr_t begin = range.begin.load(std::memory_order_acquire);
    const std::uintptr_t end = range.end.load(std::memory_order_acquire);
    if (begin == 0 || address < begin || address >= end) continue;
    const std::uintptr_t into_page = address % page_bytes;
    char* const page = static_cast<char*>(info->si_addr) - into_page;
    void* const zeros = ::mmap(page, end - (address - into_page), PROT_READ,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (zeros == MAP_FAILED) break;
    range.faulted.store(true, std::memory_order_relaxed);
    return;
  }
  ::sigaction(SIGBUS, &previous_bus_handler, nullptr);
}

bool install_bus_handler() {
  const long page = ::sysconf(_SC_PAGESIZE);
  if (page <= 0) return false;
  page_bytes = static_cast<std::uintptr_t>(page);
  struct sigaction action {};
  action.sa_sigaction = on_bus_error;
  action.sa_flags = SA_SIGINFO;
  sigemptyset(&action.sa_mask);
  return ::sigaction(SIGBUS, &action, &previous_bus_handler) == 0;
}

// A free slot of guarded_ranges, taken; kGuardedRanges when none is free.
std::size_t take_slot() noexcept {
  for (std::size_t slot = 0; slot < kGuardedRanges; ++slot) {
    if (!guarded_ranges[slot].taken.exchange(true, std::memory_order_acq_rel)) return slot;
  }
  return kGuardedRanges;
}

std::uint64_t round_up(std::uint64_t bytes, std::uint64_t unit) noexcept {
  return (bytes + unit - 1) / unit * unit;
}

}  // namespace

std::unique_ptr<MappedFileRange> MappedFileRange::map(const std::string& path, std::uint64_t begin,
                                                      std::uint64_t end) {
  static const bool handler_installed = install_bus_handler();
  if (!handler_installed || begin >= end || end - begin > kMostBytes) return nullptr;
  std::unique_ptr<MappedFileRange> range(new MappedFileRange());
  range->slot_ = take_slot();
  if (range->slot_ == kGuardedRanges) return nullptr;
  range->descriptor_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (range->descriptor_ < 0) return nullptr;
  struct stat info {};
  if (::fstat(range->descriptor_, &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<std::uint64_t>(info.st_size) < end)
    return nullptr;
  // The file's pages from the one holding `begin` to the one holding the last
  // byte, then whole pages of zeros for the padding: a reservation of both,
  // the file mapped over its start. The bytes between `end` and the end of
  // its page are the file's (or zeros past its end): readable too.
  const std::uint64_t first_page = begin - begin % page_bytes;
  const auto file_bytes = static_cast<std::size_t>(round_up(end - first_page, page_bytes));
  const auto reserved_bytes =
      static_cast<std::size_t>(file_bytes + round_up(kViewPadding, page_bytes));
  void* const reserved = ::mmap(nullptr, reserved_bytes, PROT_READ,
                                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (reserved == MAP_FAILED) return nullptr;
  range->reserved_ = static_cast<char*>(reserved);
  range->reserved_bytes_ = reserved_bytes;
  if (::mmap(reserved, file_bytes, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE,
             range->descriptor_, static_cast<off_t>(first_page)) == MAP_FAILED)
    return nullptr;
  GuardedRange& guard = guarded_ranges[range->slot_];
  guard.faulted.store(false, std::memory_order_relaxed);
  guard.end.store(reinterpret_cast<std::uintptr_t>(range->reserved_) + file_bytes,
                  std::memory_order_release);
  guard.begin.store(reinterpret_cast<std::uintptr_t>(range->reserved_), std::memory_order_release);
  range->end_ = end;
  range->rest_ = std::string_view(range->reserved_ + (begin - first_page), end - begin);
  return range;
}

MappedFileRange::~MappedFileRange() {
  if (slot_ < kGuardedRanges) {
    GuardedRange& guard = guarded_ranges[slot_];
    guard.begin.store(0, std::memory_order_release);
    guard.end.store(0, std::memory_order_release);
    guard.taken.store(false, std::memory_order_release);
  }
  if (reserved_ != nullptr) ::munmap(reserved_, reserved_bytes_);
  if (descriptor_ >= 0) ::close(descriptor_);
}

std::size_t MappedFileRange::read(std::span<char> buffer) {
  const std::size_t count = std::min(buffer.size(), rest_.size());
  std::memcpy(buffer.data(), rest_.data(), count);
  rest_.remove_prefix(count);
  return count;
}

std::optional<std::string_view> MappedFileRange::view() {
  const std::string_view bytes = rest_;
  rest_ = {};
  return bytes;
}

bool MappedFileRange::cut() const {
  if (guarded_ranges[slot_].faulted.load(std::memory_order_relaxed)) return true;
  struct stat info {};
  return ::fstat(descriptor_, &info) != 0 || static_cast<std::uint64_t>(info.st_size) < end_;
}

}  // namespace iothub_diag
