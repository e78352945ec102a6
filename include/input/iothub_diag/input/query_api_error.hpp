#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iothub_diag {

// The service's own words from a Log Analytics query API error answer
// (`{"error":{"code","message",...}}`, the innermost error's message included);
// the start of the body when it is not one.
std::string query_api_error_summary(std::string_view body);

// Whether a query answer says it was cut: the top-level `error` member the
// query API adds to an HTTP 200 past its row or size cap (`PartialError`,
// `E_QUERY_RESULT_SET_TOO_LARGE`), looked for in the first and last bytes of
// the answer, where the members other than `tables` sit. The service's message
// when it was cut, nullopt when not. A quote inside a JSON string is always
// escaped, so a device id that spells the member is never taken for it.
std::optional<std::string> cut_answer_message(std::string_view head, std::string_view tail);

}  // namespace iothub_diag
