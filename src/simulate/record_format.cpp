#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/simulate/record_format.hpp>

namespace iothub_diag::simulate {
namespace {

using OrderedJson = nlohmann::ordered_json;

// The service API version back-end calls carry in their sdkVersion.
constexpr std::string_view kServiceApiVersion = "2021-04-12";
constexpr std::string_view kSasAuthentication =
    R"({"scope":"device","type":"sas","issuer":"iothub","acceptingIpFilterRule":null})";
constexpr std::string_view kTwinQueries[] = {
    "SELECT * FROM devices WHERE tags.site = 'plant-3'",
    "SELECT deviceId, properties.reported.firmware FROM devices",
    "SELECT * FROM devices WHERE properties.reported.status = 'degraded'",
};

std::string size_text(RandomStream& random, std::int64_t low, std::int64_t high) {
  return fmt::format("{}", random.uniform_int(low, high));
}

void add_device(OrderedJson& properties, const ClientIdentity* device) {
  if (device == nullptr) {
    properties["deviceId"] = nullptr;
    return;
  }
  properties["deviceId"] = device->device_id;
  if (!device->module_id.empty()) properties["moduleId"] = device->module_id;
}

OrderedJson category_properties(CategoryRecordKind kind, std::string_view time_text,
                                const ClientIdentity* device, const ErrorCodeInfo* error,
                                RandomStream& random) {
  OrderedJson properties = OrderedJson::object();
  switch (kind) {
    case CategoryRecordKind::telemetry_ingress:
      add_device(properties, device);
      properties["batching"] = "0";
      properties["messageSizeInBytes"] = size_text(random, 120, 4096);
      properties["EventProcessedUtcTime"] = time_text;
      properties["EventEnqueuedUtcTime"] = time_text;
      properties["partitionId"] = size_text(random, 0, 3);
      break;
    case CategoryRecordKind::d2c_twin_update:
    case CategoryRecordKind::d2c_twin_read:
      add_device(properties, device);
      properties["protocol"] = device != nullptr ? device->protocol : "Mqtt";
      properties["authenticationType"] = kSasAuthentication;
      break;
    case CategoryRecordKind::c2d_twin_read:
      add_device(properties, device);
      properties["sdkVersion"] = kServiceApiVersion;
      properties["messageSize"] = size_text(random, 200, 2048);
      break;
    case CategoryRecordKind::c2d_command:
      add_device(properties, device);
      properties["messageId"] = fmt::format("{:016x}", random.next());
      properties["messageSizeInBytes"] = size_text(random, 16, 512);
      properties["protocol"] = device != nullptr ? device->protocol : "Amqp";
      properties["deliveryAcknowledgement"] = "None";
      properties["deliveryCount"] = "0";
      properties["ttl"] = 3600;
      properties["maskedIpAddress"] = device != nullptr ? device->masked_ip : "";
      break;
    case CategoryRecordKind::direct_method:
      add_device(properties, device);
      properties["RequestSize"] = random.uniform_int(2, 256);
      properties["ResponseSize"] = random.uniform_int(2, 512);
      properties["sdkVersion"] = kServiceApiVersion;
      break;
    case CategoryRecordKind::twin_query:
      properties["query"] = random.pick(std::span<const std::string_view>(kTwinQueries));
      properties["sdkVersion"] = kServiceApiVersion;
      properties["messageSize"] = size_text(random, 60, 200);
      properties["pageSize"] = "100";
      properties["continuation"] = "false";
      properties["resultSize"] = size_text(random, 200, 60000);
      break;
    case CategoryRecordKind::route_endpoint:
      properties["deviceId"] = nullptr;
      properties["endpointName"] = "fleet-eh-1";
      properties["messageId"] = nullptr;
      properties["details"] = error != nullptr ? error->description : "";
      properties["routeName"] = "telemetry-to-eventhub";
      break;
  }
  if (error != nullptr) properties["statusCode"] = error->status_code;
  return properties;
}

}  // namespace

const ErrorCodeInfo* find_error_code(std::int32_t code) noexcept {
  for (const ErrorCodeInfo& info : kErrorCodes) {
    if (info.code == code) return &info;
  }
  return nullptr;
}

const CategoryRecordTemplate& template_of(CategoryRecordKind kind) noexcept {
  for (const CategoryRecordTemplate& row : kCategoryRecords) {
    if (row.kind == kind) return row;
  }
  return kCategoryRecords[0];
}

std::string format_record_time(Timestamp time, std::optional<int> sub_millisecond_digits) {
  const Timestamp whole = time - ((time % kMillisPerSecond) + kMillisPerSecond) % kMillisPerSecond;
  std::string text = format_iso8601(whole);
  if (!sub_millisecond_digits) return text;
  const Timestamp fraction = (time - whole) * 10'000 + *sub_millisecond_digits;
  text.pop_back();  // the 'Z'
  return fmt::format("{}.{:07}Z", text, fraction);
}

StampedTime stamp_time(Timestamp time, const SimulationOptions& options, RandomStream& random) {
  if (random.chance(options.fractional_time_share)) {
    const auto extra = static_cast<int>(random.uniform_int(0, 9999));
    return {time, format_record_time(time, extra)};
  }
  const Timestamp whole = time - ((time % kMillisPerSecond) + kMillisPerSecond) % kMillisPerSecond;
  return {whole, format_record_time(whole, std::nullopt)};
}

std::string hub_resource_id(const SimulationOptions& options) {
  return fmt::format("/SUBSCRIPTIONS/{}/RESOURCEGROUPS/{}/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/{}",
                     options.subscription_id, options.resource_group, options.hub_name);
}

RecordFormatter::RecordFormatter(const SimulationOptions& options)
    : resource_id_(hub_resource_id(options)), location_(options.location) {}

std::string RecordFormatter::connection(std::string_view time_text, ConnectionOperation operation,
                                        const ClientIdentity& client, std::int32_t code,
                                        bool other_spelling) const {
  const ErrorCodeInfo* error = code != 0 ? find_error_code(code) : nullptr;
  const bool is_connect = operation == ConnectionOperation::connect;

  OrderedJson properties = OrderedJson::object();
  properties["deviceId"] = client.device_id;
  if (!client.module_id.empty()) properties["moduleId"] = client.module_id;
  if (is_connect) properties["sdkVersion"] = client.sdk_version;
  properties["protocol"] = client.protocol;
  properties["authType"] =
      client.auth_type.empty() ? OrderedJson(nullptr) : OrderedJson(client.auth_type);
  properties["maskedIpAddress"] = client.masked_ip;
  properties["statusCode"] =
      error != nullptr ? OrderedJson(error->status_code) : OrderedJson(nullptr);
  properties["errorMessage"] = error != nullptr ? error->message : "";

  OrderedJson record = OrderedJson::object();
  record["time"] = time_text;
  record["resourceId"] = resource_id_;
  record["operationName"] = is_connect ? "deviceConnect" : "deviceDisconnect";
  record["category"] = "Connections";
  record["level"] = error != nullptr ? "Error" : "Information";
  if (error != nullptr) {
    record["resultType"] = fmt::format("{}", error->code);
    record["resultDescription"] = other_spelling && !error->other_spelling.empty()
                                      ? error->other_spelling
                                      : error->description;
  }
  record["properties"] = properties.dump();
  record["location"] = location_;
  return record.dump();
}

std::string RecordFormatter::category_record(std::string_view time_text, CategoryRecordKind kind,
                                             const ClientIdentity* device, std::int32_t code,
                                             RandomStream& random) const {
  const CategoryRecordTemplate& shape = template_of(kind);
  const ErrorCodeInfo* error = code != 0 ? find_error_code(code) : nullptr;

  OrderedJson record = OrderedJson::object();
  record["time"] = time_text;
  record["resourceId"] = resource_id_;
  record["operationName"] = shape.operation_name;
  record["category"] = shape.category;
  if (error != nullptr) {
    record["level"] = "Error";
    record["resultType"] = fmt::format("{}", error->code);
    record["resultDescription"] = error->description;
  } else {
    record["level"] = "Information";
    record["durationMs"] = size_text(random, 1, 40);
  }
  record["properties"] = category_properties(kind, time_text, device, error, random).dump();
  record["location"] = location_;
  return record.dump();
}

}  // namespace iothub_diag::simulate
