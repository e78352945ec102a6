// Whether the heap asks for huge pages follows the free memory the kernel holds in
// blocks smaller than a huge page (/proc/buddyinfo).
#include <catch2/catch.hpp>

#include <iothub_diag/core/huge_page_heap.hpp>

namespace iothub_diag {
namespace {

// A virtual machine after hours of builds and tests: 1.3 GiB free in small blocks.
constexpr std::string_view kAged =
    "Node 0, zone      DMA      0      0      0      0      0      0      0      0      1      1   "
    "   3 \n"
    "Node 0, zone    DMA32      2      2      3      2      3      2      1      4      4      2   "
    " 752 \n"
    "Node 0, zone   Normal   9576   6545   3088   4002   2703   1812    843    341    285    311   "
    " 744 \n";

// A machine just started: nearly all its free memory in 4 MiB blocks.
constexpr std::string_view kFresh =
    "Node 0, zone      DMA      1      1      0      0      2      1      1      0      1      1   "
    "   3 \n"
    "Node 0, zone    DMA32      3      2      4      3      2      3      2      3      2      3   "
    " 750 \n"
    "Node 0, zone   Normal    120     85     40     22     13      9      6      4      3    420   "
    "5010 \n";

TEST_CASE("free memory in blocks under 2 MiB is summed over the zones") {
  // DMA32: 2 + 2*2 + 3*4 + 2*8 + 3*16 + 2*32 + 1*64 + 4*128 + 4*256 pages.
  const std::uint64_t dma32 = (2 + 4 + 12 + 16 + 48 + 64 + 64 + 512 + 1024) * 4096u;
  const std::uint64_t dma = 256 * 4096u;
  const std::uint64_t normal = (9576 + 6545 * 2 + 3088 * 4 + 4002 * 8 + 2703 * 16 + 1812 * 32 +
                                843 * 64 + 341 * 128 + 285 * 256) *
                               std::uint64_t{4096};
  CHECK(free_bytes_below_huge_page(kAged, 4096) == dma + dma32 + normal);
  CHECK(free_bytes_below_huge_page("", 4096) == 0);
  CHECK(free_bytes_below_huge_page("no zone here\nNode 0, zone Normal x 1 2\n", 4096) == 0);
  // 64 KiB pages: blocks of 1 to 16 pages are under 2 MiB.
  CHECK(free_bytes_below_huge_page("Node 0, zone Normal 1 1 1 1 1 1 9\n", 65536) ==
        (1 + 2 + 4 + 8 + 16) * std::uint64_t{65536});
}

TEST_CASE("huge pages pay where small free blocks are few") {
  CHECK_FALSE(huge_pages_pay(kAged, 4096));
  CHECK(huge_pages_pay(kFresh, 4096));
  CHECK(huge_pages_pay("", 4096));  // unreadable: as before, huge pages
}

}  // namespace
}  // namespace iothub_diag
