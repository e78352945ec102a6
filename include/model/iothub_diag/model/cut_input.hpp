#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/core/timestamp.hpp>

namespace iothub_diag {

// Why an input looks like the first part of a larger result.
enum class CutReason : std::uint8_t {
  partial_error,  // the query API's answer says so (a top-level PartialError member)
  row_cap,        // it holds exactly as many rows as a query or export cap
};

// One input file that holds only part of what was asked for: the rows after
// the cut are missing, and nothing in the rows says where they were.
struct CutInput {
  std::string source;  // the file, as the readers name it
  CutReason reason = CutReason::partial_error;
  std::string detail;         // the service's message; empty for a row cap (row_cap_message)
  std::uint64_t records = 0;  // records read from it
  Timestamp first_event = INT64_MAX;
  Timestamp last_event = INT64_MIN;
};

// A row count that exports stop at without saying so: the query API and today's
// portal (500,000), and the portal's earlier caps (30,000, 10,000).
struct RowCap {
  std::uint64_t rows;
  MessageId description;  // which cap it is, for stderr and the reports
};
std::span<const RowCap> known_row_caps() noexcept;

// The cap `records` equals, if any.
std::optional<RowCap> row_cap_matching(std::uint64_t records) noexcept;

// "exactly 500,000 rows: <the cap>", in the report's language, for an input cut
// at a cap; nullopt for one the service said was cut (its own words are `detail`).
std::optional<Message> row_cap_message(const CutInput& cut);

std::string_view to_string(CutReason reason) noexcept;

}  // namespace iothub_diag
