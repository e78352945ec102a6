#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <iothub_diag/simulate/simulation.hpp>

namespace iothub_diag::simulate {

inline constexpr std::size_t kMaxEventsPerBatch = 50;
inline constexpr std::string_view kEventGridCategory = "EventGrid";

// How Event Grid hands events to a subscriber with batching on: the events
// delivered in one second go out together, at most kMaxEventsPerBatch at a
// time, and never with another hub's (each hub is its own system topic). `events` are single events
// in receive order (deliver_pushed_records); each batch becomes one Record whose json_line is a
// JSON array of them, whose time is its earliest event time and whose receive time is its first
// event's.
std::vector<Record> batch_events(std::span<const Record> events);

}  // namespace iothub_diag::simulate
