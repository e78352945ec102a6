#include <cstdlib>

#include <sys/mman.h>
#include <unistd.h>

#include <iothub_diag/core/zeroed_slots.hpp>

namespace iothub_diag {

std::uint64_t* allocate_zeroed_slots(std::size_t count) {
  const std::size_t bytes = count * sizeof(std::uint64_t);
  auto* slots = static_cast<std::uint64_t*>(std::calloc(count, sizeof(std::uint64_t)));
#if defined(MADV_POPULATE_WRITE)
  static const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  if (slots != nullptr && page > 0 && bytes >= 4 * page) {
    // The whole pages inside the block; a kernel without the advice (before
    // Linux 5.14) refuses it, and the table works as before.
    char* const first = reinterpret_cast<char*>(slots);
    const std::uintptr_t misaligned = reinterpret_cast<std::uintptr_t>(first) % page;
    char* const begin = first + (misaligned == 0 ? 0 : page - misaligned);
    char* const end = first + bytes - reinterpret_cast<std::uintptr_t>(first + bytes) % page;
    if (end > begin) ::madvise(begin, static_cast<std::size_t>(end - begin), MADV_POPULATE_WRITE);
  }
#endif
  return slots;
}

}  // namespace iothub_diag
