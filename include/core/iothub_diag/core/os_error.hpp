#pragma once

#include <span>
#include <system_error>
#include <utility>

#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// An operating system error (an errno value) as a sentence in the report's
// language. The common ones have message ids of their own, whose English is
// the C library's own words (so English output reads as strerror); any other is
// the C library's text as given (MessageId::os_error_other).
MessageId os_error_id(int error) noexcept;
// The errno values with a message id of their own, and their ids.
std::span<const std::pair<int, MessageId>> known_os_errors() noexcept;
Message os_error_message(int error);
// A system or generic category code as above; any other category's message as given.
Message os_error_message(const std::error_code& error);

}  // namespace iothub_diag
