#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include <iothub_diag/analysis/device_timeline.hpp>
#include <iothub_diag/analysis/fleet_bursts.hpp>
#include <iothub_diag/analysis/periodicity.hpp>
#include <iothub_diag/analysis/thresholds.hpp>
#include <iothub_diag/core/side_by_side.hpp>
#include <iothub_diag/model/event_store.hpp>

namespace iothub_diag {

// How a gap was seen.
enum class GapSource : std::uint8_t {
  logs_silent,       // the hub's own records stop where its usual rate says they cannot
  metric_connected,  // the hub's connectedDeviceCount metric moves while its logs hold nothing
};

// A span in which a hub that otherwise logs steadily logged (almost) nothing:
// an hourly blob that was not downloaded, a chunk that was not pulled. Nothing
// inside can be told from the logs, so no verdict may rest on its silence.
struct LogGap {
  HubIndex hub = 0;
  Timestamp start = 0;
  Timestamp end = 0;
  std::uint64_t records = 0;          // events of the hub's devices logged inside
  double usual_records = 0;           // what the hub logs in so long a span (its median per bin)
  std::uint64_t devices_logging = 0;  // (device, bin) pairs with a record inside
  double devices_expected = 0;        // how many the devices' own patterns expect
  double metric_moves = 0;  // metric_connected: how far the metric moved inside (each move is
                            // a connect or disconnect the logs should hold)
  GapSource source = GapSource::logs_silent;

  bool contains(Timestamp time) const noexcept { return start <= time && time < end; }
  // Whether [from, to] meets the gap.
  bool meets(Timestamp from, Timestamp to) const noexcept { return from < end && start <= to; }
};

// The gaps of every hub, in (hub, start) order. For each five-minute bin, the
// hub's devices that logged in it are counted beside how many its devices' own
// patterns expect to (each device counts once a bin, so a chatty one cannot
// outweigh the fleet): a periodic device (a token period from its drops, or a
// steady interval between its connects: a schedule) where it logged, and in
// the bin of every cycle an interval of whole periods skipped, so a fleet whose
// tokens expire together, silent between its expiries, shows no gap; any other
// device with at least ten events with the Poisson chance of its own rate while
// connected (over its whole span, if it is connected less than half of it), so
// devices an incident keeps off the hub are not expected. A bin is quiet when
// under gap_quiet_share of that expectation logged (a bin that expects and
// holds nothing neither starts nor breaks a run). A run of quiet bins at least
// gap_min_minutes long, inside the hub's span, whose count a Poisson of its
// expectation would reach less than gap_max_chance_probability times over the
// span, is a gap; it is widened by a neighbouring bin that is short too, and
// to the hour when it ends or begins within one bin of it (records received
// late fill a lost blob's edges only in part). Hubs are searched one at a
// time; one whose span its records cannot fill (more than 64 bins a record
// beyond two weeks, or ten years) is not. With `sharing.threads` above 1 a
// hub's many devices are counted in two shares side by side; the gaps are the
// same bytes for any split.
std::vector<LogGap> find_log_gaps(const DeviceTimelines& timelines, const EventStore& store,
                                  const std::vector<HubFacts>& facts,
                                  std::span<const std::optional<PeriodEstimate>> periods,
                                  const Thresholds& thresholds,
                                  const Thresholds& snapshot_thresholds, Sharing sharing = {});

}  // namespace iothub_diag
