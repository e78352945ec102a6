#include <array>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include <iothub_diag/core/os_error.hpp>

namespace iothub_diag {
namespace {

// The errors a user meets reading logs and writing reports; the rest pass through.
constexpr std::array<std::pair<int, MessageId>, 15> kOsErrors = {{
    {ENOENT, MessageId::os_no_such_file},
    {EACCES, MessageId::os_permission_denied},
    {EPERM, MessageId::os_not_permitted},
    {EISDIR, MessageId::os_is_directory},
    {ENOTDIR, MessageId::os_not_directory},
    {ENOSPC, MessageId::os_no_space},
    {EDQUOT, MessageId::os_quota_exceeded},
    {EROFS, MessageId::os_read_only},
    {EMFILE, MessageId::os_too_many_open},
    {ENFILE, MessageId::os_too_many_open_in_system},
    {ELOOP, MessageId::os_symlink_loop},
    {ENAMETOOLONG, MessageId::os_name_too_long},
    {EIO, MessageId::os_io_error},
    {EPIPE, MessageId::os_broken_pipe},
    {EFBIG, MessageId::os_file_too_large},
}};

}  // namespace

std::span<const std::pair<int, MessageId>> known_os_errors() noexcept {
  return kOsErrors;
}

MessageId os_error_id(int error) noexcept {
  for (const auto& [code, id] : kOsErrors) {
    if (code == error) return id;
  }
  return MessageId::os_error_other;
}

Message os_error_message(int error) {
  const MessageId id = os_error_id(error);
  if (id != MessageId::os_error_other) return Message{id, {}};
  return Message{id, {std::string(std::strerror(error))}};
}

Message os_error_message(const std::error_code& error) {
  if (error.category() == std::system_category() || error.category() == std::generic_category())
    return os_error_message(error.value());
  return Message{MessageId::os_error_other, {error.message()}};
}

}  // namespace iothub_diag
