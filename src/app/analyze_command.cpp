#include <cerrno>
#include <fstream>
#include <new>
#include <optional>

#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <iothub_diag/analysis/device_story.hpp>
#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/app/progress_line.hpp>
#include <iothub_diag/app/report_output.hpp>
#include <iothub_diag/app/stage_timings.hpp>
#include <iothub_diag/core/os_error.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/report_format.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

// Reads --config; returns false (after saying why) when it cannot be used.
bool load_thresholds(const std::string& path, Thresholds& thresholds, const DiagnosticLines& say) {
  if (path.empty()) return true;
  std::ifstream file(path);
  if (!file) {
    say.error(Message{MessageId::config_unreadable, {path}});
    return false;
  }
  const nlohmann::json config = nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded()) {
    say.error(Message{MessageId::config_not_json, {path}});
    return false;
  }
  if (const auto problem = apply_thresholds(config, thresholds)) {
    say.error(Message{MessageId::config_refused, {path, *problem}});
    return false;
  }
  return true;
}

// Says on stderr which inputs hold only part of a result; the report's
// incomplete-export finding says it too.
void report_cut_inputs(const IngestStats& stats, const DiagnosticLines& say) {
  for (const CutInput& cut : stats.cut_inputs) {
    // A cap is said in --lang; the service's own message as it came.
    std::optional<Message> cap = row_cap_message(cut);
    say.warning(Message{MessageId::input_cut,
                        {cut.source, cap ? MessageArg(std::move(*cap)) : MessageArg(cut.detail)}});
  }
}

void report_skips(const IngestStats& stats, const DiagnosticLines& say) {
  for (const SkipSample& sample : stats.skip_samples) {
    // The reader's own sentence, in --lang, or the reason's description.
    MessageArg detail = sample.detail ? MessageArg(*sample.detail)
                                      : MessageArg(say.texts().skip_reason(sample.reason));
    // `file:12 (record 3)` says "record" in --lang; `file` and `file:12` need no words.
    MessageArg location = sample.index == 0
                              ? MessageArg(sample.location())
                              : MessageArg(Message{MessageId::location_in_batch,
                                                   {sample.source, std::to_string(sample.line),
                                                    std::to_string(sample.index)}});
    say.warning(Message{MessageId::record_skipped,
                        {std::move(location), to_string(sample.reason), std::move(detail)}});
  }
  if (stats.skipped > stats.skip_samples.size()) {
    const std::uint64_t more = stats.skipped - stats.skip_samples.size();
    say.warning(Message{MessageId::records_skipped_more, {count_arg(more)}, more});
  }
}

bool use_color(const AnalyzeOptions& options, const Environment& environment) {
  switch (options.color) {
    case ColorMode::always:
      return true;
    case ColorMode::never:
      return false;
    case ColorMode::automatic:
      break;
  }
  return environment.stdout_is_terminal && !environment.no_color &&
         (options.output_file.empty() || options.output_file == "-");
}

// Named files that exist but cannot be opened (no permission, a socket). Ingest
// reads each as a skip; as a path the user named, the report lists it too.
std::vector<PathProblem> unopenable_named_files(const std::vector<std::string>& paths) {
  std::vector<PathProblem> problems;
  for (const std::string& path : paths) {
    struct stat info {};
    // Standard input and missing paths are not for this check (the walk reports the latter).
    if (path == "-" || ::stat(path.c_str(), &info) != 0) continue;
    // Pipes and devices are left alone: opening one can block or take its data.
    if (S_ISDIR(info.st_mode) || S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode)) continue;
    const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (descriptor < 0) {
      problems.push_back({path, os_error_message(errno)});
      continue;
    }
    ::close(descriptor);
  }
  return problems;
}

// Reads the inputs, diagnoses them and returns the report, or nullopt after
// saying why there is none. The store and the analysis are gone when it
// returns: the report holds copies, and the renderer needs memory of its own.
std::optional<Report> read_and_diagnose(const AnalyzeOptions& options,
                                        const Environment& environment,
                                        const Thresholds& thresholds, StageTimings& timings,
                                        const DiagnosticLines& say) {
  EventStore store(
      EventStore::Options{options.drop_duplicates, 10, options.hubs, options.since, options.until});
  ReadOptions read_options;
  read_options.format = options.input_format;
  read_options.limits.max_text_bytes = options.max_record_bytes;
  read_options.date_order = options.date_order;
  read_options.local_time_offset_minutes = options.local_time_offset_minutes;
  IngestOptions ingest_options{options.threads, options.piece_bytes, {}};
  ingest_options.on_pipe = [&say](const Message& note) { say.note(note); };
  IngestResult ingest;
  if (environment.stderr_is_terminal && environment.clock) {
    ProgressLine progress(say, store, environment.clock);
    ingest = ingest_paths(options.paths, read_options, store, ingest_options, &progress);
  } else {
    ingest = ingest_paths(options.paths, read_options, store, ingest_options);
  }
  for (PathProblem& problem : unopenable_named_files(options.paths))
    ingest.path_problems.push_back(std::move(problem));
  for (const PathProblem& problem : ingest.path_problems)
    say.error(Message{MessageId::path_unreadable, {problem.path, problem.problem}});
  timings.end_stage(MessageId::stage_read);
  store.finalize(options.threads);
  timings.end_stage(MessageId::stage_finalize);
  report_skips(store.stats(), say);
  report_cut_inputs(store.stats(), say);
  if (const IngestStats& stats = store.stats(); stats.records == 0) {
    // No report will carry them: how the input was read may say why nothing
    // was. A pipe's note was said when it was opened.
    for (const Message& note : stats.notes) {
      if (note.id != MessageId::pipe_read) say.note(note);
    }
    const ReportTexts& texts = say.texts();
    say.error(Message{
        MessageId::no_records,
        {texts.count_of(stats.files, Noun::file), texts.count_of(stats.skipped, Noun::record)},
        stats.skipped});
    return std::nullopt;
  }
  if (const auto unmatched = store.unmatched_hub_filters(); !unmatched.empty()) {
    std::string known;
    for (const HubInfo& hub : store.hubs()) {
      known += (known.empty() ? "" : ", ") +
               (hub.name.empty() ? say.text(Message{MessageId::hub_unnamed, {}}) : hub.name);
    }
    say.error(Message{MessageId::hub_not_found, {unmatched.front(), known}});
    return std::nullopt;
  }
  if (const auto& stats = store.stats();
      stats.since && stats.until && *stats.since > *stats.until) {
    say.error(Message{MessageId::since_after_until_resolved,
                      {format_iso8601(*stats.since), format_iso8601(*stats.until)}});
    return std::nullopt;
  }
  // A date that misses the logs (a typo, another year) would report a calm
  // fleet: it is refused, as a hub that is not there is.
  if (const auto& stats = store.stats(); (stats.since || stats.until) &&
                                         stats.scope_first <= stats.scope_last &&
                                         stats.first_event > stats.last_event) {
    const auto bound = [](const std::optional<Timestamp>& time) {
      return time ? format_iso8601(*time) : std::string("…");
    };
    say.error(Message{MessageId::window_outside_logs,
                      {bound(stats.since), bound(stats.until), format_iso8601(stats.scope_first),
                       format_iso8601(stats.scope_last)}});
    return std::nullopt;
  }
  Diagnosis diagnosis(store, thresholds, options.threads);
  timings.end_stage(MessageId::stage_diagnosis, diagnosis.step_seconds());
  std::vector<Finding> findings = run_rules(diagnosis, options.threads);
  timings.end_stage(MessageId::stage_rules);
  Report report = build_report(diagnosis, std::move(findings), options.devices);
  report.path_problems = std::move(ingest.path_problems);
  for (const std::string& pattern : options.devices) {
    if (devices_matching(store, std::span(&pattern, 1)).empty())
      say.warning(Message{MessageId::device_not_found, {pattern}});
  }
  return report;
}

// Leaves the report, on leaving run_analyze, to the end of the process when it
// ends right after: moved to a block only a static pointer holds (memory still
// reachable, so leak checkers stay quiet), and never freed.
class LeftToExit {
 public:
  LeftToExit(std::optional<Report>& report, bool leave) : report_(report), leave_(leave) {}
  LeftToExit(const LeftToExit&) = delete;
  LeftToExit& operator=(const LeftToExit&) = delete;
  ~LeftToExit() {
    if (!leave_ || !report_) return;
    static Report* left = nullptr;
    if (left == nullptr) left = new (std::nothrow) Report(std::move(*report_));
  }

 private:
  std::optional<Report>& report_;
  bool leave_;
};

}  // namespace

ExitCode run_analyze(const AnalyzeOptions& options, const Environment& environment,
                     std::ostream& out, std::ostream& err) {
  const DiagnosticLines say(err, options.language);
  Thresholds thresholds;
  if (!load_thresholds(options.config_file, thresholds, say)) return ExitCode::failure;
  if (options.since && options.until && options.since->at && options.until->at &&
      *options.since->at > *options.until->at) {
    say.error(Message{MessageId::since_after_until,
                      {format_iso8601(*options.since->at), format_iso8601(*options.until->at)}});
    return ExitCode::failure;
  }
  if (const auto input = input_overwritten_by(options.output_file, options.paths)) {
    say.error(Message{MessageId::output_is_input, {options.output_file, *input}});
    return ExitCode::failure;
  }
  // Opened before the reading, which can take minutes: an unwritable -o is said at once.
  ReportOutput output(options.output_file, out);
  if (const auto problem = output.problem()) {
    say.error(*problem);
    return ExitCode::failure;
  }
  StageTimings timings(options.timings);
  // A workspace is pulled into chunk files first; they are then read like any input,
  // within the span pulled.
  std::optional<WorkspaceInput> pulled;
  AnalyzeOptions read_options = options;
  if (options.workspace.id.empty() && !options.workspace.save_folder.empty()) {
    say.error(Message{MessageId::save_without_workspace, {}});
    return ExitCode::failure;
  }
  if (!options.workspace.id.empty()) {
    if (!options.paths.empty()) {
      say.error(Message{MessageId::workspace_with_paths, {}});
      return ExitCode::failure;
    }
    pulled = pull_workspace_input(options.workspace, options.since, options.until, options.hubs,
                                  environment.now, environment.stderr_is_terminal, say);
    if (!pulled) return ExitCode::failure;
    read_options.paths = pulled->paths;
    read_options.since = TimeBound{pulled->since, std::nullopt};
    read_options.until = TimeBound{pulled->until, std::nullopt};
  }
  std::optional<Report> diagnosed =
      read_and_diagnose(read_options, environment, thresholds, timings, say);
  if (!diagnosed) return ExitCode::failure;
  const LeftToExit left_to_exit(diagnosed, environment.exits_after);
  const Report& report = *diagnosed;
  timings.end_stage(MessageId::stage_report);

  // Rendered straight into the stream: a report of 50,000 devices is tens of
  // megabytes, and a copy of it in memory would only raise the peak.
  const RenderOptions render_options{use_color(options, environment), options.max_items,
                                     options.language, options.threads};
  report_format_info(options.format).render(report, render_options, output.stream());
  if (const auto problem = output.finish()) {
    say.error(*problem);
    return ExitCode::failure;
  }
  timings.end_stage(MessageId::stage_render);
  timings.write(say);

  // As grep does: the report covers what could be read, the exit code says
  // that something named could not be.
  if (!report.path_problems.empty()) return ExitCode::failure;
  const auto worst = worst_severity(report);
  if (options.fail_on && worst && *worst >= *options.fail_on) return ExitCode::findings;
  return ExitCode::clean;
}

ExitCode run_rules(const std::string& config_file, Language language, std::ostream& out,
                   std::ostream& err) {
  Thresholds thresholds;
  if (!load_thresholds(config_file, thresholds, DiagnosticLines(err, language)))
    return ExitCode::failure;
  const ReportTexts texts(language);
  const auto ui = [&](std::string_view name) {
    return fmt::runtime(texts.find("ui.rules_" + std::string(name)));
  };
  out << texts.find("ui.rules_heading") << '\n';
  for (const RuleSpec& info : rule_catalog()) {
    const RuleTexts words = texts.rule(info);
    out << fmt::format("\n  {}  [{}{}]\n", info.id, to_string(info.severity),
                       info.symptom == 0 ? "" : ", " + texts.symptom_number(info.symptom));
    out << fmt::format(ui("rule"), words.title, words.decision, info.docs_url) << '\n';
  }
  out << '\n' << texts.find("ui.rules_thresholds") << "\n\n";
  const Thresholds defaults;
  for (const ThresholdInfo& info : threshold_table()) {
    const double value = thresholds.*(info.field);
    const bool changed = value != defaults.*(info.field);
    const std::string_view meaning = texts.find("threshold." + std::string(info.name));
    out << fmt::format("  {:<28} {:>10g} {:<8} {}{}\n", info.name, value, info.unit,
                       meaning.empty() ? info.meaning : meaning,
                       changed ? fmt::format(ui("default"), defaults.*(info.field)) : "");
  }
  return ExitCode::clean;
}

}  // namespace iothub_diag
