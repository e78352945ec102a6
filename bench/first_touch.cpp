// What first touching fresh memory costs on this machine, in 4 KiB pages and in
// transparent huge pages: the analysis touches nearly all its memory once, so
// this sets what the huge-page heap (core/huge_page_heap.cpp) gains or loses.
//
//   iothub_diag_first_touch [MIB] [PAUSE_SECONDS]
//
// For each kind of page, after PAUSE_SECONDS of sleep (a virtual machine may
// hand freed memory back to its host meanwhile), maps MIB MiB, writes one byte
// per 4 KiB page and prints the time; then maps and touches the same size again
// at once (memory the process just freed), and prints that time.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr std::size_t kPage = 4096;

// Milliseconds to map `bytes`, advise huge pages or not, and write each 4 KiB page once.
double touch_ms(std::size_t bytes, bool huge) {
  void* mapped = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) {
    std::perror("mmap");
    std::exit(2);
  }
  ::madvise(mapped, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
  auto* bytes_at = static_cast<volatile unsigned char*>(mapped);
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t offset = 0; offset < bytes; offset += kPage)
    bytes_at[offset] = 1;
  const auto end = std::chrono::steady_clock::now();
  ::munmap(mapped, bytes);
  return std::chrono::duration<double, std::milli>(end - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const long mib = argc > 1 ? std::atol(argv[1]) : 256;
  const long pause = argc > 2 ? std::atol(argv[2]) : 3;
  if (mib <= 0 || mib > 16384 || pause < 0 || pause > 600) {
    std::fprintf(stderr, "usage: iothub_diag_first_touch [MIB 1-16384] [PAUSE_SECONDS 0-600]\n");
    return 2;
  }
  const std::size_t bytes = static_cast<std::size_t>(mib) << 20;
  std::printf("%-14s %12s %12s %14s %14s\n", "pages", "after pause", "MiB/s", "touched again",
              "MiB/s");
  for (const bool huge : {false, true}) {
    ::sleep(static_cast<unsigned>(pause));
    const double cold = touch_ms(bytes, huge);
    const double again = touch_ms(bytes, huge);
    std::printf("%-14s %9.1f ms %12.0f %11.1f ms %14.0f\n", huge ? "2 MiB (THP)" : "4 KiB", cold,
                static_cast<double>(mib) * 1000 / cold, again,
                static_cast<double>(mib) * 1000 / again);
  }
  return 0;
}
