#pragma once

#include <memory>
#include <string_view>

#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// Turns one JSON text into events: an Azure Monitor resource log record
// (`properties` as an object or as JSON inside a string), a legacy operations
// monitoring record (device fields at top level), an Event Grid event (Event
// Grid or CloudEvents schema), a batch of any of these (`{"records":[...]}`,
// an array), or Log Analytics query-API tables, whole or as the pieces the
// splitter streams (a table's columns, then each row, mapped by those columns).
// Anything else becomes a skip with its reason. Reusable: keep one per stream
// and thread, since it owns simdjson's buffers and the current table's columns.
class JsonRecordParser {
 public:
  JsonRecordParser();
  ~JsonRecordParser();
  JsonRecordParser(const JsonRecordParser&) = delete;
  JsonRecordParser& operator=(const JsonRecordParser&) = delete;

  void parse(const JsonText& text, std::string_view source, RecordSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace iothub_diag
