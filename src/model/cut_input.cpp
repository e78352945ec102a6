#include <array>

#include <iothub_diag/model/cut_input.hpp>

namespace iothub_diag {
namespace {

constexpr std::array kRowCaps = {
    RowCap{500'000, MessageId::row_cap_query_api},  // and today's portal export cap
    RowCap{30'000, MessageId::row_cap_portal_earlier},
    RowCap{10'000, MessageId::row_cap_portal_first},
};

}  // namespace

std::span<const RowCap> known_row_caps() noexcept {
  return kRowCaps;
}

std::optional<RowCap> row_cap_matching(std::uint64_t records) noexcept {
  for (const RowCap& cap : kRowCaps) {
    if (cap.rows == records) return cap;
  }
  return std::nullopt;
}

std::optional<Message> row_cap_message(const CutInput& cut) {
  const std::optional<RowCap> cap =
      cut.reason == CutReason::row_cap ? row_cap_matching(cut.records) : std::nullopt;
  if (!cap) return std::nullopt;
  return Message{
      MessageId::cut_row_cap, {count_arg(cut.records), Message{cap->description, {}}}, cut.records};
}

std::string_view to_string(CutReason reason) noexcept {
  switch (reason) {
    case CutReason::partial_error:
      return "partial_error";
    case CutReason::row_cap:
      return "row_cap";
  }
  return "partial_error";
}

}  // namespace iothub_diag
