#include <algorithm>

#include "cut_check.hpp"
#include "parallel_text_parse.hpp"

#include <iothub_diag/input/csv_header.hpp>
#include <iothub_diag/input/gzip_source.hpp>
#include <iothub_diag/input/json_record_parser.hpp>
#include <iothub_diag/input/log_analytics_csv_reader.hpp>
#include <iothub_diag/input/query_api_error.hpp>
#include <iothub_diag/input/stream_reader.hpp>

namespace iothub_diag {
namespace {

// Reports a gzip or I/O failure that ended the stream early.
void report_stream_error(const ByteSource& source, std::string_view name, std::uint64_t line,
                         RecordSink& sink) {
  if (const std::optional<StreamError> error = source.error())
    sink.on_skip(error->reason, SourceLocation{name, line, 0}, error->detail());
}

// Reads up to `bytes` more from the stream.
std::string read_bytes(ByteSource& source, std::size_t bytes) {
  std::string head(bytes, '\0');
  std::size_t have = 0;
  while (have < bytes) {
    const std::size_t count = source.read(std::span<char>(head.data() + have, bytes - have));
    if (count == 0) break;
    have += count;
  }
  head.resize(have);
  return head;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The bytes shape detection looks at, from the first one that is not
// whitespace, and the line they start on.
struct Head {
  std::string bytes;       // up to kDetectionBytes; empty when the stream holds only whitespace
  std::uint64_t line = 1;  // 1 plus the newlines skipped before `bytes`
};

// Reads the detection sample past any blank lines and the UTF-8 BOM: blank
// lines before the first record are skipped however many there are (only
// their count is kept, so memory stays bounded and lines keep their numbers),
// and the sample then holds 64 KiB of content.
Head read_head(ByteSource& source) {
  Head head;
  head.bytes = read_bytes(source, kDetectionBytes);
  if (std::string_view(head.bytes).starts_with("\xEF\xBB\xBF")) head.bytes.erase(0, 3);
  for (;;) {
    const auto content = std::find_if_not(head.bytes.begin(), head.bytes.end(), is_blank);
    head.line += static_cast<std::uint64_t>(std::count(head.bytes.begin(), content, '\n'));
    head.bytes.erase(head.bytes.begin(), content);
    if (!head.bytes.empty()) break;
    head.bytes = read_bytes(source, kDetectionBytes);
    if (head.bytes.empty()) return head;
  }
  head.bytes += read_bytes(source, kDetectionBytes - head.bytes.size());
  return head;
}

struct KnownNonLogFile {
  std::string_view magic;
  MessageId advice;
};

// Files users hand over by mistake that deserve a better answer than "binary".
constexpr KnownNonLogFile kKnownNonLogFiles[] = {
    {"\xFF\xFE", MessageId::advice_utf16},
    {"\xFE\xFF", MessageId::advice_utf16},
    {"Obj\x01", MessageId::advice_avro},  // Event Hubs Capture
    {"PK\x03\x04", MessageId::advice_zip},
};

// This tool's own outputs, which a folder of logs may hold: `simulate` writes
// its ground truth beside the logs it makes, and a report may be saved among
// them. Such a file is named in a note and passed over, neither read nor
// skipped. Each begins with its schema version, then the member that tells it
// apart, given here with the start of its value.
struct OwnOutput {
  std::string_view second_member;
  MessageId note;
};

constexpr OwnOutput kOwnOutputs[] = {
    {R"("tool":{"name":"iothub-diag")", MessageId::own_report_passed_over},
    {R"("seed":)", MessageId::own_ground_truth_passed_over},
};

// Whether `text` begins with `pattern`, JSON whitespace between tokens aside
// (the pattern holds none); if so, `text` is moved past it.
bool take_token(std::string_view& text, std::string_view pattern) {
  std::size_t at = 0;
  bool in_string = false;
  for (const char c : pattern) {
    if (!in_string) {
      while (at < text.size() && is_blank(text[at]))
        ++at;
    }
    if (at == text.size() || text[at] != c) return false;
    if (c == '"') in_string = !in_string;
    ++at;
  }
  text.remove_prefix(at);
  return true;
}

std::optional<MessageId> own_output(std::string_view head) {
  if (!take_token(head, R"({"schema_version":)")) return std::nullopt;
  while (!head.empty() && (is_blank(head.front()) || (head.front() >= '0' && head.front() <= '9')))
    head.remove_prefix(1);
  if (!take_token(head, ",")) return std::nullopt;
  for (const OwnOutput& own : kOwnOutputs) {
    std::string_view rest = head;
    if (take_token(rest, own.second_member)) return own.note;
  }
  return std::nullopt;
}

// What an `--input-format auto` sample is: a shape this tool reads, or why not
// (one of its own outputs, a known non-log file with its advice, binary data,
// an unknown shape).
struct Detection {
  std::optional<InputFormat> format;
  SkipReason reason = SkipReason::unrecognized_format;
  SkipDetail detail;
  std::optional<MessageId> own_output;  // the note that names it
};

Detection detect_shape(std::string_view head) {
  if (const auto note = own_output(head))
    return {std::nullopt, SkipReason::unrecognized_format, {}, note};
  for (const auto& known : kKnownNonLogFiles) {
    if (head.starts_with(known.magic))
      return {std::nullopt, SkipReason::unrecognized_format, SkipDetail(known.advice), {}};
  }
  if (looks_binary(head)) return {std::nullopt, SkipReason::binary_file, {}, {}};
  if (const auto detected = detect_input_format(head))
    return {*detected, SkipReason::unrecognized_format, {}, {}};
  // No detail: the reason's own description says it, in the report's language.
  return {std::nullopt, SkipReason::unrecognized_format, {}, {}};
}

// The one record loop of every JSON reader: each text the splitter cuts goes
// to the parser. Returns the line of the last text.
std::uint64_t parse_texts(JsonTextSplitter& splitter, std::string_view name, RecordSink& sink) {
  JsonRecordParser parser;
  JsonText text;
  std::uint64_t last_line = 1;
  while (splitter.next(text)) {
    parser.parse(text, name, sink);
    last_line = text.line;
  }
  return last_line;
}

std::uint64_t read_json(ByteSource& source, std::string_view name, InputFormat format,
                        std::uint64_t first_line, const ReadOptions& options, RecordSink& sink) {
  JsonTextSplitter splitter(
      source, format == InputFormat::json_lines ? JsonLayout::lines : JsonLayout::values,
      options.limits);
  splitter.start_at_line(first_line);
  // JSON Lines files are read in pieces instead (ingest.cpp); a document, whole.
  if (format == InputFormat::json && options.parse_threads > 0)
    return parse_texts_in_parallel(splitter, name, sink, options.parse_threads);
  return parse_texts(splitter, name, sink);
}

bool is_gzip(std::string_view head) {
  return head.size() >= 2 && head[0] == '\x1F' && head[1] == '\x8B';
}

// Names an input that holds only part of a result: a query answer that says it
// was cut, or a count of records that is exactly an export's row cap.
// A query API answer says when it was cut, so only what lost that word (an
// `az` array, a portal CSV) is judged by every export cap; an answer only by the
// API's own 500,000 rows, so that a pulled chunk of exactly 10,000 rows is whole.
void report_cut(std::string_view name, InputFormat format, std::string_view head,
                std::string_view tail, const CutCheckSink& counted, RecordSink& sink) {
  if (format == InputFormat::json) {
    if (auto message = cut_answer_message(head, tail)) {
      sink.on_cut_input(counted.cut(name, CutReason::partial_error, std::move(*message)));
      return;
    }
    const auto trimmed = head.find_first_not_of(" \t\r\n");
    const auto opening =
        match_wrapper_opening(head.substr(trimmed == std::string_view::npos ? 0 : trimmed));
    // Its own cap is the only count it can stop at without the member being lost.
    if (opening && opening->wrapper == JsonWrapper::tables &&
        counted.records() != known_row_caps().front().rows)
      return;
  }
  // Which cap it is, row_cap_message() says from the count, in the report's language.
  if (row_cap_matching(counted.records()))
    sink.on_cut_input(counted.cut(name, CutReason::row_cap, std::string()));
}

}  // namespace

bool reads_as_json_lines(std::string_view head, const ReadOptions& options) {
  if (is_gzip(head)) return false;
  if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
  if (head.find_first_not_of(" \t\r\n") == std::string_view::npos) return false;
  if (options.format != InputFormat::automatic) return options.format == InputFormat::json_lines;
  return detect_shape(head).format == InputFormat::json_lines;
}

PieceRead read_json_lines_piece(ByteSource& source, std::string_view name, StreamPiece piece,
                                const ReadOptions& options, RecordSink& sink) {
  JsonTextSplitter splitter(source, JsonLayout::lines, options.limits);
  if (piece == StreamPiece::later) splitter.start_mid_stream();
  const std::uint64_t last_line = parse_texts(splitter, name, sink);
  report_stream_error(source, name, last_line, sink);
  return PieceRead{splitter.line() - 1, splitter.gave_up()};
}

StreamOutcome read_stream(std::unique_ptr<ByteSource> raw, std::string_view name,
                          const ReadOptions& options, RecordSink& sink) {
  std::unique_ptr<ByteSource> source = decompress_if_gzip(std::move(raw));
  Head sample = read_head(*source);
  const std::string_view head = sample.bytes;

  if (head.empty()) {
    report_stream_error(*source, name, sample.line, sink);
    return StreamOutcome::empty;
  }
  InputFormat format = options.format;
  if (format == InputFormat::automatic) {
    const Detection detected = detect_shape(head);
    if (detected.own_output) {
      sink.on_note(Message{*detected.own_output, {name}});
      return StreamOutcome::passed_over;
    }
    if (!detected.format) {
      sink.on_skip(detected.reason, SourceLocation{name, sample.line, 0}, detected.detail);
      return StreamOutcome::rejected;
    }
    format = *detected.format;
  }

  const char delimiter =
      format == InputFormat::csv ? log_analytics_csv_delimiter(head).value_or(',') : ',';
  // A query answer or an export (one document, or a CSV) may hold only part of
  // what was asked for; JSON Lines blobs are appended to, never cut.
  const bool document = format != InputFormat::json_lines;
  const std::string kept_head = document ? std::string(head) : std::string();
  PrefixedSource replay(std::move(sample.bytes), std::move(source));
  TailKeepingSource kept(replay, document ? kDetectionBytes : 0);
  CutCheckSink counted(sink);
  const std::uint64_t last_line =
      format == InputFormat::csv
          ? read_log_analytics_csv(kept, name, delimiter, sample.line, options, counted)
          : read_json(kept, name, format, sample.line, options, counted);
  report_stream_error(replay, name, last_line, sink);
  if (document) report_cut(name, format, kept_head, kept.tail(), counted, sink);
  return StreamOutcome::read;
}

}  // namespace iothub_diag
