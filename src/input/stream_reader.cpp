#include <iothub_diag/input/stream_reader.hpp>

#include <fmt/format.h>

#include <iothub_diag/input/gzip_source.hpp>
#include <iothub_diag/input/json_record_parser.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kDetectionBytes = 64 * 1024;

// Reports a gzip or I/O failure that ended the stream early.
void report_stream_error(const ByteSource& source, std::string_view name, std::uint64_t line, RecordSink& sink) {
  const std::string error = source.error();
  if (error.empty()) return;
  const SkipReason reason = error.find("gzip") != std::string::npos ? SkipReason::corrupt_compressed_data
                                                                  : SkipReason::unreadable_file;
  sink.on_skip(reason, SourceLocation{name, line, 0}, error);
}

}  // namespace

StreamOutcome read_stream(std::unique_ptr<ByteSource> raw, std::string_view name,
                          const ReadOptions& options, RecordSink& sink) {
  std::unique_ptr<ByteSource> source = decompress_if_gzip(std::move(raw));
  JsonTextSplitter splitter(*source, JsonLayout::lines, options.limits);
  const std::string_view head = splitter.peek(kDetectionBytes);

  if (head.empty() || head.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    report_stream_error(*source, name, 1, sink);
    return StreamOutcome::empty;
  }
  InputFormat format = options.format;
  if (format == InputFormat::automatic) {
    if (looks_binary(head)) {
      sink.on_skip(SkipReason::binary_file, SourceLocation{name, 1, 0}, "");
      return StreamOutcome::rejected;
    }
    const auto detected = detect_input_format(head);
    if (!detected) {
      sink.on_skip(SkipReason::unrecognized_format, SourceLocation{name, 1, 0},
                   "not JSON Lines, JSON, or any other shape this tool reads");
      return StreamOutcome::rejected;
    }
    format = *detected;
  }

  splitter.set_layout(format == InputFormat::json_lines ? JsonLayout::lines : JsonLayout::values);
  JsonRecordParser parser;
  JsonText text;
  std::uint64_t last_line = 1;
  while (splitter.next(text)) {
    parser.parse(text, name, sink);
    last_line = text.line;
  }
  report_stream_error(*source, name, last_line, sink);
  return StreamOutcome::read;
}

}  // namespace iothub_diag
