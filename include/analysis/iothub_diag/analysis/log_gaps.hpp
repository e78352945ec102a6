#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// How a gap was seen.
enum class GapSource : std::uint8_t {
  logs_silent,  // the hub's own records stop where its usual rate says they cannot
};

// A span in which a hub that otherwise logs steadily logged (almost) nothing:
// an hourly blob that was not downloaded, a chunk that was not pulled. Nothing
// inside can be told from the logs, so no verdict may rest on its silence.
struct LogGap {
  HubIndex hub = 0;
  Timestamp start = 0;
  Timestamp end = 0;
  std::uint64_t records = 0;    // events of the hub's devices logged inside
  double expected_records = 0;  // what the devices' patterns would have logged there
  GapSource source = GapSource::logs_silent;

  bool contains(Timestamp time) const noexcept { return start <= time && time < end; }
  // Whether [from, to] meets the gap.
  bool meets(Timestamp from, Timestamp to) const noexcept { return from < end && start <= to; }
};

// The gaps of every hub, in (hub, start) order. Each hub's events are counted
// in five-minute bins beside what its devices' own patterns say each bin should
// hold: a device whose connects come at a steady period (a token's lifetime, a
// schedule) is expected where it logged, plus two events (a drop or disconnect
// and a reconnect) at every cycle that an interval of whole periods between two
// connects skipped; any other device logs at its own rate while connected
// (uniformly, if it is connected less than half the time). So a fleet whose
// tokens expire together, silent between its expiries, is not a gap, nor are
// devices an incident keeps off the hub. A bin is quiet when it holds under
// gap_quiet_share of its expectation (a bin that expects and holds nothing
// neither starts nor breaks a run). A run of quiet bins at least
// gap_min_minutes long, inside the hub's span, whose count a Poisson of its
// expectation would reach less than gap_max_chance_probability times over the
// span, is a gap; it is widened by a neighbouring bin that is short too
// (records received late fill a lost blob's edges only in part).
std::vector<LogGap> find_log_gaps(const DeviceTimelines& timelines, const EventStore& store,
                                  const std::vector<HubFacts>& facts, const Thresholds& thresholds,
                                  const Thresholds& snapshot_thresholds);

}  // namespace iothub_diag
