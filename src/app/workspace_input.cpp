#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iothub_diag/app/workspace_input.hpp>
#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/workspace/http_transport.hpp>
#include <iothub_diag/workspace/workspace_pull.hpp>

namespace iothub_diag {
namespace {

constexpr const char* kTokenVariable = "IOTHUB_DIAG_ACCESS_TOKEN";
constexpr Timestamp kDefaultSpan = 24 * kMillisPerHour;

Timestamp resolve_before_now(const TimeBound& bound, Timestamp now) {
  return bound.at ? *bound.at : now - bound.before_last.value_or(0);
}

// Whether the shell would find `program`, an executable file, in a folder of
// PATH (an empty folder is the current one). Without PATH the shell has a default of its own: true.
bool on_path(std::string_view program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return true;
  for (std::string_view folders = path;;) {
    const std::size_t colon = folders.find(':');
    const std::string_view folder = folders.substr(0, colon);
    const std::string candidate =
        (folder.empty() ? std::string(".") : std::string(folder)) + "/" + std::string(program);
    struct stat file {};
    if (::stat(candidate.c_str(), &file) == 0 && S_ISREG(file.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0)
      return true;
    if (colon == std::string_view::npos) return false;
    folders.remove_prefix(colon + 1);
  }
}

constexpr std::string_view kPublicResource = "https://api.loganalytics.io";

// Runs `az` for a token for `resource` (made only of the bytes token_resource()
// lets through); its stderr goes to the user's terminal as it is. A missing `az`
// is told before the shell would say `az: not found` in English.
std::optional<std::string> token_from_az(const std::string& resource, MessageId& why) {
  if (!on_path("az")) {
    why = MessageId::az_not_installed;
    return std::nullopt;
  }
  const std::string command =
      "az account get-access-token --resource '" + resource + "' --query accessToken --output tsv";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    why = MessageId::az_not_started;
    return std::nullopt;
  }
  std::string output;
  std::array<char, 4096> buffer{};
  while (const std::size_t count = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    output.append(buffer.data(), count);
    if (output.size() > (1u << 20)) break;
  }
  const int status = ::pclose(pipe);
  const std::string_view token = trim(output);
  if (status != 0 || token.empty()) {
    why = WIFEXITED(status) && WEXITSTATUS(status) == 127 ? MessageId::az_not_installed
                                                          : MessageId::az_token_failed;
    return std::nullopt;
  }
  return std::string(token);
}

}  // namespace

std::string token_resource(std::string_view endpoint) {
  const std::size_t scheme = endpoint.find("://");
  if (scheme == std::string_view::npos) return std::string(kPublicResource);
  const std::size_t host_end = endpoint.find_first_of("/?#", scheme + 3);
  const std::string_view authority = endpoint.substr(scheme + 3, host_end - scheme - 3);
  // A resource names no port (`https://api.loganalytics.azure.cn:443`).
  const std::string_view host = authority.substr(0, authority.find(':'));
  const std::string_view origin = endpoint.substr(0, scheme + 3 + host.size());
  const bool plain = !host.empty() && std::all_of(origin.begin(), origin.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == ':' || c == '/';
  });
  if (!plain || iequals(host, "api.loganalytics.io") || iequals(host, "api.loganalytics.azure.com"))
    return std::string(kPublicResource);
  return std::string(origin);
}

std::optional<AccessToken> workspace_access_token(const DiagnosticLines& say,
                                                  const std::string& resource) {
  if (const char* token = std::getenv(kTokenVariable); token != nullptr && *token != '\0') {
    return AccessToken{std::string(trim(token)), false};
  }
  MessageId why = MessageId::az_not_started;
  if (auto token = token_from_az(resource, why)) return AccessToken{std::move(*token), true};
  say.error(Message{MessageId::access_token_missing, {Message{why, {}}, kTokenVariable, resource}});
  return std::nullopt;
}

WorkspaceInput::WorkspaceInput(WorkspaceInput&& other) noexcept
    : paths(std::move(other.paths)),
      since(other.since),
      until(other.until),
      temporary_folder(std::move(other.temporary_folder)) {
  other.temporary_folder.clear();
}

WorkspaceInput& WorkspaceInput::operator=(WorkspaceInput&& other) noexcept {
  std::swap(paths, other.paths);
  std::swap(since, other.since);
  std::swap(until, other.until);
  std::swap(temporary_folder, other.temporary_folder);
  return *this;
}

WorkspaceInput::~WorkspaceInput() {
  if (temporary_folder.empty()) return;
  std::error_code ignored;
  std::filesystem::remove_all(temporary_folder, ignored);
}

std::optional<WorkspaceInput> pull_workspace_input(const WorkspaceOptions& options,
                                                   std::optional<TimeBound> since,
                                                   std::optional<TimeBound> until,
                                                   const std::vector<std::string>& hubs,
                                                   Timestamp now, bool stderr_is_terminal,
                                                   const DiagnosticLines& say) {
  WorkspaceInput input;
  input.until = until ? resolve_before_now(*until, now) : now;
  input.since = since ? resolve_before_now(*since, now) : input.until - kDefaultSpan;
  if (!since) say.note(Message{MessageId::workspace_default_span, {format_iso8601(input.until)}});
  if (input.since > input.until) {
    say.error(Message{MessageId::since_after_until,
                      {format_iso8601(input.since), format_iso8601(input.until)}});
    return std::nullopt;
  }
  if (const auto problem = workspace::transport_problem()) {
    say.error(Message{MessageId::workspace_unreadable, {options.id, *problem}});
    return std::nullopt;
  }
  const std::string resource = token_resource(options.endpoint);
  const auto token = workspace_access_token(say, resource);
  if (!token) return std::nullopt;

  workspace::PullOptions pull;
  pull.workspace = options.id;
  pull.endpoint = options.endpoint;
  pull.token = token->value;
  std::optional<MessageId> renewal_failed;  // why az gave no new token, told with the refusal
  if (token->from_az) {
    pull.renew_token = [resource, &renewal_failed]() {
      MessageId why = MessageId::az_not_started;
      auto renewed = token_from_az(resource, why);
      if (!renewed) renewal_failed = why;
      return renewed;
    };
  }
  pull.since = input.since;
  pull.until = input.until;
  pull.now = now;
  pull.hubs = hubs;
  if (options.save_folder.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "iothub-diag-pull.XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      say.error(Message{MessageId::pull_folder_failed, {os_error_message(errno)}});
      return std::nullopt;
    }
    input.temporary_folder = pattern;
    pull.folder = pattern;
  } else {
    pull.folder = options.save_folder;
  }

  const auto transport = workspace::make_curl_transport();
  const auto sleep = [](double seconds) {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  };
  std::ostream& err = say.stream();
  std::size_t shown = 0;
  const auto progress = [&](const workspace::PullStats& stats, std::size_t planned) {
    if (!stderr_is_terminal) return;
    const std::string line =
        say.text(Message{MessageId::workspace_progress,
                         {count_arg(stats.chunks_reused + stats.chunks_requested),
                          count_arg(planned), count_arg(stats.rows)},
                         stats.rows});
    const std::size_t width = display_width(line);
    err << '\r' << line << std::string(shown > width ? shown - width : 0, ' ') << std::flush;
    shown = width;
  };
  const workspace::PullResult result = workspace::pull_workspace(pull, *transport, sleep, progress);
  if (shown > 0) err << '\r' << std::string(shown, ' ') << '\r';
  if (result.error) {
    say.error(Message{MessageId::workspace_failed, {options.id, *result.error}});
    if (result.fatal_token && renewal_failed)
      say.note(Message{MessageId::workspace_renewal_failed, {Message{*renewal_failed, {}}}});
    if (!options.save_folder.empty())
      say.note(Message{MessageId::workspace_chunks_kept, {pull.folder}});
    return std::nullopt;
  }
  const workspace::PullStats& stats = result.stats;
  // Each count with its own noun: one form per count, as each language writes it.
  const auto counted = [](MessageId id, std::uint64_t count) {
    return MessageArg(Message{id, {count_arg(count)}, count});
  };
  say.note(Message{MessageId::workspace_pulled,
                   {options.id, counted(MessageId::pulled_rows, stats.rows),
                    say.decimal(static_cast<double>(stats.bytes) / 1e6, 1),
                    counted(MessageId::pulled_chunks, stats.chunks_total),
                    counted(MessageId::pulled_asked, stats.chunks_requested),
                    counted(MessageId::pulled_saved, stats.chunks_reused),
                    counted(MessageId::pulled_split, stats.chunks_split),
                    counted(MessageId::pulled_retried, stats.retries)}});
  if (stats.chunks_unsettled > 0) {
    say.note(Message{options.save_folder.empty() ? MessageId::workspace_recent_rows
                                                 : MessageId::workspace_recent_rows_saved,
                     {options.id, count_arg(static_cast<std::uint64_t>(pull.settle_margin /
                                                                       kMillisPerMinute))}});
  }
  if (stats.token_renewals > 0) {
    say.note(Message{MessageId::workspace_token_renewed,
                     {options.id, count_arg(stats.token_renewals)},
                     stats.token_renewals});
  }
  input.paths = result.files;
  return input;
}

}  // namespace iothub_diag
