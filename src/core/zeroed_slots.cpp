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
    const auto begin = (reinterpret_cast<std::uintptr_t>(slots) + page - 1) / page * page;
    const auto end = (reinterpret_cast<std::uintptr_t>(slots) + bytes) / page * page;
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);
  }
#endif
  return slots;
}

}  // namespace iothub_diag
