#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/workspace/chunk_plan.hpp>

namespace iothub_diag::workspace {

// The bins of a planning query's answer (`summarize count() by bin(TimeGenerated, ...)`),
// its columns found by name, sorted by start; nullopt with `problem` set when it is not one.
std::optional<std::vector<RowBin>> parse_row_bins(std::string_view body, std::string& problem);

// The service's own words from an error answer (`{"error":{"code","message",...}}`,
// the innermost error's message included); the start of the body when it is not one.
std::string error_summary(std::string_view body);

// Whether a query answer says it was cut (a top-level `error` member, as the
// query API adds to an HTTP 200 past its row or size cap: `PartialError`,
// `E_QUERY_RESULT_SET_TOO_LARGE`), looking at the first and last bytes of the
// body, where top-level members other than `tables` sit. The service's message
// when it was cut, nullopt when not.
std::optional<std::string> cut_answer_message(std::string_view head, std::string_view tail);

}  // namespace iothub_diag::workspace
