#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/simulate/event_grid_format.hpp>
#include <iothub_diag/simulate/record_format.hpp>

namespace iothub_diag::simulate {
namespace {

using OrderedJson = nlohmann::ordered_json;

// Milliseconds from 1601-01-01 (the FILETIME epoch) to 1970-01-01.
constexpr Timestamp kFileTimeOffsetMillis = 11'644'473'600'000;
constexpr std::uint64_t kFileTimeTicksPerMilli = 10'000;

// A random id in the 8-4-4-4-12 hex layout of the service's event ids.
std::string event_id(RandomStream& random) {
  const std::uint64_t high = random.next();
  const std::uint64_t low = random.next();
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF,
                     high & 0xFFFF, low >> 48, low & 0xFFFF'FFFF'FFFF);
}

}  // namespace

std::string format_sequence_number(Timestamp epoch, std::uint64_t counter) {
  const auto file_time =
      static_cast<std::uint64_t>(epoch + kFileTimeOffsetMillis) * kFileTimeTicksPerMilli;
  return fmt::format("{:016X}{:016X}{:08X}{:024X}", 0, file_time, 2, counter);
}

EventGridFormatter::EventGridFormatter(const SimulationOptions& options)
    : cloud_events_(options.schema == OutputSchema::cloud_events),
      topic_(hub_resource_id(options)),
      epoch_(options.start) {
  for (const char c : options.hub_name)
    hub_name_.push_back(ascii_lower(c));
}

std::string EventGridFormatter::event(std::string_view device_id, std::string_view module_id,
                                      const StateSnapshot& snapshot, RandomStream& random) const {
  const std::string_view type =
      snapshot.connected ? kDeviceConnectedEvent : kDeviceDisconnectedEvent;
  std::string subject = fmt::format("devices/{}", device_id);
  if (!module_id.empty()) subject += fmt::format("/{}", module_id);

  OrderedJson data = OrderedJson::object();
  data["deviceConnectionStateEventInfo"] = {
      {"sequenceNumber", format_sequence_number(epoch_, snapshot.sequence)}};
  data["hubName"] = hub_name_;
  data["deviceId"] = device_id;
  if (!module_id.empty()) data["moduleId"] = module_id;

  OrderedJson event = OrderedJson::object();
  event["id"] = event_id(random);
  const std::string time =
      format_record_time(snapshot.time, static_cast<int>(random.uniform_int(0, 9999)));
  if (cloud_events_) {
    event["source"] = topic_;
    event["specversion"] = "1.0";
    event["type"] = type;
    event["subject"] = subject;
    event["time"] = time;
    event["data"] = std::move(data);
  } else {
    event["topic"] = topic_;
    event["subject"] = subject;
    event["eventType"] = type;
    event["eventTime"] = time;
    event["data"] = std::move(data);
    event["dataVersion"] = "1";
    event["metadataVersion"] = "1";
  }
  return event.dump();
}

}  // namespace iothub_diag::simulate
