#include <algorithm>
#include <cmath>
#include <deque>
#include <filesystem>

#include <nlohmann/json.hpp>

#include <iothub_diag/core/atomic_file.hpp>
#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>
#include <iothub_diag/input/query_api_error.hpp>
#include <iothub_diag/workspace/kql_query.hpp>
#include <iothub_diag/workspace/pull_folder.hpp>
#include <iothub_diag/workspace/query_response.hpp>
#include <iothub_diag/workspace/workspace_pull.hpp>

namespace iothub_diag::workspace {
namespace {

constexpr std::size_t kKeptEdgeBytes = 64u << 10;           // head and tail kept of each answer
constexpr std::size_t kMaxPlanningAnswerBytes = 64u << 20;  // a count per bin: small

// An answer's body as it arrives: written to a file (or kept, for small
// answers), with its first and last bytes kept for error and cut checks.
class AnswerBody {
 public:
  explicit AnswerBody(AtomicFile* file) : file_(file) {}

  bool take(std::string_view bytes) {
    bytes_ += bytes.size();
    if (head_.size() < kKeptEdgeBytes) {
      head_.append(bytes.substr(0, kKeptEdgeBytes - head_.size()));
    }
    tail_.append(bytes);
    if (tail_.size() > 2 * kKeptEdgeBytes) tail_.erase(0, tail_.size() - kKeptEdgeBytes);
    if (file_ != nullptr) return file_->write(bytes);
    if (bytes_ > kMaxPlanningAnswerBytes) return false;
    whole_.append(bytes);
    return true;
  }

  const std::string& head() const noexcept { return head_; }
  std::string_view tail() const noexcept {
    const std::string_view tail = tail_;
    return tail.size() > kKeptEdgeBytes ? tail.substr(tail.size() - kKeptEdgeBytes) : tail;
  }
  const std::string& whole() const noexcept { return whole_; }

 private:
  AtomicFile* file_;
  std::string head_;
  std::string tail_;
  std::string whole_;
  std::uint64_t bytes_ = 0;
};

enum class SendOutcome { answered, refused_token, timed_out, failed };

// What gateway timeouts (504) in a row do to a request: it is tried again like
// after any fault, or, after kTimeoutsBeforeSplit of them, ended so that its
// chunk is asked for in halves: a query the service cannot finish in its time
// limit is as likely to time out again, while one timeout is as often a
// passing fault.
enum class OnTimeouts { retry, end_to_split };
constexpr int kTimeoutsBeforeSplit = 2;

// The shortest chunk that timeouts split: halves of a minute at least. A service
// that times out on everything (an outage) is then told after a few levels of
// halves (six from an hour), not after halving down to a millisecond.
constexpr Timestamp kShortestTimeoutSplit = 2 * kMillisPerMinute;

// One query, tried again on faults per the policy; the last answer's body is in `body`.
class Sender {
 public:
  Sender(const PullOptions& options, HttpTransport& transport, const Sleeper& sleep,
         PullStats& stats)
      : options_(options), transport_(transport), sleep_(sleep), stats_(stats) {
    url_ = options.endpoint;
    while (!url_.empty() && url_.back() == '/')
      url_.pop_back();
    url_ += "/v1/workspaces/" + options.workspace + "/query";
    headers_ = {authorization(options.token), "Content-Type: application/json",
                "Accept: application/json", "Prefer: wait=600"};
  }

  // `open_body` gives a fresh body for each attempt (a chunk's file starts anew).
  // With OnTimeouts::end_to_split, timeouts in a row end the tries with `timed_out`.
  SendOutcome send(const std::string& query, const std::function<AnswerBody&()>& open_body,
                   std::optional<Message>& error, OnTimeouts on_timeouts = OnTimeouts::retry) {
    const std::string request = nlohmann::json{{"query", query}}.dump();
    int timeouts = 0;
    bool renewed = false;  // once per request: a new token refused too is refused
    for (int attempt = 1;; ++attempt) {
      AnswerBody& body = open_body();
      const HttpResponse response = transport_.post(
          url_, headers_, request, [&body](std::string_view bytes) { return body.take(bytes); });
      if (response.status == 200 && response.transport_error.empty()) {
        return SendOutcome::answered;
      }
      const std::string status = std::to_string(response.status);
      const Message why =
          response.status == 0
              ? Message{MessageId::pull_no_answer, {url_, response.transport_error}}
          : !response.transport_error.empty()
              ? Message{MessageId::pull_broke_off, {status, response.transport_error}}
              : Message{MessageId::pull_http_status,
                        {status, query_api_error_summary(body.head())}};
      if (response.status == 401 && !renewed && renew()) {
        renewed = true;
        --attempt;  // the same try, with the new token
        continue;
      }
      if (response.status == 401 || response.status == 403) {
        error = Message{MessageId::pull_token_refused, {why}};
        return SendOutcome::refused_token;
      }
      const bool transient = response.status == 0 || response.status == 429 ||
                             response.status >= 500 || !response.transport_error.empty();
      if (!transient) {
        error = Message{MessageId::pull_query_refused, {why}};
        return SendOutcome::failed;
      }
      timeouts = response.status == 504 ? timeouts + 1 : 0;
      if (on_timeouts == OnTimeouts::end_to_split && timeouts >= kTimeoutsBeforeSplit)
        return SendOutcome::timed_out;
      if (attempt >= options_.retry.max_attempts) {
        const auto tries = static_cast<std::uint64_t>(attempt);
        error = Message{MessageId::pull_gave_up, {count_arg(tries), why}, tries};
        return SendOutcome::failed;
      }
      const double backoff =
          std::min(options_.retry.max_delay_seconds,
                   options_.retry.first_delay_seconds * std::pow(2.0, attempt - 1));
      // The service says when to come back only when it is busy (429) or away (503).
      const bool told_when = response.status == 429 || response.status == 503;
      const double delay =
          told_when && response.retry_after_seconds
              ? std::min(options_.retry.max_delay_seconds, *response.retry_after_seconds)
              : backoff;
      ++stats_.retries;
      sleep_(delay);
    }
  }

 private:
  static std::string authorization(std::string_view token) {
    return "Authorization: Bearer " + std::string(token);
  }

  // Asks for a new token after a 401; true when one other than the refused one came.
  bool renew() {
    if (!options_.renew_token) return false;
    const std::optional<std::string> token = options_.renew_token();
    if (!token || token->empty() || authorization(*token) == headers_.front()) return false;
    headers_.front() = authorization(*token);
    ++stats_.token_renewals;
    return true;
  }

  const PullOptions& options_;
  HttpTransport& transport_;
  const Sleeper& sleep_;
  PullStats& stats_;
  std::string url_;
  std::vector<std::string> headers_;
};

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

bool overlaps(const TimeChunk& a, const TimeChunk& b) {
  return a.from < b.to && b.from < a.to;
}

// The chunks of `chunk`'s span for the current budget: cut on bin boundaries,
// then a bin still over the budget halved in time.
void plan_into(std::deque<TimeChunk>& queue, const TimeChunk& chunk, std::span<const RowBin> bins,
               std::uint64_t budget) {
  std::vector<TimeChunk> pieces = plan_chunks(chunk, bins, budget);
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
    std::deque<TimeChunk> halves{*it};
    std::vector<TimeChunk> fitted;
    while (!halves.empty()) {
      const TimeChunk piece = halves.front();
      halves.pop_front();
      const auto split = piece.expected_rows > budget ? split_chunk(piece, bins) : std::nullopt;
      if (!split) {
        fitted.push_back(piece);
        continue;
      }
      halves.push_front(split->second);
      halves.push_front(split->first);
    }
    for (auto f = fitted.rbegin(); f != fitted.rend(); ++f)
      queue.push_front(*f);
  }
}

// The row budget after an answer cut with `rows` rows: nine tenths of them, so
// that what is left is planned under the cap the service showed. An answer cut
// with no rows at all shows no cap (the service failed part of the query for
// another reason, such as its memory): the budget is halved, so that a few such
// answers never plan thousands of one-row chunks.
std::uint64_t lowered_budget(std::uint64_t budget, std::uint64_t rows) {
  const std::uint64_t shown = rows > 0 ? rows - rows / 10 : budget / 2;
  return std::max<std::uint64_t>(1, std::min(budget, shown));
}

}  // namespace

std::uint64_t count_answer_rows(const std::string& path) {
  FileSource source(path);
  JsonTextSplitter splitter(source, JsonLayout::values);
  JsonText text;
  std::uint64_t rows = 0;
  while (splitter.next(text)) {
    if (text.kind == JsonTextKind::table_row && !text.problem) ++rows;
  }
  return rows;
}

PullResult pull_workspace(const PullOptions& options, HttpTransport& transport,
                          const Sleeper& sleep, const PullProgress& progress) {
  PullResult result;
  PullStats& stats = result.stats;
  const PullIdentity identity{options.workspace, options.hubs,
                              chunk_query(TimeChunk{}, options.hubs)};
  std::optional<PullFolder> folder = PullFolder::open(options.folder, identity, result.error);
  if (!folder) return result;
  folder->forget_unsettled(options.settle_margin);

  const TimeChunk span{options.since, options.until + 1, 0};
  std::vector<TimeChunk> done;
  for (const SavedChunk& saved : folder->chunks()) {
    done.push_back(saved.chunk);
    if (overlaps(saved.chunk, span)) ++stats.chunks_reused;
  }
  const std::vector<TimeChunk> missing = uncovered_spans(span, done);
  Sender sender(options, transport, sleep, stats);

  std::vector<RowBin> bins;
  if (!missing.empty()) {
    const KqlSpan planned{TimeBound{missing.front().from, std::nullopt},
                          TimeBound{missing.back().to - 1, std::nullopt}, options.hubs};
    std::optional<AnswerBody> body;
    const auto outcome = sender.send(
        count_query(planned, options.bin_minutes),
        [&body]() -> AnswerBody& { return body.emplace(nullptr); }, result.error);
    if (outcome != SendOutcome::answered) {
      result.fatal_token = outcome == SendOutcome::refused_token;
      return result;
    }
    std::optional<Message> problem;
    auto parsed = parse_row_bins(body->whole(), problem);
    if (!parsed) {
      result.error = problem;
      return result;
    }
    bins = std::move(*parsed);
  }

  std::uint64_t budget = std::max<std::uint64_t>(
      1, std::min(options.row_budget, folder->row_budget().value_or(UINT64_MAX)));
  std::deque<TimeChunk> queue;
  for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    plan_into(queue, *it, bins, budget);
  while (!queue.empty()) {
    const TimeChunk chunk = queue.front();
    queue.pop_front();
    const std::string path = folder->chunk_path(chunk);
    std::optional<AtomicFile> file;
    std::optional<AnswerBody> body;
    const auto halves = split_chunk(chunk, bins);
    const OnTimeouts on_timeouts = halves && chunk.to - chunk.from >= kShortestTimeoutSplit
                                       ? OnTimeouts::end_to_split
                                       : OnTimeouts::retry;
    const auto outcome = sender.send(
        chunk_query(chunk, options.hubs),
        [&]() -> AnswerBody& {
          body.reset();
          file.emplace(path, AtomicFile::InPlace::never);
          return body.emplace(&*file);
        },
        result.error, on_timeouts);
    if (outcome == SendOutcome::timed_out) {
      // Too much for the service's time limit: the halves, the budget as it was
      // (a timeout says nothing of the rows an answer may hold).
      ++stats.chunks_split;
      ++stats.chunks_timed_out;
      plan_into(queue, halves->second, bins, budget);
      plan_into(queue, halves->first, bins, budget);
      continue;
    }
    if (outcome != SendOutcome::answered) {
      result.fatal_token = outcome == SendOutcome::refused_token;
      return result;
    }
    if (file->error() != 0) {
      result.error = unwritable_file(path, file->error());
      return result;
    }
    file->stream().flush();
    const std::uint64_t rows = count_answer_rows(file->temporary_path());
    if (const auto cut = cut_answer_message(body->head(), body->tail())) {
      // The service's cap is below what this chunk holds: ask for the halves, and
      // plan what is left below the number of rows it did return.
      ++stats.chunks_split;
      budget = lowered_budget(budget, rows);
      folder->set_row_budget(budget);
      if (!halves) {
        result.error = Message{MessageId::pull_chunk_too_large, {format_iso8601(chunk.from), *cut}};
        return result;
      }
      plan_into(queue, halves->second, bins, budget);
      plan_into(queue, halves->first, bins, budget);
      continue;
    }
    if (const int error = file->commit(); error != 0) {
      result.error = unwritable_file(path, error);
      return result;
    }
    ++stats.chunks_requested;
    if (auto error = folder->add(SavedChunk{TimeChunk{chunk.from, chunk.to, rows}, rows,
                                            file_name(path), options.now})) {
      result.error = std::move(error);
      return result;
    }
    if (progress) progress(stats, stats.chunks_reused + stats.chunks_requested + queue.size());
  }
  for (const SavedChunk& saved : folder->chunks()) {
    if (!overlaps(saved.chunk, span)) continue;
    ++stats.chunks_total;
    if (saved.unsettled(options.settle_margin)) ++stats.chunks_unsettled;
    stats.rows += saved.rows;
    result.files.push_back(folder->path() + "/" + saved.file);
    std::error_code ignored;
    const auto size = std::filesystem::file_size(result.files.back(), ignored);
    if (!ignored) stats.bytes += size;
  }
  return result;
}

}  // namespace iothub_diag::workspace
