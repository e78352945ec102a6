#include <algorithm>
#include <span>

#include <iothub_diag/simulate/record_delivery.hpp>

namespace iothub_diag::simulate {
namespace {

constexpr double kLateShare = 0.03;
constexpr Timestamp kUsualDelayMax = 3 * kMillisPerMinute;
constexpr Timestamp kLateDelayMax = 10 * kMillisPerMinute;

// Receive times drawn from `random` with disorder on; the record times without.
void set_receive_times(std::vector<Record>& records, const SimulationOptions& options,
                       RandomStream& random) {
  for (Record& record : records)
    record.receive_time = record.time + (options.disorder ? draw_receive_delay(random) : 0);
}

void sort_by_receive_time(std::vector<Record>& records) {
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return a.receive_time < b.receive_time;
  });
}

}  // namespace

Timestamp hour_start(Timestamp time) noexcept {
  const Timestamp offset = ((time % kMillisPerHour) + kMillisPerHour) % kMillisPerHour;
  return time - offset;
}

Timestamp draw_receive_delay(RandomStream& random) {
  if (random.chance(kLateShare)) return random.between(kUsualDelayMax, kLateDelayMax + 1);
  return random.between(0, kUsualDelayMax + 1);
}

void drop_lost_records(std::vector<Record>& records, const SimulationOptions& options) {
  RandomStream random(options.seed, RandomPurpose::record_loss);
  std::erase_if(records, [&](const Record&) { return random.uniform() < options.record_loss; });
}

void deliver_records(std::vector<Record>& records, const SimulationOptions& options) {
  RandomStream random(options.seed, RandomPurpose::delivery);
  set_receive_times(records, options, random);
  if (!options.disorder) {
    sort_by_receive_time(records);
    return;
  }
  std::stable_sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
    return hour_start(a.receive_time) < hour_start(b.receive_time);
  });
  // A blob is appended to as records arrive from many nodes: no order inside an hour.
  auto begin = records.begin();
  while (begin != records.end()) {
    const Timestamp hour = hour_start(begin->receive_time);
    const auto end = std::find_if(begin, records.end(), [&](const Record& record) {
      return hour_start(record.receive_time) != hour;
    });
    random.shuffle(std::span<Record>(begin, end));
    begin = end;
  }
}

void deliver_pushed_records(std::vector<Record>& records, const SimulationOptions& options) {
  RandomStream random(options.seed, RandomPurpose::delivery);
  set_receive_times(records, options, random);
  sort_by_receive_time(records);
}

std::vector<TimeWindow> drop_missing_hours(std::vector<Record>& records,
                                           const SimulationOptions& options, TimeWindow span) {
  std::vector<TimeWindow> missing;
  for (const int hour : options.missing_hours) {
    const Timestamp start = hour_start(span.start + hour * kMillisPerHour);
    missing.push_back({start, start + kMillisPerHour});
  }
  std::sort(missing.begin(), missing.end(),
            [](const TimeWindow& a, const TimeWindow& b) { return a.start < b.start; });
  missing.erase(
      std::unique(missing.begin(), missing.end(),
                  [](const TimeWindow& a, const TimeWindow& b) { return a.start == b.start; }),
      missing.end());
  if (missing.empty()) return missing;
  std::erase_if(records, [&](const Record& record) {
    const Timestamp hour = hour_start(record.receive_time);
    return std::any_of(missing.begin(), missing.end(),
                       [&](const TimeWindow& window) { return window.start == hour; });
  });
  return missing;
}

}  // namespace iothub_diag::simulate
