#pragma once

#include <vector>

#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/simulate/random_stream.hpp>
#include <iothub_diag/simulate/simulation.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag::simulate {

// How records reach the storage account: some are lost, the rest arrive late
// and land in the blob of their receive hour in no particular order.

// Start of the hour that holds `time`.
Timestamp hour_start(Timestamp time) noexcept;

// Time from event to storage with disorder on: 0-3 min, 3 % of records 3-10 min.
Timestamp draw_receive_delay(RandomStream& random);

// Removes each record with probability options.record_loss. One draw per record
// whatever the probability, so a lossier run keeps a subset of a less lossy one.
void drop_lost_records(std::vector<Record>& records, const SimulationOptions& options);

// Sets receive times and puts the records in output order: grouped by receive
// hour and shuffled inside it (disorder on), or sorted by time (disorder off).
void deliver_records(std::vector<Record>& records, const SimulationOptions& options);

// The same receive times for records that are pushed to a subscriber (Event
// Grid) rather than appended to hourly blobs: in receive order, so a late
// record arrives after newer ones but nothing is shuffled beyond its delay.
void deliver_pushed_records(std::vector<Record>& records, const SimulationOptions& options);

// Leaves out every record received in options.missing_hours (hours of `span`,
// 0 the first): the blobs of those hours were not downloaded. Returns those
// hours as windows, in order. After delivery, which sets receive times.
std::vector<TimeWindow> drop_missing_hours(std::vector<Record>& records,
                                           const SimulationOptions& options, TimeWindow span);

}  // namespace iothub_diag::simulate
