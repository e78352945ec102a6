#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/workspace/chunk_plan.hpp>

namespace iothub_diag::workspace {

// The bins of a planning query's answer (`summarize count() by bin(TimeGenerated, ...)`),
// its columns found by name, sorted by start; nullopt with `problem` set when it is not one.
std::optional<std::vector<RowBin>> parse_row_bins(std::string_view body,
                                                  std::optional<Message>& problem);

}  // namespace iothub_diag::workspace
