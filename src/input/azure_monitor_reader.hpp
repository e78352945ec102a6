#pragma once

// Azure's own evidence beside the resource logs (private to src/input): the
// connected-devices metric (`az monitor metrics list`, the REST API) and
// Activity Log events (`az monitor activity-log list`, storage records,
// AzureActivity rows), recognised by content.

#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

class AzureMonitorReader {
 public:
  // Reads `object` when it is a metric response or an Activity Log event and
  // returns true; false leaves it to the resource-log reader. Everything it
  // cannot use is a skip at `location`.
  bool try_read(simdjson::dom::object object, const SourceLocation& location, RecordSink& sink);
  // The same for a row of a Log Analytics table (query API) with these column
  // names: an AzureActivity row (a `CategoryValue` column) is read as an event.
  bool try_read_row(const std::vector<std::string>& names, simdjson::dom::array cells,
                    const SourceLocation& location, RecordSink& sink);

  // Whether a member of an object makes it an Activity Log event, whatever its
  // value: `eventTimestamp` (az CLI) or `CategoryValue` (an AzureActivity row).
  static bool marks_activity_event(std::string_view member);
  // Whether a table column makes its rows Activity Log events (`CategoryValue`).
  static bool marks_activity_table(std::string_view column);

 private:
  void read_metric_response(simdjson::dom::object object, const SourceLocation& location,
                            RecordSink& sink);
  void read_activity_event(simdjson::dom::object object, const SourceLocation& location,
                           RecordSink& sink);
  // A page of Activity Log events, `{"value": [events], ...}`; false, reading
  // nothing, when `value` holds no event first.
  bool read_activity_page(simdjson::dom::object object, const SourceLocation& location,
                          RecordSink& sink);

  simdjson::dom::parser inner_;  // for members that hold JSON in a string
  simdjson::dom::parser row_;    // for a table row rebuilt as an object
};

}  // namespace iothub_diag
