#include <atomic>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "azure_monitor_reader.hpp"
#include "parallel_csv_split.hpp"
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/input/csv_header.hpp>
#include <iothub_diag/input/csv_row_splitter.hpp>
#include <iothub_diag/input/log_analytics_csv_reader.hpp>
#include <iothub_diag/input/record_builder.hpp>

namespace iothub_diag {
namespace {

// Rows held while no date has shown the day/month order yet. Past this, the
// fallback order is applied so memory stays bounded whatever the file.
constexpr std::size_t kMaxPendingBytes = 16u << 20;
constexpr std::size_t kMaxPendingRows = 100'000;

enum class TimeZoneKind : std::uint8_t { utc, local };

// A row kept until the date order is known: its cells copied into one string.
struct PendingRow {
  std::string text;
  std::vector<std::size_t> ends;  // end offset of each cell in `text`
  std::uint64_t line = 0;
};

std::string format_offset(std::int32_t minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const std::int32_t magnitude = minutes < 0 ? -minutes : minutes;
  return fmt::format("{}{:02}:{:02}", sign, magnitude / 60, magnitude % 60);
}

Message order_words(DateOrder order) {
  return Message{order == DateOrder::day_first ? MessageId::date_order_day_first
                                               : MessageId::date_order_month_first,
                 {}};
}

// What the header says of every row after it. Fixed once the header is taken:
// the threads that read rows ahead read it then.
struct CsvLayout {
  std::vector<std::string> header;  // the header's cells as written
  std::vector<std::string> names;   // header names without their zone suffix
  std::vector<std::optional<RecordColumn>> columns;
  bool activity_table = false;  // AzureActivity: rows are Activity Log events
  std::string time_header;
  TimeZoneKind time_zone = TimeZoneKind::utc;
  std::int32_t header_offset_minutes = 0;

  bool is_header_again(std::span<const std::string_view> cells) const {
    if (cells.size() != header.size()) return false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (cells[i] != header[i]) return false;
    }
    return true;
  }

  // Extra cells are tolerated when empty: some tools end every row with a delimiter.
  bool fits_header(std::span<const std::string_view> cells) const {
    if (cells.size() < columns.size()) return false;
    for (std::size_t i = columns.size(); i < cells.size(); ++i) {
      if (!trim(cells[i]).empty()) return false;
    }
    return true;
  }

  // The time the record takes: the last time column's, as assign_column() keeps
  // the last (`time` and `TimeGenerated` both name it).
  std::string_view time_cell(std::span<const std::string_view> cells) const {
    std::string_view time;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == RecordColumn::time) time = trim(cells[i]);
    }
    return time;
  }
};

class CsvReader {
 public:
  CsvReader(std::string_view name, const ReadOptions& options, RecordSink& sink)
      : name_(name), options_(options), sink_(sink) {}

  // One row, in the stream's order; false when the rest of the stream is not
  // to be read (its header names no column of the logs).
  bool take(const CsvRow& row) {
    const SourceLocation location{name_, row.line, 0};
    if (row.problem) {
      sink_.on_skip(*row.problem, location, row.detail);
      return true;
    }
    if (layout_.columns.empty()) return take_header(row.fields, location);
    if (!holds_record(row.fields, location, sink_)) return true;
    if (order_ == DateOrder::automatic && needs_date_order(row.fields)) {
      hold(row);
      return true;
    }
    emit(row.fields, location);
    return true;
  }

  // The calls a RowReader made for a chunk's rows, in the chunk's turn.
  void take_calls(const RecordedCalls& calls) { calls.replay(sink_); }

  // After the last row: the rows still waiting for a date order, and the note on local times.
  void finish() {
    if (!pending_.empty()) decide_order(fallback_order(), "");
    if (local_time_seen_.load(std::memory_order_relaxed)) note_local_time();
  }

  // Reads rows on a thread that cuts chunks, as take() would in their turn,
  // once the header is taken. The rows whose reading depends on those before
  // them are left to take(): a locale date while its day/month order is not
  // decided, and an AzureActivity row (read by the one Activity Log reader).
  class RowReader final : public CsvRowReader {
   public:
    explicit RowReader(const CsvReader& reader) : reader_(reader) {}

    bool read(const CsvRow& row, RecordSink& calls) override {
      if (!reader_.layout_taken_.load(std::memory_order_acquire)) return false;
      const CsvLayout& layout = reader_.layout_;
      if (layout.activity_table) return false;
      const SourceLocation location{reader_.name_, row.line, 0};
      if (row.problem) {
        calls.on_skip(*row.problem, location, row.detail);
        return true;
      }
      if (!reader_.holds_record(row.fields, location, calls)) return true;
      RecordFields fields;
      reader_.assign_cells(row.fields, fields);
      // The time the record takes (the last time column, when there are
      // several); the order is not read for an ISO-8601 one.
      DateOrder order = DateOrder::month_first;
      if (!fields.time.empty() && !parse_iso8601(fields.time)) {
        order = reader_.decided_order_.load(std::memory_order_acquire);
        if (order == DateOrder::automatic) return false;
      }
      if (!reader_.read_record_time(fields, location, order, calls)) return true;
      builder_.emit(fields, location, calls);
      return true;
    }

   private:
    const CsvReader& reader_;
    RecordBuilder builder_;
  };

 private:
  bool take_header(std::span<const std::string_view> cells, const SourceLocation& location) {
    bool any_known = false;
    CsvLayout& layout = layout_;
    for (const std::string_view cell : cells) {
      const CsvColumnName column = split_zone_suffix(cell);
      layout.header.emplace_back(cell);
      layout.names.emplace_back(column.name);
      layout.activity_table =
          layout.activity_table || AzureMonitorReader::marks_activity_table(column.name);
      auto mapped = record_column_from_name(column.name);
      layout.columns.push_back(mapped);
      any_known = any_known || mapped.has_value();
      if (mapped == RecordColumn::time) {
        layout.time_zone =
            istarts_with(column.zone, "Local") ? TimeZoneKind::local : TimeZoneKind::utc;
        // A fixed zone in the header (`[UTC+01:00]`) needs no option.
        layout.header_offset_minutes = parse_utc_offset(column.zone).value_or(0);
        layout.time_header = std::string(cell);
      }
    }
    if (!any_known) {
      sink_.on_skip(SkipReason::unrecognized_format, location,
                    SkipDetail(MessageId::csv_header_unknown));
      return false;
    }
    layout_taken_.store(true, std::memory_order_release);
    return true;
  }

  // Whether a row after the header holds a record: not when it is the header
  // again (exports joined with `cat`), nor when its cells do not fit the
  // header, which is said on `sink`.
  bool holds_record(std::span<const std::string_view> cells, const SourceLocation& location,
                    RecordSink& sink) const {
    if (layout_.is_header_again(cells)) return false;
    if (layout_.fits_header(cells)) return true;
    const std::string fields = std::to_string(cells.size());
    const std::string columns = std::to_string(layout_.columns.size());
    sink.on_skip(SkipReason::invalid_csv_row, location,
                 SkipDetail(MessageId::csv_field_count, fields, columns));
    return false;
  }

  // True when the row's date is locale text that does not show the order by
  // itself; a row whose date does show it decides the order for the file.
  bool needs_date_order(std::span<const std::string_view> cells) {
    const std::string_view text = layout_.time_cell(cells);
    if (text.empty() || parse_iso8601(text)) return false;
    const auto value = split_locale_date_time(text);
    if (!value || value->year_first) return false;  // a year first reads one way only
    const DateOrder shown = order_shown_by(*value);
    if (shown == DateOrder::automatic) return true;
    decide_order(shown, text);
    return false;
  }

  void hold(const CsvRow& row) {
    PendingRow pending;
    pending.line = row.line;
    for (const std::string_view cell : row.fields) {
      pending.text.append(cell);
      pending.ends.push_back(pending.text.size());
    }
    pending_bytes_ += pending.text.size() + pending.ends.size() * sizeof(std::size_t);
    pending_.push_back(std::move(pending));
    if (pending_bytes_ > kMaxPendingBytes || pending_.size() > kMaxPendingRows) {
      decide_order(fallback_order(), "");
    }
  }

  DateOrder fallback_order() const {
    return options_.date_order == DateOrder::day_first ? DateOrder::day_first
                                                       : DateOrder::month_first;
  }

  // Fixes the order for the rest of the file, says so, and releases held rows.
  void decide_order(DateOrder order, std::string_view evidence) {
    order_ = order;
    decided_order_.store(order, std::memory_order_release);
    if (!evidence.empty()) {
      if (options_.date_order != DateOrder::automatic && options_.date_order != order) {
        sink_.on_note(Message{MessageId::csv_dates_by_values_against_request,
                              {name_, order_words(order), evidence.substr(0, 40),
                               std::string(to_string(options_.date_order))}});
      } else {
        sink_.on_note(Message{MessageId::csv_dates_by_values,
                              {name_, order_words(order), evidence.substr(0, 40)}});
      }
    } else if (options_.date_order == DateOrder::automatic) {
      sink_.on_note(Message{MessageId::csv_dates_undecided, {name_}});
    } else {
      sink_.on_note(Message{MessageId::csv_dates_by_request, {name_, order_words(order)}});
    }
    std::vector<std::string_view> cells;
    while (!pending_.empty()) {
      const PendingRow& pending = pending_.front();
      cells.clear();
      std::size_t start = 0;
      for (const std::size_t end : pending.ends) {
        cells.emplace_back(pending.text.data() + start, end - start);
        start = end;
      }
      emit(cells, SourceLocation{name_, pending.line, 0});
      pending_.pop_front();
    }
    pending_bytes_ = 0;
  }

  // The row's time: ISO-8601, or locale text read in `order`; moved from local
  // time to UTC when needed.
  std::optional<Timestamp> read_time(std::string_view text, DateOrder order) const {
    Timestamp shift = static_cast<Timestamp>(layout_.header_offset_minutes) * kMillisPerMinute;
    if (layout_.time_zone == TimeZoneKind::local) {
      local_time_seen_.store(true, std::memory_order_relaxed);
      shift =
          static_cast<Timestamp>(options_.local_time_offset_minutes.value_or(0)) * kMillisPerMinute;
    }
    if (const auto iso = parse_iso8601(text)) return has_explicit_zone(text) ? *iso : *iso - shift;
    const auto value = split_locale_date_time(text);
    if (!value) return std::nullopt;
    const auto time = to_timestamp(*value, order);
    if (!time) return std::nullopt;
    return *time - shift;
  }

  // The row's cells in `fields`, by the header's columns.
  void assign_cells(std::span<const std::string_view> cells, RecordFields& fields) const {
    for (std::size_t i = 0; i < layout_.columns.size(); ++i) {
      if (layout_.columns[i]) assign_column(fields, *layout_.columns[i], trim(cells[i]));
    }
  }

  // The record's time read in `fields`; false, said on `sink`, when it is not one.
  bool read_record_time(RecordFields& fields, const SourceLocation& location, DateOrder order,
                        RecordSink& sink) const {
    if (fields.time.empty()) return true;
    fields.parsed_time = read_time(fields.time, order);
    if (fields.parsed_time) return true;
    sink.on_skip(SkipReason::invalid_time, location,
                 SkipDetail::as_given(fields.time.substr(0, 64)));
    return false;
  }

  void emit(std::span<const std::string_view> cells, const SourceLocation& location) {
    RecordFields fields;
    assign_cells(cells, fields);
    if (!read_record_time(fields, location,
                          order_ == DateOrder::automatic ? fallback_order() : order_, sink_))
      return;
    if (layout_.activity_table && read_activity_row(cells, fields.parsed_time, location)) return;
    builder_.emit(fields, location, sink_);
  }

  // An AzureActivity row (a `CategoryValue` column), rebuilt as the object
  // `az monitor log-analytics query` prints for it, its time made ISO-8601.
  bool read_activity_row(std::span<const std::string_view> cells, std::optional<Timestamp> time,
                         const SourceLocation& location) {
    nlohmann::json object = nlohmann::json::object();
    for (std::size_t i = 0; i < layout_.names.size() && i < cells.size(); ++i) {
      if (layout_.columns[i] == RecordColumn::time && time)
        object[layout_.names[i]] = format_iso8601(*time);
      else
        object[layout_.names[i]] = to_valid_utf8(trim(cells[i]));
    }
    // A header name is untrusted text too: invalid UTF-8 in it is replaced, not thrown at.
    const std::string text = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    simdjson::dom::element parsed;
    simdjson::dom::object row;
    if (row_parser_.parse(text).get(parsed) != 0 || parsed.get_object().get(row) != 0) return false;
    return azure_.try_read(row, location, sink_);
  }

  void note_local_time() {
    if (options_.local_time_offset_minutes) {
      sink_.on_note(Message{
          MessageId::csv_local_time_offset,
          {name_, layout_.time_header, format_offset(*options_.local_time_offset_minutes)}});
    } else {
      sink_.on_note(Message{MessageId::csv_local_time_no_offset, {name_, layout_.time_header}});
    }
  }

  std::string_view name_;
  const ReadOptions& options_;
  RecordSink& sink_;
  RecordBuilder builder_;
  AzureMonitorReader azure_;
  simdjson::dom::parser row_parser_;
  CsvLayout layout_;
  std::atomic<bool> layout_taken_{false};  // layout_ is set and no longer changes
  // Set by any thread that reads a row's time (RowReader's too), read after the last row.
  mutable std::atomic<bool> local_time_seen_{false};
  DateOrder order_ = DateOrder::automatic;
  // order_ once decided, for the RowReaders: the rows after the one that decided it.
  std::atomic<DateOrder> decided_order_{DateOrder::automatic};
  std::deque<PendingRow> pending_;
  std::size_t pending_bytes_ = 0;
};

}  // namespace

std::uint64_t read_log_analytics_csv(ByteSource& source, std::string_view name, char delimiter,
                                     std::uint64_t first_line, const ReadOptions& options,
                                     RecordSink& sink) {
  CsvReader reader(name, options, sink);
  const CsvSplitSettings settings{delimiter, first_line, options.limits.max_text_bytes};
  const CsvReadAhead ahead{[&reader] { return std::make_unique<CsvReader::RowReader>(reader); },
                           [&reader](const RecordedCalls& calls) { reader.take_calls(calls); }};
  const std::uint64_t last_line = split_csv_rows(
      source, settings, options.parse_threads,
      options.csv_chunk_bytes != 0 ? options.csv_chunk_bytes : kCsvChunkBytes,
      [&reader](const CsvRow& row) { return reader.take(row); }, &ahead);
  reader.finish();
  return last_line;
}

}  // namespace iothub_diag
