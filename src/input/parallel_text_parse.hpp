#pragma once

// Parsing the texts of one JSON document on several threads (private to src/input).

#include <cstdint>
#include <string_view>

#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// Parses the texts `splitter` cuts (a query API answer's rows, a batch's
// records) on `workers` threads of their own and this one, in batches: this
// thread splits and copies each batch's texts, and the calls each batch's
// records gave are made on `sink` in the splitter's order, by whichever thread
// is free (never two at once), so `sink` sees what one JsonRecordParser
// reading every text in turn would give. A batch of table rows starts from the
// table's `columns`, read again without their problems (the batch that holds
// them reports those). Returns the line of the last text.
std::uint64_t parse_texts_in_parallel(JsonTextSplitter& splitter, std::string_view name,
                                      RecordSink& sink, unsigned workers);

}  // namespace iothub_diag
