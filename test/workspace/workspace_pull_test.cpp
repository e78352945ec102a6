// The pull's decisions (retries, cut answers, resume) against scripted answers;
// test/workspace/workspace_pull.sh runs the real transport against the stand-in server.
#include <deque>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/query_api_error.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/workspace/pull_folder.hpp>
#include <iothub_diag/workspace/query_response.hpp>
#include <iothub_diag/workspace/workspace_pull.hpp>

using namespace iothub_diag;
using namespace iothub_diag::workspace;

namespace {

struct Scripted {
  long status = 200;
  std::string body;
  std::optional<double> retry_after;
  std::string transport_error;
};

// Answers requests from a script; a request past the script gets rows built from the query's span.
class ScriptedTransport final : public HttpTransport {
 public:
  std::deque<Scripted> script;
  std::optional<Scripted> otherwise;  // the answer past the script; rows by default
  std::vector<std::string> queries;
  std::vector<std::string> authorizations;  // each request's Authorization header

  HttpResponse post(const std::string& /*url*/, const std::vector<std::string>& headers,
                    const std::string& body, const BodySink& sink) override {
    queries.push_back(body);
    for (const std::string& header : headers) {
      if (header.starts_with("Authorization: ")) authorizations.push_back(header);
    }
    Scripted next =
        !script.empty() ? script.front() : otherwise.value_or(Scripted{200, kRows, {}, {}});
    if (!script.empty()) script.pop_front();
    sink(next.body);
    return HttpResponse{next.status, next.transport_error, next.retry_after};
  }

  static inline const std::string kRows =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],"rows":[["2026-11-20T00:00:01Z"],["2026-11-20T00:00:02Z"]]}]})";
};

const std::string kBins =
    R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"count_","type":"long"},{"name":"TimeGenerated","type":"datetime"}],"rows":[[2,"2026-11-20T01:00:00Z"],[2,"2026-11-20T00:00:00Z"]]}]})";
const std::string kCut =
    R"json({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],"rows":[["2026-11-20T00:00:01Z"]]}],"error":{"code":"PartialError","message":"There were some errors when processing your query.","details":[{"code":"EngineError","innererror":{"code":"-2133196797","message":"Query result set has exceeded the internal data size limit 64000000 (E_QUERY_RESULT_SET_TOO_LARGE; see the limits)"}}]}})json";

// A gateway timeout: the service did not finish the query in its time limit.
const Scripted kTimeout{
    504, R"({"error":{"code":"GatewayTimeout","message":"timed out"}})", {}, {}};

PullOptions options_for(const std::string& folder) {
  PullOptions options;
  options.workspace = "ws";
  options.token = "t";
  options.since = *parse_iso8601("2026-11-20T00:00:00Z");
  options.until = *parse_iso8601("2026-11-20T01:59:59Z");
  options.folder = folder;
  options.row_budget = 10;
  return options;
}

}  // namespace

TEST_CASE("the planning answer is read by column name, in any row order", "[workspace]") {
  std::optional<Message> problem;
  const auto bins = parse_row_bins(kBins, problem);
  REQUIRE(bins);
  REQUIRE(bins->size() == 2);
  CHECK((*bins)[0].start == *parse_iso8601("2026-11-20T00:00:00Z"));
  CHECK((*bins)[1].rows == 2);
}

TEST_CASE("a cut answer is told by its PartialError member, not by text in a row", "[workspace]") {
  CHECK(cut_answer_message(kCut.substr(0, 40), kCut).value().find("E_QUERY_RESULT_SET_TOO_LARGE") !=
        std::string::npos);
  // A device id that spells the error is inside a string, its quotes escaped.
  const std::string row = R"({"tables":[{"rows":[["{\"error\":{\"code\":\"PartialError\"}}"]]}]})";
  CHECK_FALSE(cut_answer_message(row, row));
  CHECK(query_api_error_summary(R"({"error":{"code":"InvalidTokenError","message":"bad"}})") ==
        "InvalidTokenError: bad");
}

TEST_CASE("a pull retries throttling after Retry-After and faults with back-off", "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{429, "{}", 7.0, {}},
                      {200, kBins, {}, {}},
                      kTimeout,
                      {0, "", {}, "Connection reset by peer"},
                      {200, "{\"tables\":[{\"rows\":[", {}, "transfer closed"}};
  std::vector<double> waits;
  const PullResult result = pull_workspace(options_for(folder.path().string()), transport,
                                           [&waits](double s) { waits.push_back(s); });
  REQUIRE_FALSE(result.error);
  CHECK(waits == std::vector<double>{7.0, 1.0, 2.0, 4.0});
  CHECK(result.stats.retries == 4);
  CHECK(result.stats.rows == 2);
  CHECK(result.files.size() == 1);
}

TEST_CASE("a refused token stops the pull at once", "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {
      {401, R"({"error":{"code":"InvalidTokenError","message":"expired"}})", {}, {}}};
  const PullResult result =
      pull_workspace(options_for(folder.path().string()), transport, [](double) {});
  CHECK(result.fatal_token);
  REQUIRE(result.error);
  CHECK(english_text(*result.error) ==
        "the workspace refused the access token (HTTP 401: InvalidTokenError: expired)");
  CHECK(ReportTexts(Language::fr).message(*result.error) ==
        "l’espace de travail a refusé le jeton d’accès (HTTP 401\u00A0: InvalidTokenError: "
        "expired)");
  CHECK(transport.queries.size() == 1);
}

TEST_CASE("a token refused during the pull is renewed once, and the request asked again",
          "[workspace]") {
  const Scripted expired{
      401,
      R"({"error":{"code":"InvalidTokenError","message":"The provided authentication is not valid for this resource"}})",
      {},
      {}};
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}, expired};
  PullOptions options = options_for(folder.path().string());
  int asked = 0;
  options.renew_token = [&asked]() -> std::optional<std::string> {
    ++asked;
    return "t2";
  };
  const PullResult result = pull_workspace(options, transport, [](double) {});
  REQUIRE_FALSE(result.error);
  CHECK(asked == 1);
  CHECK(result.stats.token_renewals == 1);
  CHECK(result.stats.retries == 0);
  CHECK(transport.authorizations == std::vector<std::string>{"Authorization: Bearer t",
                                                             "Authorization: Bearer t",
                                                             "Authorization: Bearer t2"});

  SECTION("a new token refused too, or the same token again, stops the pull") {
    for (const char* renewed : {"t2", "t"}) {
      testing::TempDir other;
      ScriptedTransport refusing;
      refusing.script = {{200, kBins, {}, {}}, expired, expired};
      PullOptions again = options_for(other.path().string());
      again.renew_token = [renewed]() -> std::optional<std::string> { return renewed; };
      const PullResult stopped = pull_workspace(again, refusing, [](double) {});
      CHECK(stopped.fatal_token);
      CHECK(refusing.queries.size() == (std::string_view(renewed) == "t" ? 2u : 3u));
    }
  }
}

TEST_CASE("a cut answer is asked again in pieces under the rows it held, and never saved",
          "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}, {200, kCut, {}, {}}};
  const PullResult result =
      pull_workspace(options_for(folder.path().string()), transport, [](double) {});
  REQUIRE_FALSE(result.error);
  CHECK(result.stats.chunks_split == 1);
  // The cut answer held one row: what is left is asked for in pieces of about one row.
  CHECK(result.stats.chunks_requested == 4);
  CHECK(result.files.size() == 4);
  for (const std::string& file : result.files) {
    std::ifstream in(file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("PartialError") == std::string::npos);
  }
}

TEST_CASE("an answer cut with no rows halves the budget, never planning one-row chunks",
          "[workspace]") {
  // A PartialError for another reason than a cap (the service short of memory)
  // comes with no rows, so it shows no cap to plan under.
  const std::string cut_empty =
      R"({"tables":[{"name":"PrimaryResult","columns":[{"name":"TimeGenerated","type":"datetime"}],"rows":[]}],)"
      R"("error":{"code":"PartialError","message":"There were some errors when processing your query.",)"
      R"("details":[{"code":"EngineError","innererror":{"code":"LowMemoryCondition","message":"E_LOW_MEMORY_CONDITION"}}]}})";
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}, {200, cut_empty, {}, {}}};
  const PullResult result =
      pull_workspace(options_for(folder.path().string()), transport, [](double) {});
  REQUIRE_FALSE(result.error);
  CHECK(result.stats.chunks_split == 1);
  // The budget of 10 rows falls to 5: the two hours of 2 rows each are one chunk
  // apiece (a budget of 1 row would have cut each hour in two again).
  CHECK(result.stats.chunks_requested == 2);
  std::optional<Message> error;
  const auto reopened = PullFolder::open(
      folder.path().string(), PullIdentity{"ws", {}, chunk_query(TimeChunk{}, {})}, error);
  REQUIRE(reopened);
  CHECK(reopened->row_budget() == std::optional<std::uint64_t>(5));
}

TEST_CASE("a chunk that times out twice in a row is asked for in halves", "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}, kTimeout, kTimeout};
  std::vector<double> waits;
  const PullResult result = pull_workspace(options_for(folder.path().string()), transport,
                                           [&waits](double s) { waits.push_back(s); });
  REQUIRE_FALSE(result.error);
  CHECK(result.stats.chunks_timed_out == 1);
  CHECK(result.stats.chunks_split == 1);
  CHECK(result.stats.chunks_requested == 2);
  CHECK(waits == std::vector<double>{1.0});
  // The halves are the two hours, each asked for once.
  REQUIRE(transport.queries.size() == 5);
  CHECK(transport.queries[3].find("TimeGenerated < datetime(2026-11-20T01:00:00Z)") !=
        std::string::npos);
  CHECK(transport.queries[4].find("TimeGenerated >= datetime(2026-11-20T01:00:00Z)") !=
        std::string::npos);
}

TEST_CASE("a service that times out on everything is told after a few levels of halves",
          "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}};
  transport.otherwise = kTimeout;
  const PullResult result =
      pull_workspace(options_for(folder.path().string()), transport, [](double) {});
  REQUIRE(result.error);
  CHECK(english_text(*result.error).starts_with("gave up after 6 tries"));
  // Two hours, one hour, then halves of 30, 15, 7.5 and 3.75 minutes are each
  // split after 2 timeouts; the 1.9-minute half is tried 6 times.
  CHECK(result.stats.chunks_timed_out == 6);
  CHECK(transport.queries.size() == 1 + 6 * 2 + 6);
}

TEST_CASE("a timeout with nothing left to split is tried again like any fault", "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}, kTimeout, kTimeout, kTimeout};
  PullOptions options = options_for(folder.path().string());
  options.until = options.since + kMillisPerMinute;  // a minute: no halves that timeouts split
  std::vector<double> waits;
  const PullResult result =
      pull_workspace(options, transport, [&waits](double s) { waits.push_back(s); });
  REQUIRE_FALSE(result.error);
  CHECK(result.stats.chunks_timed_out == 0);
  CHECK(result.stats.chunks_requested == 1);
  CHECK(waits == std::vector<double>{1.0, 2.0, 4.0});
}

TEST_CASE("Retry-After is honoured on a 503 as on a 429", "[workspace]") {
  testing::TempDir folder;
  ScriptedTransport transport;
  transport.script = {{503, R"({"error":{"code":"ServiceUnavailableError"}})", 3.0, {}},
                      {200, kBins, {}, {}}};
  std::vector<double> waits;
  const PullResult result = pull_workspace(options_for(folder.path().string()), transport,
                                           [&waits](double s) { waits.push_back(s); });
  REQUIRE_FALSE(result.error);
  CHECK(waits == std::vector<double>{3.0});
}

TEST_CASE("a second pull into the same folder asks only for what is missing", "[workspace]") {
  testing::TempDir folder;
  {
    ScriptedTransport transport;
    transport.script = {{200, kBins, {}, {}}};
    PullOptions first = options_for(folder.path().string());
    first.until = *parse_iso8601("2026-11-20T00:59:59.999Z");
    REQUIRE_FALSE(pull_workspace(first, transport, [](double) {}).error);
  }
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}};
  const PullResult result =
      pull_workspace(options_for(folder.path().string()), transport, [](double) {});
  REQUIRE_FALSE(result.error);
  CHECK(result.stats.chunks_reused == 1);
  CHECK(result.stats.chunks_requested == 1);
  CHECK(result.files.size() == 2);
  // The planning query and one chunk; the chunk asks only for the second hour.
  REQUIRE(transport.queries.size() == 2);
  CHECK(transport.queries[1].find("TimeGenerated >= datetime(2026-11-20T01:00:00Z)") !=
        std::string::npos);
}

TEST_CASE("a chunk asked for while its rows may still arrive is asked for again next time",
          "[workspace]") {
  testing::TempDir folder;
  PullOptions first = options_for(folder.path().string());
  first.row_budget = 2;                                // one chunk per hour
  first.now = *parse_iso8601("2026-11-20T02:05:00Z");  // 5 minutes after the span
  {
    ScriptedTransport transport;
    transport.script = {{200, kBins, {}, {}}};
    const PullResult result = pull_workspace(first, transport, [](double) {});
    REQUIRE_FALSE(result.error);
    CHECK(result.stats.chunks_requested == 2);
    // The second hour ends 5 minutes before the pull, within the 15-minute margin.
    CHECK(result.stats.chunks_unsettled == 1);
  }
  std::ifstream manifest(folder.path() / PullFolder::kManifestName);
  const std::string text((std::istreambuf_iterator<char>(manifest)),
                         std::istreambuf_iterator<char>());
  CHECK(text.find(R"("asked_at": "2026-11-20T02:05:00Z")") != std::string::npos);

  // An hour later: the first hour is kept, the second asked for again.
  PullOptions later = first;
  later.now = *parse_iso8601("2026-11-20T03:05:00Z");
  ScriptedTransport transport;
  transport.script = {{200, kBins, {}, {}}};
  const PullResult result = pull_workspace(later, transport, [](double) {});
  REQUIRE_FALSE(result.error);
  CHECK(result.stats.chunks_reused == 1);
  CHECK(result.stats.chunks_requested == 1);
  CHECK(result.stats.chunks_unsettled == 0);
  CHECK(result.files.size() == 2);
  REQUIRE(transport.queries.size() == 2);
  CHECK(transport.queries[1].find("TimeGenerated >= datetime(2026-11-20T01:00:00Z)") !=
        std::string::npos);

  // A pull that does not know the time records none, and its chunks are kept.
  testing::TempDir other;
  PullOptions unknown = options_for(other.path().string());
  unknown.row_budget = 2;
  ScriptedTransport pulling;
  pulling.script = {{200, kBins, {}, {}}};
  REQUIRE_FALSE(pull_workspace(unknown, pulling, [](double) {}).error);
  std::ifstream kept(other.path() / PullFolder::kManifestName);
  CHECK(std::string((std::istreambuf_iterator<char>(kept)), std::istreambuf_iterator<char>())
            .find("asked_at") == std::string::npos);
  ScriptedTransport none;
  const PullResult reused = pull_workspace(unknown, none, [](double) {});
  REQUIRE_FALSE(reused.error);
  CHECK(reused.stats.chunks_reused == 2);
  CHECK(none.queries.empty());
}

TEST_CASE("a folder holding another workspace's pull is refused", "[workspace]") {
  testing::TempDir folder;
  std::optional<Message> error;
  REQUIRE(PullFolder::open(folder.path().string(), PullIdentity{"ws-a", {}, "q"}, error));
  auto opened = PullFolder::open(folder.path().string(), PullIdentity{"ws-a", {}, "q"}, error);
  REQUIRE(opened);
  REQUIRE_FALSE(opened->add(SavedChunk{TimeChunk{0, 1, 0}, 0, "x"}));
  CHECK_FALSE(PullFolder::open(folder.path().string(), PullIdentity{"ws-b", {}, "q"}, error));
  REQUIRE(error);
  CHECK(english_text(*error).find("another workspace") != std::string::npos);
}

TEST_CASE("members of another type in an answer read as missing, not as an exception",
          "[workspace]") {
  // An error whose code and message are not strings: not a cut, and a summary all the same.
  const std::string odd_error = R"({"error":{"code":[],"message":{"text":1},"details":[7]}})";
  CHECK_FALSE(cut_answer_message(odd_error, odd_error));
  CHECK_FALSE(query_api_error_summary(odd_error).empty());
  // A planning answer whose columns and names are of other types has no columns to read.
  std::optional<Message> problem;
  for (const char* answer :
       {R"({"tables":[{"columns":"TimeGenerated","rows":[]}]})",
        R"({"tables":[{"columns":[{"name":1},{"name":["count_"]},"TimeGenerated"],"rows":7}]})"}) {
    INFO(answer);
    problem.reset();
    CHECK_FALSE(parse_row_bins(answer, problem));
    CHECK(problem);
  }
}

TEST_CASE("a save folder's manifest edited by hand is refused or read, never thrown at",
          "[workspace]") {
  testing::TempDir folder;
  const PullIdentity identity{"ws-a", {"HUB-1"}, "q"};
  std::optional<Message> error;
  REQUIRE(PullFolder::open(folder.path().string(), identity, error));
  const auto manifest = [&](const std::string& text) {
    std::ofstream(folder.path() / PullFolder::kManifestName) << text;
    error.reset();
    return PullFolder::open(folder.path().string(), identity, error);
  };
  // The version as text: unreadable.
  CHECK_FALSE(manifest(R"({"version":"1","workspace":"ws-a","hubs":["HUB-1"],"query":"q"})"));
  CHECK(error);
  // A hub that is not a name: another pull's folder, even beside the right one.
  CHECK_FALSE(manifest(R"({"version":1,"workspace":"ws-a","hubs":["HUB-1",2],"query":"q"})"));
  CHECK(error);
  CHECK_FALSE(manifest(R"({"version":1,"workspace":["ws-a"],"hubs":["HUB-1"],"query":"q"})"));
  // Chunks of other shapes are asked for again; the folder itself is fine.
  const auto opened = manifest(
      R"({"version":1,"workspace":"ws-a","hubs":["HUB-1"],"query":"q","chunks":[3,"x",)"
      R"({"from":1,"to":2,"file":7},{"from":"2026-11-20T00:00:00Z","to":[],"file":"c"}]})");
  CHECK(opened);
  CHECK_FALSE(error);
}
