#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "azure_monitor_reader.hpp"
#include "dom_members.hpp"
#include "flat_json_object.hpp"
#include "json_error_detail.hpp"
#include <simdjson.h>

#include <iothub_diag/input/json_record_parser.hpp>
#include <iothub_diag/input/record_builder.hpp>

namespace iothub_diag {
namespace {

namespace od = simdjson::dom;
using dom_members::string_or_empty;
using dom_members::type_member;

static_assert(kTextPadding >= simdjson::SIMDJSON_PADDING, "splitter padding must satisfy simdjson");

SkipReason reason_for(simdjson::error_code code) {
  switch (code) {
    case simdjson::UTF8_ERROR:
      return SkipReason::invalid_utf8;
    case simdjson::DEPTH_ERROR:
      return SkipReason::nesting_too_deep;
    case simdjson::UNCLOSED_STRING:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      return SkipReason::truncated_record;
    default:
      return SkipReason::invalid_json;
  }
}

// Stores one named value (a record member or a Log Analytics cell) in `fields`.
void assign_value(RecordFields& fields, RecordColumn column, od::element value) {
  const od::element_type type = value.type();
  switch (column) {
    case RecordColumn::result_type:
      if (type == od::element_type::STRING)
        fields.result_type = value.get_string();
      else if (double number = 0; value.get_double().get(number) == 0)
        fields.result_type_number = number;
      else if (type != od::element_type::NULL_VALUE)
        fields.result_type_invalid = true;
      return;
    case RecordColumn::properties:
      if (type == od::element_type::STRING)
        fields.properties_text = value.get_string();
      else if (type != od::element_type::OBJECT && type != od::element_type::NULL_VALUE) {
        fields.properties_invalid = true;
      }
      return;  // objects are read by the caller, which can recurse
    case RecordColumn::device_id:
      if (std::int64_t number = 0; value.is_int64() && value.get_int64().get(number) == 0) {
        if (!fields.device_id_number) fields.device_id_number = number;
        return;
      }
      break;
    case RecordColumn::auth_type:
      if (type == od::element_type::OBJECT) {
        if (fields.auth_type.empty()) fields.auth_type = type_member(value.get_object());
        return;
      }
      break;
    default:
      break;
  }
  assign_column(fields, column, string_or_empty(value));
}

// Event Hubs Capture, as `avro-tools tojson` writes it: each message an object
// with `SequenceNumber`, `EnqueuedTimeUtc`, ... and its `Body`, the message's
// bytes as a JSON string (`{"records":[...]}`).
constexpr std::string_view kCaptureBody = "Body";

// The bytes a capture's `Body` string stands for. Avro's JSON encoding writes
// each byte as the code point of the same value (U+0000 to U+00FF), so UTF-8
// text arrives as two code points per non-ASCII byte: taken back to bytes when
// that gives UTF-8, else (a tool that wrote the text itself) kept as it is.
std::string_view capture_body_bytes(std::string_view text, std::string& out) {
  if (std::none_of(text.begin(), text.end(),
                   [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    return text;
  out.clear();
  for (std::size_t at = 0; at < text.size(); ++at) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {
      out += static_cast<char>(byte);
      continue;
    }
    // U+0080 to U+00FF are 0xC2 or 0xC3 and one continuation byte; anything else
    // is no byte.
    if ((byte != 0xC2 && byte != 0xC3) || at + 1 == text.size()) return text;
    out +=
        static_cast<char>(((byte & 0x1F) << 6) | (static_cast<unsigned char>(text[++at]) & 0x3F));
  }
  return simdjson::validate_utf8(out.data(), out.size()) ? std::string_view(out) : text;
}

// A member's text when it is a string, else empty (as string_or_empty() reads the DOM).
std::string_view flat_string(FlatJsonObject& flat, std::size_t index) {
  return flat.members()[index].kind == FlatKind::string ? flat.text_of(index) : std::string_view{};
}

// What assign_member() makes of members()[index] of a FlatJsonObject, a plain
// value. False when it needs the DOM: a number where a code or a device id goes.
bool assign_flat(FlatJsonObject& flat, std::size_t index, RecordColumn column,
                 RecordFields& fields) {
  const FlatMember& member = flat.members()[index];
  const auto text = [&] { return flat_string(flat, index); };
  switch (column) {
    case RecordColumn::result_type:
      if (member.kind == FlatKind::number) return false;
      if (member.kind == FlatKind::string)
        fields.result_type = text();
      else if (member.kind != FlatKind::null)
        fields.result_type_invalid = true;
      return true;
    case RecordColumn::properties:
      if (member.kind == FlatKind::string) {
        const std::span<const FlatMember> embedded = flat.embedded(member);
        if (!embedded.empty() && RecordBuilder::takes_in_place(embedded)) {
          fields.properties_text = member.text;
          fields.properties_members = embedded;
          fields.properties_source = &flat;
        } else {
          fields.properties_text = text();
          fields.properties_members = {};
        }
      } else if (member.kind != FlatKind::null) {
        fields.properties_invalid = true;
      }
      return true;
    case RecordColumn::device_id:
      if (member.kind == FlatKind::number) return false;
      break;
    default:
      break;
  }
  assign_column(fields, column, text());
  return true;
}

// What collect() and AzureMonitorReader::try_read() make of an object of plain
// members. False when a member needs the DOM (assign_flat), or marks an Activity
// Log event.
bool collect_flat(FlatJsonObject& flat, RecordFields& fields) {
  const std::span<const FlatMember> members = flat.members();
  for (std::size_t index = 0; index < members.size(); ++index) {
    const std::string_view key = members[index].key;
    // A column first: nearly every member is one, and no column's name is one
    // of the names below in any case.
    if (const auto column = record_column_from_name(key)) {
      if (!assign_flat(flat, index, *column, fields)) return false;
      continue;
    }
    if (AzureMonitorReader::marks_activity_event(key) || key == kCaptureBody) return false;
    if (key == "eventType" || key == "type") {
      fields.event_type = flat_string(flat, index);
    } else if (key == "eventTime") {
      fields.event_time = flat_string(flat, index);
    }
  }
  return true;
}

}  // namespace

struct JsonRecordParser::Impl {
  // The columns of the table being streamed, from its `columns` text.
  struct StreamedColumns {
    std::uint64_t table = 0;  // the table they belong to; 0 before any
    bool readable = false;    // false when its `columns` text was broken
    bool activity = false;    // a `CategoryValue` column: AzureMonitorReader reads the rows
    std::vector<std::optional<RecordColumn>> columns;
    std::vector<std::string> names;  // as the table spells them
  };

  od::parser parser;
  od::parser body_parser;    // an Event Hubs Capture body, parsed while its message is
  std::string body_decoded;  // the body's bytes, when they differ from its text
  std::string body_bytes;    // the body, as bytes, padded for body_parser
  bool in_body = false;      // a body's records hold no body of their own
  FlatJsonObject flat;       // the fast path for records of plain members
  RecordBuilder builder;
  AzureMonitorReader azure;  // the metric and Activity Log events, beside the logs
  StreamedColumns streamed;

  // Reads the device members of a `properties` object or an Event Grid `data` object.
  static void collect_device_fields(od::object object, RecordFields& fields) {
    for (const auto [key, value] : object) {
      const auto column = record_column_from_name(key);
      if (column && *column >= RecordColumn::device_id) assign_value(fields, *column, value);
    }
  }

  // A member or cell: `properties` as an object gives its device members, anything else is text.
  static void assign_member(RecordFields& fields, RecordColumn column, od::element value) {
    if (column == RecordColumn::properties && value.type() == od::element_type::OBJECT)
      collect_device_fields(value.get_object(), fields);
    else
      assign_value(fields, column, value);
  }

  void collect(od::object object, const SourceLocation& location, RecordSink& sink,
               RecordFields& fields, bool allow_batch) {
    for (const auto [key, value] : object) {
      if (allow_batch && value.type() == od::element_type::ARRAY) {
        if (key == "records") {
          fields.is_batch = true;
          parse_batch(value.get_array(), location, sink);
          continue;
        }
        if (key == "tables") {
          fields.is_batch = true;
          parse_tables(value.get_array(), location, sink);
          continue;
        }
      }
      if (allow_batch && !in_body && key == kCaptureBody &&
          value.type() == od::element_type::STRING) {
        fields.is_batch = true;
        parse_capture_body(value.get_string(), location, sink);
        continue;
      }
      if (key == "eventType" || key == "type") {
        fields.event_type = string_or_empty(value);
      } else if (key == "eventTime") {
        fields.event_time = string_or_empty(value);
      } else if (key == "data" && value.type() == od::element_type::OBJECT) {
        collect_device_fields(value.get_object(), fields);
      } else if (const auto column = record_column_from_name(key)) {
        // Resource log members, legacy flat members, and CLI row objects
        // (`TimeGenerated`, `OperationName`, `properties_s`, ...).
        assign_member(fields, *column, value);
      }
    }
  }

  // A message of an Event Hubs Capture: its body is parsed and read as any text
  // (a `records` batch, most often), its records numbered within the message.
  void parse_capture_body(std::string_view text, const SourceLocation& location, RecordSink& sink) {
    const std::string_view bytes = capture_body_bytes(text, body_decoded);
    body_bytes.assign(bytes);
    body_bytes.append(simdjson::SIMDJSON_PADDING, ' ');
    od::element doc;
    if (const auto error = body_parser.parse(body_bytes.data(), bytes.size(), false).get(doc);
        error != simdjson::SUCCESS) {
      sink.on_skip(reason_for(error), location, json_error_detail(error));
      return;
    }
    struct InBody {
      bool& flag;
      explicit InBody(bool& f) : flag(f) { flag = true; }
      InBody(const InBody&) = delete;
      InBody& operator=(const InBody&) = delete;
      ~InBody() { flag = false; }  // also when a record throws
    } inside(in_body);
    // Its records are numbered from 1 within the message, at the message's line.
    parse_value(doc, SourceLocation{location.source, location.line, 0}, sink);
  }

  void parse_batch(od::array array, const SourceLocation& batch_location, RecordSink& sink) {
    SourceLocation location = batch_location;
    for (const od::element value : array) {
      ++location.index;
      if (value.type() != od::element_type::OBJECT) {
        sink.on_skip(SkipReason::not_a_record, location,
                     SkipDetail(MessageId::batch_element_not_object));
        continue;
      }
      if (azure.try_read(value.get_object(), location, sink)) continue;
      RecordFields fields;
      collect(value.get_object(), location, sink, fields, /*allow_batch=*/false);
      builder.emit(fields, location, sink);
    }
  }

  // Log Analytics query API: `{"tables":[{"columns":[{"name":..}],"rows":[[..]]}]}`.
  // Cells are mapped by column name, so any projection of AzureDiagnostics works.
  // Here the document is parsed whole (the splitter streams only a leading `tables` member);
  // rows are numbered per table, as when streamed.
  void parse_tables(od::array tables, const SourceLocation& location, RecordSink& sink) {
    for (const od::element table : tables)
      parse_table(table, location, sink);
  }

  // One table read whole.
  void parse_table(od::element table, const SourceLocation& table_location, RecordSink& sink) {
    od::object table_object;
    if (table.get_object().get(table_object) != 0) {
      sink.on_skip(SkipReason::not_a_record, table_location,
                   SkipDetail(MessageId::table_not_object));
      return;
    }
    std::vector<std::optional<RecordColumn>> table_columns;
    std::vector<std::string> names;
    od::element column_list;
    if (table_object["columns"].get(column_list) == 0)
      read_columns(column_list, table_columns, names);
    od::array rows;
    if (table_object["rows"].get_array().get(rows) != 0) return;
    SourceLocation location = table_location;
    for (const od::element row : rows) {
      ++location.index;
      emit_row(row, table_columns, names, location, sink);
    }
  }

  // The record column behind each entry of a table's `columns`: `{"name":..,"type":..}` or a
  // plain name. Anything but an array gives no columns.
  static void read_columns(od::element column_list, std::vector<std::optional<RecordColumn>>& out,
                           std::vector<std::string>& names) {
    out.clear();
    names.clear();
    od::array list;
    if (column_list.get_array().get(list) != 0) return;
    for (const od::element column : list) {
      std::string_view name;
      if (column.type() == od::element_type::OBJECT) {
        od::element member;
        if (column["name"].get(member) == 0) name = string_or_empty(member);
      } else {
        name = string_or_empty(column);
      }
      out.push_back(record_column_from_name(name));
      names.emplace_back(name);
    }
  }

  void emit_row(od::element row, const std::vector<std::optional<RecordColumn>>& row_columns,
                const std::vector<std::string>& names, const SourceLocation& location,
                RecordSink& sink) {
    od::array cells;
    if (row.get_array().get(cells) != 0) {
      sink.on_skip(SkipReason::not_a_record, location, SkipDetail(MessageId::table_row_not_array));
      return;
    }
    if (azure.try_read_row(names, cells, location, sink)) return;
    RecordFields fields;
    std::size_t position = 0;
    for (const od::element cell : cells) {
      if (position < row_columns.size() && row_columns[position])
        assign_member(fields, *row_columns[position], cell);
      ++position;
    }
    if (position != row_columns.size()) {
      sink.on_skip(SkipReason::not_a_record, location, SkipDetail(MessageId::table_row_length));
      return;
    }
    builder.emit(fields, location, sink);
  }

  // A streamed row of plain cells, read by `flat`, as emit_row() reads it; false when a
  // cell needs the DOM.
  bool emit_flat_row(const SourceLocation& location, RecordSink& sink) {
    const std::size_t cells = flat.members().size();
    RecordFields fields;
    for (std::size_t position = 0; position < std::min(cells, streamed.columns.size());
         ++position) {
      const std::optional<RecordColumn> column = streamed.columns[position];
      if (column && !assign_flat(flat, position, *column, fields)) return false;
    }
    if (cells != streamed.columns.size())
      sink.on_skip(SkipReason::not_a_record, location, SkipDetail(MessageId::table_row_length));
    else
      builder.emit(fields, location, sink);
    return true;
  }

  // Why a row of a streamed table cannot be mapped, if it cannot: its table's `columns`
  // did not come before it, or were broken.
  std::optional<MessageId> unmapped_row(const JsonText& row) const {
    if (streamed.table != row.table) return MessageId::table_row_before_columns;
    if (!streamed.readable) return MessageId::table_row_columns_broken;
    return std::nullopt;
  }

  void parse_value(od::element doc, const SourceLocation& location, RecordSink& sink) {
    switch (doc.type()) {
      case od::element_type::OBJECT: {
        if (azure.try_read(doc.get_object(), location, sink)) break;
        RecordFields fields;
        collect(doc.get_object(), location, sink, fields, /*allow_batch=*/true);
        if (!fields.is_batch) builder.emit(fields, location, sink);
        break;
      }
      case od::element_type::ARRAY:
        parse_batch(doc.get_array(), location, sink);
        break;
      default:
        sink.on_skip(SkipReason::not_a_record, location, SkipDetail(MessageId::not_json_object));
        break;
    }
  }

  void parse(const JsonText& text, std::string_view source, RecordSink& sink) {
    const SourceLocation location{source, text.line, text.index};
    if (text.kind == JsonTextKind::table_columns) {
      // Until they are read, the table's rows cannot be mapped.
      streamed.table = text.table;
      streamed.readable = false;
      streamed.columns.clear();
    }
    if (text.problem) {
      sink.on_skip(*text.problem, location,
                   text.kind == JsonTextKind::table_columns ? SkipDetail(MessageId::table_columns)
                                                            : text.detail);
      return;
    }
    if (text.kind == JsonTextKind::table_row) {
      if (const auto why = unmapped_row(text)) {
        sink.on_skip(SkipReason::not_a_record, location, SkipDetail(*why));
        return;
      }
    }
    // Records and rows of plain values are read without the DOM.
    if (text.kind == JsonTextKind::value && flat.read(text.text, EmbeddedObjects::in_place)) {
      RecordFields fields;
      if (collect_flat(flat, fields)) {
        builder.emit(fields, location, sink);
        return;
      }
    }
    if (text.kind == JsonTextKind::table_row && !streamed.activity &&
        flat.read_array(text.text, EmbeddedObjects::in_place) && emit_flat_row(location, sink))
      return;
    try {
      // Parsed whole before any record is emitted: a broken text yields no event.
      const od::element doc = parser.parse(text.text.data(), text.text.size(), false);
      switch (text.kind) {
        case JsonTextKind::value:
          parse_value(doc, location, sink);
          break;
        case JsonTextKind::table:
          parse_table(doc, location, sink);
          break;
        case JsonTextKind::table_columns:
          read_columns(doc, streamed.columns, streamed.names);
          streamed.readable = true;
          streamed.activity = std::any_of(streamed.names.begin(), streamed.names.end(),
                                          [](const std::string& name) {
                                            return AzureMonitorReader::marks_activity_table(name);
                                          });
          break;
        case JsonTextKind::table_row:
          emit_row(doc, streamed.columns, streamed.names, location, sink);
          break;
      }
    } catch (const simdjson::simdjson_error& error) {
      sink.on_skip(reason_for(error.error()), location,
                   text.kind == JsonTextKind::table_columns ? SkipDetail(MessageId::table_columns)
                                                            : json_error_detail(error.error()));
    }
  }
};

JsonRecordParser::JsonRecordParser() : impl_(std::make_unique<Impl>()) {}
JsonRecordParser::~JsonRecordParser() = default;

void JsonRecordParser::parse(const JsonText& text, std::string_view source, RecordSink& sink) {
  impl_->parse(text, source, sink);
}

}  // namespace iothub_diag
