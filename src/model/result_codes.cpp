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
    ResultCodeInfo{429001, "ThrottlingException", CodeSide::device,
                   "the device exceeded the hub's throttling limits for an operation"},
    ResultCodeInfo{429002, "ThrottlingBacklogTimeout", CodeSide::device,
                   "the hub's throttling backlog held the device's requests too long"},
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

bool is_throttling_error(std::int32_t code) noexcept {
  return code >= 429000 && code <= 429999;
}

namespace {

constexpr std::int32_t kLargestCode = 999'999'999;  // nine digits

bool equals_ignoring_case(std::string_view text, std::string_view lower) noexcept {
  return text.size() == lower.size() &&
         std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
           return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
         });
}

}  // namespace

std::optional<std::int32_t> parse_result_code(std::string_view text) noexcept {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return 0;
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  if (equals_ignoring_case(text, "none") || equals_ignoring_case(text, "null")) return 0;
  const std::size_t point = text.find('.');
  const std::string_view digits = text.substr(0, point);
  if (point != std::string_view::npos) {
    const std::string_view fraction = text.substr(point + 1);
    if (fraction.empty() || fraction.find_first_not_of('0') != std::string_view::npos)
      return std::nullopt;
  }
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  std::int32_t value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<std::int32_t> result_code_from_number(double number) noexcept {
  if (!(number >= 0 && number <= kLargestCode)) return std::nullopt;  // NaN too
  const auto whole = static_cast<std::int32_t>(number);
  if (static_cast<double>(whole) != number) return std::nullopt;
  return whole;
}

}  // namespace iothub_diag
