#include <cstdint>
#include <cstdlib>  // defines __GLIBC__ on glibc
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <iothub_diag/core/huge_page_heap.hpp>
#include <iothub_diag/core/page_fault_cost.hpp>

#if defined(__GLIBC__) && defined(__linux__)
#include <sys/auxv.h>
#include <unistd.h>
#endif

namespace iothub_diag {
namespace {

// The system's THP mode as its file marks it: "always", "madvise", "never" or "" when unknown.
std::string huge_page_mode() {
  std::ifstream setting("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(setting, modes);
  const auto open = modes.find('[');
  const auto close = modes.find(']', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  return modes.substr(open + 1, close - open - 1);
}

// Whether the heap should ask for huge pages, as IOTHUB_DIAG_HUGE_PAGES says
// (`yes`, `no`) or, by default, as the system's free memory suggests or, where
// it does not, as what a 4 KiB page fault costs.
bool huge_pages_wanted() {
  const char* setting = std::getenv("IOTHUB_DIAG_HUGE_PAGES");
  const std::string_view wanted = setting != nullptr ? setting : "auto";
  if (wanted == "yes") return true;
  if (wanted == "no") return false;
  std::ifstream file("/proc/buddyinfo");
  std::ostringstream text;
  text << file.rdbuf();
  const long page = ::sysconf(_SC_PAGESIZE);
  return huge_pages_pay(text.str(), page > 0 ? static_cast<std::uint64_t>(page) : 4096) ||
         page_faults_dear();
}

}  // namespace

std::uint64_t free_bytes_below_huge_page(std::string_view buddyinfo, std::uint64_t page_bytes) {
  // `Node 0, zone   Normal   9576   6545 ...`: free blocks of 1, 2, 4, ... pages.
  std::uint64_t bytes = 0;
  std::istringstream lines{std::string(buddyinfo)};
  std::string line;
  while (std::getline(lines, line)) {
    const auto zone = line.find("zone");
    if (zone == std::string::npos) continue;
    std::istringstream fields(line.substr(zone + 4));
    std::string name;
    fields >> name;
    std::uint64_t blocks = 0;
    std::uint64_t block_bytes = page_bytes;
    while (fields >> blocks && block_bytes < kHugePageBytes) {
      bytes += blocks * block_bytes;
      block_bytes *= 2;
    }
  }
  return bytes;
}

bool huge_pages_pay(std::string_view buddyinfo, std::uint64_t page_bytes) {
  return free_bytes_below_huge_page(buddyinfo, page_bytes) < kSmallBlocksEnough;
}

void restart_with_huge_page_heap(char** argv) noexcept {
  // glibc reads `glibc.malloc.hugetlb` since 2.35.
#if defined(__GLIBC__) && defined(__linux__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 35)
  try {
    // A set-user-id start drops GLIBC_TUNABLES, so the second start would try again.
    if (::getauxval(AT_SECURE) != 0) return;
    const char* set = std::getenv("GLIBC_TUNABLES");
    const std::string tunables = set != nullptr ? set : "";
    if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;
    if (huge_page_mode() != "madvise") return;
    if (!huge_pages_wanted()) return;
    const std::string value =
        tunables.empty() ? "glibc.malloc.hugetlb=1" : tunables + ":glibc.malloc.hugetlb=1";
    if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
    ::execv("/proc/self/exe", argv);
    // The exec failed (no /proc): go on as this start, with the environment as it was.
    if (set != nullptr)
      ::setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
    else
      ::unsetenv("GLIBC_TUNABLES");
  } catch (...) {
    // Only a failed allocation can throw here; the heap stays as it is.
  }
#else
  (void)argv;
#endif
}

bool heap_uses_huge_pages() noexcept {
  try {
    const std::string mode = huge_page_mode();
    if (mode == "always") return true;
    const char* tunables = std::getenv("GLIBC_TUNABLES");
    return mode == "madvise" && tunables != nullptr &&
           (std::string_view(tunables).find("glibc.malloc.hugetlb=1") != std::string_view::npos ||
            std::string_view(tunables).find("glibc.malloc.hugetlb=2") != std::string_view::npos);
  } catch (...) {
    return false;
  }
}

}  // namespace iothub_diag
