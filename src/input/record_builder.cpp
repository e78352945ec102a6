#include <algorithm>
#include <string>

#include "dom_members.hpp"
#include "flat_json_object.hpp"
#include <fmt/format.h>
#include <simdjson.h>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/input/record_builder.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

namespace od = simdjson::dom;
using dom_members::string_or_empty;
using dom_members::type_member;

// The device members of a `properties` object of plain members that
// RecordBuilder::takes_in_place(), stored as expand_properties() stores them from
// the DOM. An authType held in a string and read in place (by `source`) keeps its
// members for expand_auth_type().
void assign_flat_properties(std::span<const FlatMember> members, const FlatJsonObject& source,
                            RecordFields& fields) {
  for (const FlatMember& member : members) {
    const auto column = record_column_from_name(member.key);
    if (!column || *column < RecordColumn::device_id) continue;
    if (member.as_written) {  // only authType is (takes_in_place)
      if (*column == RecordColumn::auth_type && fields.auth_type_text.empty()) {
        fields.auth_type_text = member.text;
        fields.auth_type_members = source.embedded(member);
      }
      continue;
    }
    assign_column(fields, *column,
                  member.kind == FlatKind::string ? member.text : std::string_view{});
  }
}

// The `type` member of a flat object, as type_member() finds it in the DOM.
std::string_view flat_type_member(std::span<const FlatMember> members) {
  for (const FlatMember& member : members) {
    if (member.key == "type" && member.kind == FlatKind::string) return member.text;
  }
  return {};
}

}  // namespace

struct RecordBuilder::Impl {
  // Embedded JSON of plain members is read without the DOM; the parsers read the rest.
  FlatJsonObject properties_flat;
  FlatJsonObject auth_flat;
  od::parser properties_parser;
  od::parser auth_parser;
  std::string properties_buffer;
  std::string auth_buffer;
  std::string device_id_buffer;  // a numeric deviceId as text
  std::string number_buffer;     // a numeric resultType that is no code, as text
  std::string masked_ip_buffer;  // a legacy ipAddress, masked
  // The last record's resource id and the hub it names: records come in long
  // runs from one hub, and comparing the id costs less than finding the segment.
  // What a resource id says, kept for the next record, which most often has the same id.
  struct ResourceFacts {
    std::string id;
    std::string hub;         // its IOTHUBS/<name>
    std::string other_type;  // other_resource_type(): not an IoT hub's
  };
  ResourceFacts last_resource;

  const ResourceFacts& resource_facts(std::string_view resource_id) {
    if (resource_id != last_resource.id) {
      last_resource.id.assign(resource_id);
      RecordFields only_id;
      only_id.resource_id = resource_id;
      last_resource.hub.assign(hub_of(only_id));
      last_resource.other_type.assign(other_resource_type(resource_id));
    }
    return last_resource;
  }

  // Parses JSON held in a string (simdjson needs padding after the text).
  static bool parse_embedded(od::parser& parser, std::string& buffer, std::string_view text,
                             od::object& out) {
    buffer.assign(text);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    od::element doc;
    if (parser.parse(buffer.data(), text.size(), false).get(doc) != 0) return false;
    return doc.get_object().get(out) == 0;
  }

  // Reads the device members of `properties` given as JSON inside a string;
  // false when it is not a JSON object.
  bool expand_properties(RecordFields& fields) {
    const std::string_view text = trim(fields.properties_text);
    if (text.empty()) return true;
    if (!fields.properties_members.empty()) {  // read in place by the JSON reader
      assign_flat_properties(fields.properties_members, *fields.properties_source, fields);
      return true;
    }
    if (properties_flat.read(text, EmbeddedObjects::in_place) &&
        takes_in_place(properties_flat.members())) {
      assign_flat_properties(properties_flat.members(), properties_flat, fields);
      return true;
    }
    od::object object;
    if (!parse_embedded(properties_parser, properties_buffer, text, object)) return false;
    for (const auto [key, value] : object) {
      const auto column = record_column_from_name(key);
      if (!column || *column < RecordColumn::device_id) continue;
      if (*column == RecordColumn::auth_type && value.type() == od::element_type::OBJECT) {
        if (fields.auth_type.empty()) fields.auth_type = type_member(value.get_object());
        continue;
      }
      if (std::int64_t number = 0; *column == RecordColumn::device_id && value.is_int64() &&
                                   value.get_int64().get(number) == 0) {
        if (!fields.device_id_number) fields.device_id_number = number;
        continue;
      }
      assign_column(fields, *column, string_or_empty(value));
    }
    return true;
  }

  // authType is JSON inside a string: keep only its `type` (sas, x509Certificate, ...).
  void expand_auth_type(RecordFields& fields) {
    if (!fields.auth_type.empty() || fields.auth_type_text.empty()) return;
    if (!fields.auth_type_members.empty()) {
      fields.auth_type = flat_type_member(fields.auth_type_members);
      return;
    }
    if (auth_flat.read(trim(fields.auth_type_text))) {
      fields.auth_type = flat_type_member(auth_flat.members());
      return;
    }
    od::object object;
    if (parse_embedded(auth_parser, auth_buffer, trim(fields.auth_type_text), object)) {
      fields.auth_type = type_member(object);
    }
  }

  // The record's result code: 0 for none, nullopt when its resultType is not a code.
  static std::optional<std::int32_t> result_code(const RecordFields& fields) {
    if (fields.result_type_invalid) return std::nullopt;
    if (!fields.result_type.empty()) return parse_result_code(fields.result_type);
    if (fields.result_type_number) return result_code_from_number(*fields.result_type_number);
    return 0;
  }

  // The resultType that is no code, as the record gave it (a number written in `number_buffer`).
  SkipDetail result_type_detail(const RecordFields& fields) {
    if (!fields.result_type.empty())
      return SkipDetail(MessageId::result_type_text, fields.result_type.substr(0, 64));
    if (fields.result_type_number) {
      number_buffer = fmt::format("{}", *fields.result_type_number);
      return SkipDetail(MessageId::result_type_number, number_buffer);
    }
    return SkipDetail(MessageId::result_type_neither);
  }

  void emit(RecordFields& fields, const SourceLocation& location, RecordSink& sink) {
    if (fields.device_id.empty() && fields.device_id_number) {
      device_id_buffer = std::to_string(*fields.device_id_number);
      fields.device_id = device_id_buffer;
    }
    const bool looks_like_record = !fields.operation_name.empty() || !fields.category.empty() ||
                                   !fields.event_type.empty() || !fields.device_id.empty();
    if (!looks_like_record) {
      sink.on_skip(SkipReason::not_a_record, location, SkipDetail(MessageId::no_record_members));
      return;
    }
    // An export of a whole workspace or storage account holds other resources' records
    // (Key Vault audits, App Service logs), whose codes and names are no hub's.
    const ResourceFacts* resource =
        fields.resource_id.empty() ? nullptr : &resource_facts(fields.resource_id);
    if (resource != nullptr && !resource->other_type.empty()) {
      sink.on_skip(SkipReason::other_resource, location,
                   SkipDetail(MessageId::other_resource_type,
                              std::string_view(resource->other_type).substr(0, 96)));
      return;
    }
    const std::optional<std::int32_t> code = result_code(fields);
    if (!code) {
      sink.on_skip(SkipReason::invalid_result_code, location, result_type_detail(fields));
      return;
    }
    // Every 404104 read ends as a drop or as a skip counted apart (the report's ledger).
    const auto skip = [&](SkipReason reason, const SkipDetail& detail) {
      sink.on_skip(reason, location, detail);
      if (*code == codes::kDeviceConnectionClosedRemotely) sink.on_skipped_404104(reason);
    };
    std::optional<Timestamp> time = fields.parsed_time;
    if (!time) {
      const std::string_view time_text = fields.time.empty() ? fields.event_time : fields.time;
      if (trim(time_text).empty()) {
        skip(SkipReason::missing_time, {});
        return;
      }
      time = parse_iso8601(trim(time_text));
      if (!time) {
        skip(SkipReason::invalid_time, SkipDetail::as_given(time_text.substr(0, 64)));
        return;
      }
    }
    if (fields.properties_invalid || !expand_properties(fields)) {
      skip(SkipReason::invalid_properties, {});
      return;
    }
    if (fields.device_id.empty() && fields.device_id_number) {
      device_id_buffer = std::to_string(*fields.device_id_number);
      fields.device_id = device_id_buffer;
    }
    expand_auth_type(fields);
    if (fields.masked_ip.empty() && !fields.ip_address.empty())
      fields.masked_ip = mask_address(fields.ip_address, masked_ip_buffer);  // may be empty

    Event event;
    event.time = *time;
    event.category = fields.category;
    event.operation_name = fields.operation_name;
    event.level = level_from_name(fields.level);
    if (fields.operation_name.empty() && istarts_with(fields.event_type, "Microsoft.Devices.")) {
      // Event Grid: a state snapshot with neither level nor code.
      event.operation_name = fields.event_type;
      event.category = "EventGrid";
      event.from_state_snapshot = true;
    }
    event.operation = operation_from_name(event.operation_name);
    event.code = *code;
    // A drop nobody can be named for would be counted among the codes and vanish
    // from the drops: it is a skip instead.
    if (event.code == codes::kDeviceConnectionClosedRemotely &&
        event.operation == Operation::disconnect && trim(fields.device_id).empty()) {
      skip(SkipReason::missing_device_id, {});
      return;
    }
    event.result_description = fields.result_description;
    event.device_id = fields.device_id;
    event.module_id = fields.module_id;
    event.protocol = fields.protocol;
    event.sdk_version = fields.sdk_version;
    event.masked_ip = fields.masked_ip;
    event.auth_type = fields.auth_type;
    event.correlation_id = fields.correlation_id;
    event.location = trim(fields.location);
    event.hub = !trim(fields.hub).empty() || resource == nullptr ? hub_of(fields)
                                                                 : std::string_view(resource->hub);
    sink.on_event(event, location);
  }
};

RecordBuilder::RecordBuilder() : impl_(std::make_unique<Impl>()) {}
RecordBuilder::~RecordBuilder() = default;

bool RecordBuilder::takes_in_place(std::span<const FlatMember> members) {
  return std::none_of(members.begin(), members.end(), [](const FlatMember& member) {
    if (member.kind != FlatKind::number && !member.as_written) return false;
    const auto column = record_column_from_name(member.key);
    return member.as_written ? column != RecordColumn::auth_type
                             : column == RecordColumn::device_id;
  });
}

void RecordBuilder::emit(RecordFields& fields, const SourceLocation& location, RecordSink& sink) {
  impl_->emit(fields, location, sink);
}

}  // namespace iothub_diag
