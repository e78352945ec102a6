#include <algorithm>
#include <fstream>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/simulate/ground_truth.hpp>
#include <iothub_diag/simulate/noise_records.hpp>
#include <iothub_diag/simulate/platform_files.hpp>
#include <iothub_diag/simulate/random_stream.hpp>
#include <iothub_diag/simulate/record_delivery.hpp>
#include <iothub_diag/simulate/simulation_writer.hpp>

namespace iothub_diag::simulate {
namespace {

// One log file being written, in either shape.
class OutputFile {
 public:
  OutputFile(const std::filesystem::path& path, OutputShape shape) : path_(path), shape_(shape) {
    std::filesystem::create_directories(path.parent_path());
    out_.open(path, std::ios::binary | std::ios::trunc);
    if (!out_) throw std::runtime_error(fmt::format("cannot create {}", path.string()));
    if (shape_ == OutputShape::records) put("{\"records\":[");
  }

  void add(const std::string& line) {
    if (shape_ == OutputShape::jsonl) {
      put(line);
      put("\n");
      return;
    }
    put(first_ ? "\n" : ",\n");
    put(line);
    first_ = false;
  }

  // Bytes written; throws when the disk refused some of them.
  std::uint64_t close() {
    if (shape_ == OutputShape::records) put("\n]}\n");
    out_.close();
    if (!out_) throw std::runtime_error(fmt::format("cannot write {}", path_.string()));
    return bytes_;
  }

 private:
  void put(std::string_view text) {
    out_.write(text.data(), static_cast<std::streamsize>(text.size()));
    bytes_ += text.size();
  }

  std::filesystem::path path_;
  OutputShape shape_;
  std::ofstream out_;
  bool first_ = true;
  std::uint64_t bytes_ = 0;
};

// The records of one receive hour in output order. `events` are already in
// order (Simulation::records); the noise joins them as a shuffle would
// (disorder on) or by time (disorder off). Without noise, `events` is unchanged.
std::vector<const Record*> order_hour(std::span<const Record> events, std::vector<Record>& noise,
                                      const SimulationOptions& options, Timestamp hour) {
  std::vector<const Record*> ordered;
  ordered.reserve(events.size() + noise.size());
  if (!options.disorder) {
    std::stable_sort(noise.begin(), noise.end(),
                     [](const Record& a, const Record& b) { return a.time < b.time; });
    std::size_t e = 0;
    std::size_t n = 0;
    while (e < events.size() || n < noise.size()) {
      const bool take_event =
          n == noise.size() || (e < events.size() && events[e].time <= noise[n].time);
      ordered.push_back(take_event ? &events[e++] : &noise[n++]);
    }
    return ordered;
  }
  RandomStream random(options.seed, RandomPurpose::delivery,
                      1 + static_cast<std::uint64_t>(hour / kMillisPerHour));
  random.shuffle(std::span<Record>(noise));
  std::size_t e = 0;
  std::size_t n = 0;
  while (e < events.size() || n < noise.size()) {
    const std::size_t events_left = events.size() - e;
    const std::size_t noise_left = noise.size() - n;
    // Picking each side in proportion to what is left gives a uniform interleaving.
    const bool take_event =
        noise_left == 0 ||
        (events_left > 0 &&
         random.uniform_int(0, static_cast<std::int64_t>(events_left + noise_left) - 1) <
             static_cast<std::int64_t>(events_left));
    ordered.push_back(take_event ? &events[e++] : &noise[n++]);
  }
  return ordered;
}

// y=YYYY/m=MM/d=DD/h=HH for the hour of `time`, as storage paths spell hours.
std::filesystem::path hour_folders(Timestamp time) {
  const std::string hour = format_iso8601(hour_start(time));  // YYYY-MM-DDTHH:00:00Z
  return std::filesystem::path(fmt::format("y={}", hour.substr(0, 4))) /
         fmt::format("m={}", hour.substr(5, 2)) / fmt::format("d={}", hour.substr(8, 2)) /
         fmt::format("h={}", hour.substr(11, 2));
}

// Where the records of one hub and hour go with layout archive.
std::filesystem::path hourly_file_path(const SimulationOptions& options, std::string_view hub,
                                       std::string_view category, Timestamp hour) {
  return options.schema == OutputSchema::resource_logs
             ? archive_blob_path(options, hub, category, hour)
             : event_grid_file_path(hour);
}

std::string_view single_file_name(const SimulationOptions& options) {
  if (options.schema != OutputSchema::resource_logs) return kEventGridFileName;
  return options.shape == OutputShape::jsonl ? kJsonLinesFileName : kRecordsFileName;
}

void write_ground_truth(const Simulation& simulation, const std::filesystem::path& out_dir) {
  const std::filesystem::path path = out_dir / kGroundTruthFileName;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << ground_truth_json(simulation).dump(2) << '\n';
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

}  // namespace

std::filesystem::path archive_blob_path(const SimulationOptions& options, std::string_view hub,
                                        std::string_view category, Timestamp receive_time) {
  std::string folder = "insights-logs-";
  for (const char c : category)
    folder.push_back(ascii_lower(c));
  return std::filesystem::path(folder) / "resourceId=" / "SUBSCRIPTIONS" / options.subscription_id /
         "RESOURCEGROUPS" / options.resource_group / "PROVIDERS" / "MICROSOFT.DEVICES" / "IOTHUBS" /
         std::string(hub) / hour_folders(receive_time) / "m=00" / "PT1H.json";
}

std::filesystem::path event_grid_file_path(Timestamp receive_time) {
  return std::filesystem::path("eventgrid") / hour_folders(receive_time) / "deliveries.jsonl";
}

WriteSummary write_simulation(const Simulation& simulation, const SimulationOptions& options,
                              const std::filesystem::path& out_dir) {
  std::filesystem::create_directories(out_dir);
  WriteSummary summary;

  std::optional<OutputFile> single_file;
  if (options.layout == OutputLayout::jsonl) {
    single_file.emplace(out_dir / single_file_name(options), options.shape);
    summary.files = 1;
  }

  const std::vector<Record>& records = simulation.records;
  std::size_t next = 0;
  std::vector<Record> later_noise;  // noise received after the hour it was generated for
  for (Timestamp hour = hour_start(simulation.span.start);
       next < records.size() || !later_noise.empty() || hour < simulation.span.end;
       hour += kMillisPerHour) {
    std::size_t end = next;
    while (end < records.size() && hour_start(records[end].receive_time) == hour)
      ++end;

    std::vector<Record> noise;
    std::vector<Record> still_later;
    std::vector<Record> fresh;
    if (hour < simulation.span.end) fresh = noise_records_for_hour(simulation, options, hour);
    for (std::vector<Record>* source : {&later_noise, &fresh}) {
      for (Record& record : *source) {
        (hour_start(record.receive_time) == hour ? noise : still_later)
            .push_back(std::move(record));
      }
    }
    later_noise = std::move(still_later);

    const std::span<const Record> events(records.data() + next, end - next);
    const std::vector<const Record*> ordered = order_hour(events, noise, options, hour);
    summary.records += ordered.size();
    summary.noise_records += noise.size();
    next = end;
    if (ordered.empty()) continue;

    if (single_file) {
      for (const Record* record : ordered)
        single_file->add(record->json_line);
      continue;
    }
    // std::map keeps the blobs of an hour in a stable, sorted order. Event
    // Grid deliveries of every hub share one file per hour, as one subscriber keeps them.
    const bool resource_logs = options.schema == OutputSchema::resource_logs;
    std::map<std::pair<std::uint32_t, std::string_view>, std::vector<const Record*>> by_blob;
    for (const Record* record : ordered)
      by_blob[{resource_logs ? record->hub : 0, record->category}].push_back(record);
    for (const auto& [blob_key, blob_records] : by_blob) {
      const std::string& hub = simulation.hubs.at(blob_key.first);
      OutputFile blob(out_dir / hourly_file_path(options, hub, blob_key.second, hour),
                      options.shape);
      for (const Record* record : blob_records)
        blob.add(record->json_line);
      summary.bytes += blob.close();
      ++summary.files;
    }
  }
  if (single_file) summary.bytes += single_file->close();
  write_platform_files(simulation, options, out_dir);
  write_ground_truth(simulation, out_dir);
  return summary;
}

}  // namespace iothub_diag::simulate
