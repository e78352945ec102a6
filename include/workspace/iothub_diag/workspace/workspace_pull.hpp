#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/workspace/chunk_plan.hpp>
#include <iothub_diag/workspace/http_transport.hpp>

namespace iothub_diag::workspace {

// How failed requests are tried again: 429 after its Retry-After (or
// `first_delay_seconds`), 5xx, 504 and dropped connections after a delay that
// doubles from `first_delay_seconds` up to `max_delay_seconds`; at most
// `max_attempts` tries of one request.
struct RetryPolicy {
  int max_attempts = 6;
  double first_delay_seconds = 1.0;
  double max_delay_seconds = 30.0;
};

struct PullOptions {
  std::string workspace;                                 // the workspace (customer) id
  std::string endpoint = "https://api.loganalytics.io";  // --logs-endpoint
  std::string token;                                     // bearer token
  // A new token when the service refuses the one in use with 401 (az hands out
  // a cached token that may expire during a long pull); empty when the token
  // cannot be renewed (IOTHUB_DIAG_ACCESS_TOKEN). nullopt: none could be had.
  std::function<std::optional<std::string>()> renew_token;
  Timestamp since = 0;  // the span, both ends included
  Timestamp until = 0;
  std::vector<std::string> hubs;  // --hub; empty: every hub
  std::string folder;             // where chunks are saved (--save, or a temporary folder)
  // Rows asked for in one request; lowered to below what the service returned
  // when an answer comes back cut. The service's caps: 500,000 rows, ~64 MB.
  std::uint64_t row_budget = 100'000;
  int bin_minutes = 60;  // the planning query's bin
  RetryPolicy retry;
  // When the pull starts (0: unknown, every chunk taken as settled), and how
  // long rows may take to arrive in the workspace: a chunk that ends less than
  // that before it was asked for is asked for again by the next pull into its
  // folder. Azure Monitor quotes 20 s to 3 min as the usual latency; a busy
  // region takes longer.
  Timestamp now = 0;
  Timestamp settle_margin = 15 * kMillisPerMinute;
};

// What a pull did, for the progress line and the report.
struct PullStats {
  std::size_t chunks_total = 0;      // chunks of the span on disk at the end
  std::size_t chunks_reused = 0;     // already saved by an earlier run into the folder
  std::size_t chunks_requested = 0;  // row requests answered whole
  std::size_t chunks_split = 0;      // chunks asked again in halves: answers cut, or timed out
  std::size_t chunks_timed_out = 0;  // of those, chunks whose requests timed out (504) in a row
  std::size_t retries = 0;           // requests tried again after 429, 5xx or a dropped connection
  std::size_t token_renewals = 0;    // new tokens asked for after a 401
  std::size_t chunks_unsettled = 0;  // chunks of the span whose rows may still be arriving
  std::uint64_t rows = 0;            // rows in the chunks on disk
  std::uint64_t bytes = 0;           // their size, as the API returned them
};

struct PullResult {
  std::optional<Message> error;  // why the pull stopped there; nullopt on success
  bool fatal_token = false;      // the service refused the token (401/403)
  PullStats stats;
  std::vector<std::string> files;  // the chunk files covering the span, in time order
};

// Called after each chunk, for a progress line.
using PullProgress = std::function<void(const PullStats&, std::size_t chunks_planned)>;
// Waits; tests pass one that only records the delays.
using Sleeper = std::function<void(double seconds)>;

// Pulls the span from the workspace into `options.folder`: plans chunks with a
// count query, asks for each chunk the folder lacks (retrying faults, splitting
// cut answers), and saves every whole answer as it came. See docs/workspace.md.
PullResult pull_workspace(const PullOptions& options, HttpTransport& transport,
                          const Sleeper& sleep, const PullProgress& progress = {});

// Rows in a saved query answer (the elements of every table's `rows`).
std::uint64_t count_answer_rows(const std::string& path);

}  // namespace iothub_diag::workspace
