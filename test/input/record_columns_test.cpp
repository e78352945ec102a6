// Member and column names to record fields (`record_column_from_name`): every known spelling,
// in any case, and nothing that differs from one by a single byte.
#include <string>

#include <catch2/catch.hpp>

#include <iothub_diag/input/record_fields.hpp>

namespace iothub_diag {

TEST_CASE("every spelling of a record column is found, in any case", "[input]") {
  const std::pair<std::string_view, RecordColumn> spellings[] = {
      {"time", RecordColumn::time},
      {"TimeGenerated", RecordColumn::time},
      {"resultType", RecordColumn::result_type},
      {"ResultDescription", RecordColumn::result_description},
      {"deviceId", RecordColumn::device_id},
      {"deviceId_s", RecordColumn::device_id},
      {"maskedIpAddress_s", RecordColumn::masked_ip},
      {"properties_s", RecordColumn::properties},
      {"_ResourceId", RecordColumn::resource_id},
      {"hubName", RecordColumn::hub},
      {"SDKVersion", RecordColumn::sdk_version},
      {"location", RecordColumn::location},
      {"statusType", RecordColumn::result_type},
      {"statusDescription", RecordColumn::result_description},
      {"ipAddress", RecordColumn::ip_address},
  };
  for (const auto& [name, column] : spellings) {
    CAPTURE(name);
    CHECK(record_column_from_name(name) == column);
    std::string upper(name);
    for (char& c : upper)
      c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    CHECK(record_column_from_name(upper) == column);
  }
}

TEST_CASE("a name one byte away from a column's is no column", "[input]") {
  // Names of 4 to 17 bytes: a change at the first, a middle or the last byte must be seen.
  for (const std::string_view name :
       {"time", "level", "topic", "source", "hubName", "category", "deviceId", "protocol",
        "properties", "resultType", "maskedIpAddress_s", "ResultDescription", "OperationName"}) {
    for (const std::size_t at : {std::size_t{0}, name.size() / 2, name.size() - 1}) {
      std::string changed(name);
      changed[at] = changed[at] == '#' ? '$' : '#';
      CAPTURE(changed);
      CHECK_FALSE(record_column_from_name(changed).has_value());
    }
    CHECK_FALSE(record_column_from_name(std::string(name) + "x").has_value());
    CHECK_FALSE(record_column_from_name(name.substr(0, name.size() - 1)).has_value());
  }
  CHECK_FALSE(record_column_from_name("").has_value());
  CHECK_FALSE(record_column_from_name("x").has_value());
}

TEST_CASE("a name is found by its letters' case alone, never by other bytes that fold alike",
          "[input]") {
  // The table's slot comes from bytes with the 0x20 bit set: letters of either case
  // land on their name's slot, and so does a DEL where the name has `_`, which
  // must still be no column.
  CHECK(record_column_from_name("dEvIcEiD_S") == RecordColumn::device_id);
  CHECK(record_column_from_name("tIMEgENERATED") == RecordColumn::time);
  CHECK(record_column_from_name("PROPERTIES_s") == RecordColumn::properties);
  CHECK_FALSE(record_column_from_name("deviceId\x7fs").has_value());
  CHECK_FALSE(record_column_from_name("\x7fResourceId").has_value());
  CHECK_FALSE(record_column_from_name("properties\x7fs").has_value());
  CHECK_FALSE(record_column_from_name("time\x7f").has_value());
  // Shorter than any name, longer than any: no slot is read.
  CHECK_FALSE(record_column_from_name("tim").has_value());
  CHECK_FALSE(record_column_from_name("maskedIpAddress_s_and_more").has_value());
}

TEST_CASE("Event Grid's and the Activity Log's own member names are no column", "[input]") {
  // The JSON reader reads these members apart from the columns, after asking
  // for a column: none may map to one, in any case.
  for (const std::string_view name :
       {"eventType", "type", "eventTime", "data", "records", "tables", "eventTimestamp",
        "CategoryValue", "EventType", "TYPE", "EVENTTIME", "EventTimestamp", "categoryvalue"})
    CHECK_FALSE(record_column_from_name(name).has_value());
}

TEST_CASE("a resource log's other members are no column, in any case", "[input]") {
  for (const std::string_view name : {"durationMs", "statusCode", "errorMessage", "messageSize",
                                      "STATUSCODE", "callerLocalTimeUtc"})
    CHECK_FALSE(record_column_from_name(name).has_value());
}

}  // namespace iothub_diag
