#include <algorithm>
#include <array>

#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

constexpr std::array kResultCodes = {
    ResultCodeInfo{400027, "ConnectionForcefullyClosedOnNewConnection", CodeSide::device,
                   "a second client connected with the same identity"},
    ResultCodeInfo{400029, "FaultInjection", CodeSide::hub, "fault injected during a hub upgrade"},
    ResultCodeInfo{400030, "FaultInjection", CodeSide::hub, "fault injected during a hub upgrade"},
    ResultCodeInfo{401003, "IoTHubUnauthorized", CodeSide::device,
                   "the device's credential or SAS token was rejected or expired"},
    ResultCodeInfo{403004, "DeviceMaximumQueueDepthExceeded", CodeSide::device,
                   "the device's cloud-to-device queue is full"},
    ResultCodeInfo{404012, "HubFailover", CodeSide::hub, "the hub is failing over"},
    ResultCodeInfo{404104, "DeviceConnectionClosedRemotely", CodeSide::unknown,
                   "the connection ended without a protocol-level goodbye"},
    ResultCodeInfo{409002, "LinkCreationConflict", CodeSide::device,
                   "a link was created while the previous one still existed"},
    ResultCodeInfo{500001, "ServerError", CodeSide::hub, "internal hub error"},
    ResultCodeInfo{500008, "GenericTimeout", CodeSide::hub, "the hub timed out"},
    ResultCodeInfo{503001, "ServiceUnavailable", CodeSide::hub, "the hub was unavailable"},
};

static_assert(std::is_sorted(kResultCodes.begin(), kResultCodes.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }),
              "kResultCodes must stay sorted by code for the binary search");

}  // namespace

std::span<const ResultCodeInfo> known_result_codes() noexcept {
  return kResultCodes;
}

const ResultCodeInfo* find_result_code(std::int32_t code) noexcept {
  const auto it =
      std::lower_bound(kResultCodes.begin(), kResultCodes.end(), code,
                       [](const ResultCodeInfo& info, std::int32_t c) { return info.code < c; });
  return it != kResultCodes.end() && it->code == code ? &*it : nullptr;
}

bool is_hub_side_error(std::int32_t code) noexcept {
  if (code >= 500000 && code <= 599999) return true;
  const ResultCodeInfo* info = find_result_code(code);
  return info != nullptr && info->side == CodeSide::hub;
}

std::int32_t parse_result_code(std::string_view text) noexcept {
  if (text.empty() || text.size() > 9) return 0;
  std::int32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace iothub_diag
