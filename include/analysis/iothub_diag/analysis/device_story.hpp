#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/core/message.hpp>

namespace iothub_diag {

// One line of a device's story: what happened, and for a drop, what it was
// attributed to and why.
struct StoryEvent {
  Timestamp time = 0;
  std::string_view event;         // "connect", "disconnect" (clean), "drop" or "error"
  std::int32_t code = 0;          // the result code; 0 when the record has none
  std::string_view cause;         // for a drop: the name of its cause (`cause_names`)
  std::optional<Message> detail;  // for a drop: the evidence behind its cause
};

// Identities whose device id matches any pattern (`*` matches any run of
// characters, `?` one), in device order, in every hub.
std::vector<DeviceIndex> devices_matching(const EventStore& store,
                                          std::span<const std::string> patterns);

// True when `text` matches the glob `pattern`.
bool glob_match(std::string_view pattern, std::string_view text) noexcept;

// Every connect, clean disconnect, drop and error of one identity, in time
// order, from the source it is judged on. A drop's cause is named from
// `cause_names` (the rule ids, summary.drops keys).
std::vector<StoryEvent> device_story(const Diagnosis& diagnosis, DeviceIndex device,
                                     const CauseNames& cause_names);

}  // namespace iothub_diag
