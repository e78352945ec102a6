#pragma once

#include <memory>
#include <string_view>

#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/input/record_sink.hpp>

namespace iothub_diag {

// Turns one JSON text into events: an Azure Monitor resource log record
// (`properties` as an object or as JSON inside a string), a legacy operations
// monitoring record (device fields at top level), an Event Grid event (Event
// Grid or CloudEvents schema), or a batch of any of these (`{"records":[...]}`,
// an array). Anything else becomes a skip with its reason. Reusable: keep one
// per thread, since it owns simdjson's buffers.
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
