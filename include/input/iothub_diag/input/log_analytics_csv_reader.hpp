#pragma once

#include <cstdint>
#include <string_view>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/read_options.hpp>
#include <iothub_diag/model/record_sink.hpp>

namespace iothub_diag {

// Reads a Log Analytics `AzureDiagnostics` export saved as CSV from the
// portal (all or displayed columns): columns are found by name, `properties_s`
// is decoded like `properties`, dates may be ISO or locale text. The day/month
// order of locale dates is decided from the file's own values when one shows
// it (rows wait, in bounded memory, until one does), else from `options`;
// the choice is stated through RecordSink::on_note. Returns the line of the last row.
// `first_line` numbers the stream's first line (blank lines before it were skipped).
std::uint64_t read_log_analytics_csv(ByteSource& source, std::string_view name, char delimiter,
                                     std::uint64_t first_line, const ReadOptions& options,
                                     RecordSink& sink);

}  // namespace iothub_diag
