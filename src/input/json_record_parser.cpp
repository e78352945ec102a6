#include <string>
#include <vector>

#include "dom_members.hpp"
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
      else if (value.is_int64())
        fields.result_type_number = value.get_int64();
      return;
    case RecordColumn::properties:
      if (type == od::element_type::STRING)
        fields.properties_text = value.get_string();
      else if (type != od::element_type::OBJECT && type != od::element_type::NULL_VALUE) {
        fields.properties_invalid = true;
      }
      return;  // objects are read by the caller, which can recurse
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

}  // namespace

struct JsonRecordParser::Impl {
  od::parser parser;
  RecordBuilder builder;

  // Reads the device members of a `properties` object or an Event Grid `data` object.
  static void collect_device_fields(od::object object, RecordFields& fields) {
    for (const auto [key, value] : object) {
      const auto column = record_column_from_name(key);
      if (column && *column >= RecordColumn::device_id) assign_value(fields, *column, value);
    }
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
      if (key == "eventType" || key == "type") {
        fields.event_type = string_or_empty(value);
      } else if (key == "eventTime") {
        fields.event_time = string_or_empty(value);
      } else if (key == "data" && value.type() == od::element_type::OBJECT) {
        collect_device_fields(value.get_object(), fields);
      } else if (const auto column = record_column_from_name(key)) {
        // Resource log members, legacy flat members, and CLI row objects
        // (`TimeGenerated`, `OperationName`, `properties_s`, ...).
        if (*column == RecordColumn::properties && value.type() == od::element_type::OBJECT) {
          collect_device_fields(value.get_object(), fields);
        } else {
          assign_value(fields, *column, value);
        }
      }
    }
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
      builder.emit(fields, location, sink);
    }
  }

  // Log Analytics query API: `{"tables":[{"columns":[{"name":..}],"rows":[[..]]}]}`.
  // Cells are mapped by column name, so any projection of AzureDiagnostics works.
  void parse_tables(od::array tables, const SourceLocation& batch_location, RecordSink& sink) {
    SourceLocation location = batch_location;
    std::vector<std::optional<RecordColumn>> columns;
    for (const od::element table : tables) {
      od::object table_object;
      if (table.get_object().get(table_object) != 0) continue;
      columns.clear();
      od::array column_list;
      if (table_object["columns"].get_array().get(column_list) == 0) {
        for (const od::element column : column_list) {
          std::string_view name;
          if (column.type() == od::element_type::OBJECT) {
            od::element member;
            if (column["name"].get(member) == 0) name = string_or_empty(member);
          } else {
            name = string_or_empty(column);
          }
          columns.push_back(record_column_from_name(name));
        }
      }
      od::array rows;
      if (table_object["rows"].get_array().get(rows) != 0) continue;
      for (const od::element row : rows) {
        ++location.index;
        od::array cells;
        if (row.get_array().get(cells) != 0) {
          sink.on_skip(SkipReason::not_a_record, location, "a table row that is not an array");
          continue;
        }
        RecordFields fields;
        std::size_t position = 0;
        for (const od::element cell : cells) {
          if (position < columns.size() && columns[position]) {
            if (*columns[position] == RecordColumn::properties &&
                cell.type() == od::element_type::OBJECT) {
              collect_device_fields(cell.get_object(), fields);
            } else {
              assign_value(fields, *columns[position], cell);
            }
          }
          ++position;
        }
        if (position != columns.size()) {
          sink.on_skip(SkipReason::not_a_record, location,
                       "a table row whose length differs from its columns");
          continue;
        }
        builder.emit(fields, location, sink);
      }
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
          if (!fields.is_batch) builder.emit(fields, location, sink);
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
