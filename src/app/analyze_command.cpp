#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <iothub_diag/analysis/device_story.hpp>
#include <iothub_diag/analysis/diagnosis.hpp>
#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/app/progress_line.hpp>
#include <iothub_diag/app/stage_timings.hpp>
#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/input/ingest.hpp>
#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/report/report_format.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

void error_line(std::ostream& err, std::string_view message) {
  err << "iothub-diag: error: " << message << '\n';
}
void warning_line(std::ostream& err, std::string_view message) {
  err << "iothub-diag: warning: " << message << '\n';
}

// Reads --config; returns false (after saying why) when it cannot be used.
bool load_thresholds(const std::string& path, Thresholds& thresholds, std::ostream& err) {
  if (path.empty()) return true;
  std::ifstream file(path);
  if (!file) {
    error_line(err, fmt::format("cannot read config '{}'", escape_for_terminal(path)));
    return false;
  }
  const nlohmann::json config = nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
  if (config.is_discarded()) {
    error_line(err, fmt::format("config '{}' is not valid JSON", escape_for_terminal(path)));
    return false;
  }
  if (const auto problem = apply_thresholds(config, thresholds)) {
    error_line(err, fmt::format("config '{}': {}", escape_for_terminal(path), *problem));
    return false;
  }
  return true;
}

void report_skips(const IngestStats& stats, std::ostream& err) {
  for (const SkipSample& sample : stats.skip_samples) {
    std::string detail =
        sample.detail.empty() ? std::string(describe(sample.reason)) : sample.detail;
    warning_line(err, fmt::format("skipped {}: {} ({})", escape_for_terminal(sample.location),
                                  to_string(sample.reason), escape_for_terminal(detail)));
  }
  if (stats.skipped > stats.skip_samples.size()) {
    warning_line(err, fmt::format("{} more records skipped; input.skipped_reasons counts them all",
                                  stats.skipped - stats.skip_samples.size()));
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
  return environment.stdout_is_terminal && !environment.no_color && options.output_file.empty();
}

// Reads the inputs, diagnoses them and returns the report, or nullopt after
// saying why there is none. The store and the analysis are gone when it
// returns: the report holds copies, and the renderer needs memory of its own.
std::optional<Report> read_and_diagnose(const AnalyzeOptions& options,
                                        const Environment& environment,
                                        const Thresholds& thresholds, StageTimings& timings,
                                        std::ostream& err) {
  EventStore store(
      EventStore::Options{options.drop_duplicates, 10, options.hubs, options.since, options.until});
  ReadOptions read_options;
  read_options.format = options.input_format;
  read_options.limits.max_text_bytes = options.max_record_bytes;
  read_options.date_order = options.date_order;
  read_options.local_time_offset_minutes = options.local_time_offset_minutes;
  IngestOptions ingest_options{options.threads, options.piece_bytes, {}};
  ingest_options.on_pipe = [&err](std::string_view note) {
    err << "iothub-diag: " << escape_for_terminal(note) << '\n' << std::flush;
  };
  IngestResult ingest;
  if (environment.stderr_is_terminal && environment.clock) {
    ProgressLine progress(err, store, environment.clock);
    ingest = ingest_paths(options.paths, read_options, store, ingest_options, &progress);
  } else {
    ingest = ingest_paths(options.paths, read_options, store, ingest_options);
  }
  for (const PathProblem& problem : ingest.path_problems) {
    error_line(err, fmt::format("cannot read '{}': {}", escape_for_terminal(problem.path),
                                problem.message));
  }
  timings.end_stage("read");
  store.finalize();
  timings.end_stage("finalize");
  report_skips(store.stats(), err);
  if (const auto unmatched = store.unmatched_hub_filters(); !unmatched.empty()) {
    std::string known;
    for (const HubInfo& hub : store.hubs())
      known += (known.empty() ? "" : ", ") + (hub.name.empty() ? "(no hub)" : hub.name);
    error_line(err,
               fmt::format("--hub {}: no such hub in the input (hubs: {})",
                           escape_for_terminal(unmatched.front()), escape_for_terminal(known)));
    return std::nullopt;
  }
  if (store.stats().records == 0) {
    error_line(err, fmt::format("no log records could be read ({} files, {} records skipped)",
                                store.stats().files, store.stats().skipped));
    return std::nullopt;
  }
  Diagnosis diagnosis(store, thresholds, options.threads);
  timings.end_stage("diagnosis");
  std::vector<Finding> findings = run_rules(diagnosis, options.threads);
  timings.end_stage("rules");
  Report report = build_report(diagnosis, std::move(findings), options.devices);
  for (const std::string& pattern : options.devices) {
    if (devices_matching(store, std::span(&pattern, 1)).empty()) {
      warning_line(err, fmt::format("--device {}: no such device in the analyzed logs",
                                    escape_for_terminal(pattern)));
    }
  }
  return report;
}

}  // namespace

ExitCode run_analyze(const AnalyzeOptions& options, const Environment& environment,
                     std::ostream& out, std::ostream& err) {
  Thresholds thresholds;
  if (!load_thresholds(options.config_file, thresholds, err)) return ExitCode::failure;
  StageTimings timings(options.timings);
  const std::optional<Report> diagnosed =
      read_and_diagnose(options, environment, thresholds, timings, err);
  if (!diagnosed) return ExitCode::failure;
  const Report& report = *diagnosed;
  timings.end_stage("report");

  // Rendered straight into the stream: a report of 50,000 devices is tens of
  // megabytes, and a copy of it in memory would only raise the peak.
  const RenderOptions render_options{use_color(options, environment), options.max_items,
                                     options.language};
  const auto render = [&](std::ostream& stream) {
    report_format_info(options.format).render(report, render_options, stream);
  };
  if (options.output_file.empty()) {
    render(out);
  } else {
    std::ofstream file(options.output_file, std::ios::binary);
    render(file);
    if (!file.flush()) {
      error_line(err, fmt::format("cannot write '{}'", escape_for_terminal(options.output_file)));
      return ExitCode::failure;
    }
  }
  timings.end_stage("render");
  timings.write(err);

  const auto worst = worst_severity(report);
  if (options.fail_on && worst && *worst >= *options.fail_on) return ExitCode::findings;
  return ExitCode::clean;
}

ExitCode run_rules(const std::string& config_file, std::ostream& out, std::ostream& err) {
  Thresholds thresholds;
  if (!load_thresholds(config_file, thresholds, err)) return ExitCode::failure;
  out << "Rules, in evaluation order:\n";
  for (const Rule* rule : rule_registry()) {
    const RuleInfo& info = rule->info();
    out << fmt::format("\n  {}  [{}{}]\n", info.id, to_string(info.severity),
                       info.symptom == 0 ? "" : fmt::format(", symptom {}", info.symptom));
    out << fmt::format("    {}\n    decides on: {}\n    docs: {}\n", info.title, info.decision,
                       info.docs_url);
  }
  out << "\nThresholds (override any with --config FILE, a JSON object of name: number):\n\n";
  const Thresholds defaults;
  for (const ThresholdInfo& info : threshold_table()) {
    const double value = thresholds.*(info.field);
    const bool changed = value != defaults.*(info.field);
    out << fmt::format("  {:<28} {:>10g} {:<8} {}{}\n", info.name, value, info.unit, info.meaning,
                       changed ? fmt::format(" (default {:g})", defaults.*(info.field)) : "");
  }
  return ExitCode::clean;
}

}  // namespace iothub_diag
