#include <iothub_diag/input/json_record_parser.hpp>

#include <simdjson.h>

#include <string>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

namespace od = simdjson::dom;

static_assert(kTextPadding >= simdjson::SIMDJSON_PADDING, "splitter padding must satisfy simdjson");

// The members of one record that the event model uses, as views into parser buffers.
struct RecordFields {
  std::string_view time;
  std::string_view event_time;
  std::string_view operation_name;
  std::string_view event_type;
  std::string_view category;
  std::string_view level;
  std::string_view result_type;
  std::int64_t result_type_number = 0;
  std::string_view result_description;
  std::string_view correlation_id;
  std::string_view device_id;
  std::string_view module_id;
  std::string_view protocol;
  std::string_view sdk_version;
  std::string_view masked_ip;
  std::string_view auth_type;
  std::string_view properties_text;  // `properties` when it is JSON inside a string
  bool properties_invalid = false;
  bool is_batch = false;  // a `{"records":[...]}` wrapper, already streamed
};

// A string member as a view, or empty for null and non-string values.
std::string_view string_or_empty(od::element value) {
  if (value.type() == od::element_type::STRING) return value.get_string();
  return {};
}

SkipReason reason_for(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR: return SkipReason::invalid_utf8;
    case simdjson::DEPTH_ERROR: return SkipReason::nesting_too_deep;
    case simdjson::UNCLOSED_STRING:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return SkipReason::truncated_record;
    default: return SkipReason::invalid_json;
  }
}

}  // namespace

struct JsonRecordParser::Impl {
  od::parser parser;
  od::parser properties_parser;
  od::parser auth_parser;
  std::string properties_buffer;
  std::string auth_buffer;

  // Reads the members of a `properties` object (or an Event Grid `data` object).
  void collect_device_fields(od::object object, RecordFields& fields) {
    for (const auto [key, value] : object) {
      if (key == "deviceId") fields.device_id = string_or_empty(value);
      else if (key == "moduleId") fields.module_id = string_or_empty(value);
      else if (key == "protocol") fields.protocol = string_or_empty(value);
      else if (key == "sdkVersion") fields.sdk_version = string_or_empty(value);
      else if (key == "maskedIpAddress") fields.masked_ip = string_or_empty(value);
      else if (key == "authType") fields.auth_type = auth_type_of(value);
    }
  }

  // authType is null, an object, or (usually) yet another JSON document in a string.
  std::string_view auth_type_of(od::element value) {
    const od::element_type type = value.type();
    if (type == od::element_type::OBJECT) return type_member(value.get_object());
    if (type != od::element_type::STRING) return {};
    const std::string_view text = value.get_string();
    auth_buffer.assign(text);
    auth_buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    od::element doc;
    if (auth_parser.parse(auth_buffer.data(), text.size(), false).get(doc) != 0) return {};
    od::object object;
    if (doc.get_object().get(object) != 0) return {};
    return type_member(object);
  }

  static std::string_view type_member(od::object object) {
    std::string_view type;
    for (const auto [key, value] : object) {
      if (key == "type" && value.get_string().get(type) == 0) break;
    }
    return type;
  }

  void collect(od::object object, const SourceLocation& location, RecordSink& sink,
               RecordFields& fields, bool allow_batch) {
    for (const auto [key, value] : object) {
      if (key == "time") fields.time = string_or_empty(value);
      else if (key == "operationName") fields.operation_name = string_or_empty(value);
      else if (key == "category") fields.category = string_or_empty(value);
      else if (key == "level") fields.level = string_or_empty(value);
      else if (key == "resultType") {
        const od::element_type type = value.type();
        if (type == od::element_type::STRING) fields.result_type = value.get_string();
        else if (value.is_int64()) fields.result_type_number = value.get_int64();
      } else if (key == "resultDescription") fields.result_description = string_or_empty(value);
      else if (key == "correlationId") fields.correlation_id = string_or_empty(value);
      else if (key == "properties") {
        const od::element_type type = value.type();
        if (type == od::element_type::STRING) fields.properties_text = value.get_string();
        else if (type == od::element_type::OBJECT) collect_device_fields(value.get_object(), fields);
        else if (type != od::element_type::NULL_VALUE) fields.properties_invalid = true;
      } else if (key == "records" && allow_batch && value.type() == od::element_type::ARRAY) {
        fields.is_batch = true;
        parse_batch(value.get_array(), location, sink);
      } else if (key == "eventType" || key == "type") fields.event_type = string_or_empty(value);
      else if (key == "eventTime") fields.event_time = string_or_empty(value);
      else if (key == "data" && value.type() == od::element_type::OBJECT) {
        collect_device_fields(value.get_object(), fields);
      } else if (key == "deviceId") fields.device_id = string_or_empty(value);  // legacy flat records
      else if (key == "moduleId") fields.module_id = string_or_empty(value);
      else if (key == "protocol") fields.protocol = string_or_empty(value);
      else if (key == "sdkVersion") fields.sdk_version = string_or_empty(value);
      else if (key == "maskedIpAddress") fields.masked_ip = string_or_empty(value);
      else if (key == "authType") fields.auth_type = auth_type_of(value);
    }
  }

  // Parses `properties` given as JSON inside a string; false when it is not a JSON object.
  bool expand_properties(RecordFields& fields) {
    const std::string_view text = trim(fields.properties_text);
    if (text.empty()) return true;
    properties_buffer.assign(text);
    properties_buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    od::element doc;
    if (properties_parser.parse(properties_buffer.data(), text.size(), false).get(doc) != 0) return false;
    od::object object;
    if (doc.get_object().get(object) != 0) return false;
    collect_device_fields(object, fields);
    return true;
  }

  void emit(RecordFields& fields, const SourceLocation& location, RecordSink& sink) {
    const bool looks_like_record = !fields.operation_name.empty() || !fields.category.empty() ||
                                   !fields.event_type.empty() || !fields.device_id.empty();
    if (!looks_like_record) {
      sink.on_skip(SkipReason::not_a_record, location, "no operationName, category or eventType");
      return;
    }
    const std::string_view time_text = fields.time.empty() ? fields.event_time : fields.time;
    if (time_text.empty()) {
      sink.on_skip(SkipReason::missing_time, location, "");
      return;
    }
    const auto time = parse_iso8601(time_text);
    if (!time) {
      sink.on_skip(SkipReason::invalid_time, location, time_text);
      return;
    }
    if (fields.properties_invalid || !expand_properties(fields)) {
      sink.on_skip(SkipReason::invalid_properties, location, "");
      return;
    }

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
    event.code = fields.result_type.empty()
                     ? static_cast<std::int32_t>(fields.result_type_number)
                     : parse_result_code(fields.result_type);
    event.result_description = fields.result_description;
    event.device_id = fields.device_id;
    event.module_id = fields.module_id;
    event.protocol = fields.protocol;
    event.sdk_version = fields.sdk_version;
    event.masked_ip = fields.masked_ip;
    event.auth_type = fields.auth_type;
    event.correlation_id = fields.correlation_id;
    sink.on_event(event, location);
  }

  void parse_batch(od::array array, const SourceLocation& batch_location, RecordSink& sink) {
    SourceLocation location = batch_location;
    for (const od::element value : array) {
      ++location.index;
      if (value.type() != od::element_type::OBJECT) {
        sink.on_skip(SkipReason::not_a_record, location, "a batch element that is not an object");
        continue;
      }
      RecordFields fields;
      collect(value.get_object(), location, sink, fields, /*allow_batch=*/false);
      emit(fields, location, sink);
    }
  }

  void parse(const JsonText& text, std::string_view source, RecordSink& sink) {
    const SourceLocation location{source, text.line, text.index};
    if (text.problem) {
      sink.on_skip(*text.problem, location, "");
      return;
    }
    try {
      // Parsed whole before any record is emitted: a broken text yields no event.
      const od::element doc = parser.parse(text.text.data(), text.text.size(), false);
      switch (doc.type()) {
        case od::element_type::OBJECT: {
          RecordFields fields;
          collect(doc.get_object(), location, sink, fields, /*allow_batch=*/true);
          if (!fields.is_batch) emit(fields, location, sink);
          break;
        }
        case od::element_type::ARRAY:
          parse_batch(doc.get_array(), location, sink);
          break;
        default:
          sink.on_skip(SkipReason::not_a_record, location, "not a JSON object");
          break;
      }
    } catch (const simdjson::simdjson_error& error) {
      sink.on_skip(reason_for(error.error()), location, simdjson::error_message(error.error()));
    }
  }
};

JsonRecordParser::JsonRecordParser() : impl_(std::make_unique<Impl>()) {}
JsonRecordParser::~JsonRecordParser() = default;

void JsonRecordParser::parse(const JsonText& text, std::string_view source, RecordSink& sink) {
  impl_->parse(text, source, sink);
}

}  // namespace iothub_diag
