#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/app/command_line.hpp>
#include <iothub_diag/app/manual_texts.hpp>
#include <iothub_diag/app/version_text.hpp>
#include <iothub_diag/simulate/simulation_options.hpp>

namespace iothub_diag {

namespace {

bool is_positive_count(const std::string& text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc{} && end == text.data() + text.size() && value >= 1;
}

// The largest size an option takes: 1 TiB, written as the user would.
constexpr std::uint64_t kMaxSize = std::uint64_t{1} << 40;
constexpr const char* kMaxSizeText = "1T";

// `check`, which also leaves in `refusal`, when it refuses a value, why as a
// Message: main() says it in the language of --lang, where CLI11's own
// sentence is English only (app/usage_error.cpp). It keeps the check's
// description, so --help, the manual page and the completions do not change.
CLI::Validator said(CLI::Validator check, std::optional<Message>& refusal,
                    std::function<Message(const std::string&)> reason) {
  std::string description = check.get_description();
  return {[check = std::move(check), &refusal, reason = std::move(reason)](std::string& value) {
            const std::string given = value;
            try {
              std::string problem = check(value);
              if (!problem.empty()) refusal = reason(given);
              return problem;
            } catch (const CLI::ValidationError&) {
              refusal = reason(given);
              throw;
            }
          },
          std::move(description)};
}

CLI::Validator one_of(const std::string& option, const std::vector<std::string>& names,
                      std::optional<Message>& refusal) {
  return said(CLI::IsMember(names), refusal,
              [option, list = fmt::format("{}", fmt::join(names, ", "))](const std::string& given) {
                return Message{MessageId::usage_not_one_of, {option, given, list}};
              });
}

template <typename Number>
CLI::Validator whole_number(const std::string& option, Number low, Number high,
                            std::optional<Message>& refusal) {
  return said(CLI::Range(low, high), refusal, [option, low, high](const std::string& given) {
    return Message{MessageId::usage_not_in_range,
                   {option, given, std::to_string(low), std::to_string(high)}};
  });
}

// Bytes, or a number with a unit: K, M, G (KiB, MiB, GiB: powers of 1024, any
// case), from 1 byte to kMaxSize. A transform: the option receives the bytes.
CLI::Validator size_value(const std::string& option, std::optional<Message>& refusal) {
  const CLI::Validator units = CLI::AsSizeValue(false);
  const CLI::Range range(std::uint64_t{1}, kMaxSize);
  CLI::Validator bytes(
      [units, range](std::string& value) {
        std::string problem = units(value);
        return problem.empty() ? range(value) : problem;
      },
      "");
  return said(std::move(bytes), refusal, [option](const std::string& given) {
    return Message{MessageId::usage_not_size, {option, given, kMaxSizeText}};
  });
}

// A size as size_value() takes it, or `auto` (its default, 0 to the reader: it decides).
CLI::Validator size_or_auto_value(const std::string& option, std::optional<Message>& refusal) {
  const CLI::Validator size = size_value(option, refusal);
  return CLI::Validator(
      [size](std::string& value) {
        if (value != "auto") return size(value);
        value = "0";
        return std::string();
      },
      "");
}

CLI::Validator time_bound_value(const std::string& option, std::optional<Message>& refusal) {
  const CLI::Validator check(
      [](std::string& text) {
        return parse_time_bound(text) ? std::string() : std::string("not a time bound");
      },
      "");
  return said(check, refusal, [option](const std::string& given) {
    return Message{MessageId::usage_not_time_bound, {option, given}};
  });
}

void add_analyze(CLI::App& app, AnalyzeOptions& options, std::string& fail_on,
                 std::optional<Message>& refusal) {
  CLI::App* analyze =
      app.add_subcommand("analyze", "Diagnose 404104 disconnects in exported IoT Hub logs");
  analyze->footer(exit_codes_footer());
  analyze->add_option("PATH", options.paths,
                      "Log files or directories (walked recursively); '-' or nothing reads stdin");
  std::vector<std::string> report_names;
  std::string report_help = "Report format:";
  for (const ReportFormatInfo& info : report_formats()) {
    report_names.emplace_back(info.name);
    report_help += "\n  " + std::string(info.name) + ": " + std::string(info.description);
  }
  analyze
      ->add_option_function<std::string>(
          "-f,--format",
          [&options](const std::string& name) { options.format = *report_format_from_name(name); },
          report_help)
      ->check(one_of("--format", report_names, refusal))
      ->default_str("text");
  analyze
      ->add_option_function<std::string>(
          "--lang",
          [&options](const std::string& name) { options.language = *language_from_name(name); },
          "Language of the text, Markdown and HTML reports and of the messages on stderr "
          "(JSON and CSV stay English)")
      ->check(one_of("--lang", {"en", "fr"}, refusal))
      ->default_str("en");
  analyze
      ->add_option("-o,--output", options.output_file,
                   "Write the report to FILE instead of stdout: a file (or the file a link "
                   "names) is replaced only once the report is whole; a device, a pipe or "
                   "/dev/stdout is written in place")
      ->type_name(kFileValue);
  analyze
      ->add_option("--fail-on", fail_on,
                   "Exit 1 when a finding is at least this severe (never: always exit 0)")
      ->check(one_of("--fail-on", {"info", "warning", "error", "never"}, refusal))
      ->default_str("warning");
  analyze
      ->add_option_function<std::string>(
          "--color",
          [&options](const std::string& name) {
            options.color = name == "always"  ? ColorMode::always
                            : name == "never" ? ColorMode::never
                                              : ColorMode::automatic;
          },
          "Color the text report (auto: only on a terminal, and not when NO_COLOR is set)")
      ->check(one_of("--color", {"auto", "always", "never"}, refusal))
      ->default_str("auto");
  // Checked as text first: a size_t option would take -1 as "all" by wrapping.
  analyze
      ->add_option("--top", options.max_items,
                   "Devices or windows listed per finding in text and Markdown (at least 1)")
      ->check(said(CLI::Validator(
                       [](std::string& text) {
                         return is_positive_count(text) ? std::string() : "not a count";
                       },
                       ""),
                   refusal,
                   [](const std::string& given) {
                     return Message{MessageId::usage_not_whole_count, {"--top", given}};
                   }))
      ->default_str("10");
  analyze
      ->add_option("--config", options.config_file,
                   "JSON file overriding thresholds (see `iothub-diag rules`)")
      ->type_name(kFileValue);
  std::vector<std::string> format_names;
  std::string format_help = "Read every file as this shape:";
  for (const auto& info : input_formats()) {
    format_names.emplace_back(info.name);
    format_help += "\n  " + std::string(info.name) + ": " + std::string(info.description);
  }
  analyze
      ->add_option_function<std::string>(
          "--input-format",
          [&options](const std::string& name) {
            options.input_format = *input_format_from_name(name);
          },
          format_help)
      ->check(one_of("--input-format", format_names, refusal))
      ->default_str("auto");
  analyze
      ->add_option_function<std::string>(
          "--date-order",
          [&options](const std::string& name) { options.date_order = *date_order_from_name(name); },
          "Day/month order of CSV locale dates, used only when the data cannot tell")
      ->check(one_of("--date-order", {"auto", "month-first", "day-first"}, refusal))
      ->default_str("auto");
  analyze
      ->add_option_function<std::string>(
          "--local-time-offset",
          [&options](const std::string& text) {
            options.local_time_offset_minutes = parse_utc_offset(text);
          },
          "UTC offset of `TimeGenerated [Local Time]` CSV exports, e.g. +02:00")
      ->check(
          said(CLI::Validator(
                   [](std::string& text) {
                     return parse_utc_offset(text) ? std::string() : "not an offset";
                   },
                   ""),
               refusal, [](const std::string& given) {
                 return Message{MessageId::usage_not_utc_offset, {"--local-time-offset", given}};
               }));
  analyze
      ->add_option("--max-record-size", options.max_record_bytes,
                   "Skip records larger than this size, in bytes or with a unit: 64M, 512KiB "
                   "(memory bound)")
      ->transform(size_value("--max-record-size", refusal))
      ->type_name(kSizeValue)
      ->default_str("64M");
  // One value per use, so `--hub A logs/` still reads logs/ as a path.
  analyze
      ->add_option("--hub", options.hubs,
                   "Analyze only this IoT hub (repeatable; names compared without regard to "
                   "case; input.hubs in the JSON report lists the hubs found)")
      ->allow_extra_args(false);
  const auto time_bound = [](std::optional<TimeBound>& bound) {
    return [&bound](const std::string& text) { bound = parse_time_bound(text); };
  };
  analyze
      ->add_option_function<std::string>(
          "--since", time_bound(options.since),
          "Analyze only events at or after this time: ISO-8601 UTC, or a duration (24h, 7d) "
          "counted back from the last event of the hubs analyzed")
      ->check(time_bound_value("--since", refusal));
  analyze
      ->add_option_function<std::string>(
          "--until", time_bound(options.until),
          "Analyze only events at or before this time: ISO-8601 UTC, or a duration counted back "
          "from the last event of the hubs analyzed")
      ->check(time_bound_value("--until", refusal));
  analyze
      ->add_option("--device", options.devices,
                   "Add this device's timeline to the report: every connect, drop (with its "
                   "cause) and error, in time order (repeatable; * and ? globs)")
      ->allow_extra_args(false);
  analyze
      ->add_option("--threads", options.threads,
                   "Files, and pieces of large JSON Lines files, read at once (the report is the "
                   "same for any number)")
      ->check(whole_number("--threads", 1u, 1024u, refusal))
      ->default_str("number of cores");
  analyze
      ->add_option("--piece-size", options.piece_bytes,
                   "Read a JSON Lines file of at least twice this size as pieces of about this "
                   "size, as many at once as --threads (in bytes or with a unit: 8M, 512K; "
                   "auto: 8M); a CSV's rows are cut on the spare threads in chunks of this "
                   "size, at most 16M (auto: 1M)")
      ->transform(size_or_auto_value("--piece-size", refusal))
      ->type_name(kSizeValue)
      ->default_str("auto");
  analyze->add_flag("--timings", options.timings,
                    "After the report, print how long each stage took (read, finalize, "
                    "diagnosis with its steps, rules, report, render), the processor time its "
                    "threads used, and the peak memory on stderr");
  analyze->add_option("--workspace", options.workspace.id,
                      "Read the logs from this Log Analytics workspace (its id) instead of PATHs: "
                      "--since/--until (durations before now; default the last 24h) and --hub are "
                      "applied there. Token: IOTHUB_DIAG_ACCESS_TOKEN, else az");
  analyze
      ->add_option("--logs-endpoint", options.workspace.endpoint,
                   "The Log Analytics query API (sovereign clouds, tests); requests go to "
                   "URL/v1/workspaces/ID/query")
      ->default_str("https://api.loganalytics.io");
  analyze
      ->add_option("--save", options.workspace.save_folder,
                   "With --workspace: keep each chunk in DIR as the API returned it; the same "
                   "command again asks only for missing chunks, and `analyze DIR` reads them")
      ->type_name(kFolderValue);
  analyze->add_flag(
      "!--keep-duplicates", options.drop_duplicates,
      "Keep duplicate records (by default a repeat is counted once; see docs/json-report.md)");
}

// Flags come from the simulator's option table, so they never drift from it.
void add_simulate(CLI::App& app, SimulateCommand& command) {
  CLI::App* simulate = app.add_subcommand(
      "simulate",
      "Write a labeled, simulated fleet's logs and its ground truth (try the tool without logs)");
  simulate->footer(command_exit_codes_footer("simulate"));
  simulate->add_option("-o,--out", command.out_dir, "Output folder")
      ->required()
      ->type_name(kFolderValue);
  for (const auto& option : simulate::kSimulationOptions) {
    const std::string name(option.name);
    simulate
        ->add_option_function<std::string>(
            "--" + name,
            [&command, name](const std::string& value) {
              command.settings.emplace_back(name, value);
            },
            std::string(option.meaning))
        ->type_name(simulate::simulation_option_value_name(option))
        ->default_str(std::string(option.default_text));
  }
}

// `kql`: the workspace query for a span; durations count back from now (`ago()`).
void add_kql(CLI::App& app, KqlCommand& command, std::optional<Message>& refusal) {
  CLI::App* kql = app.add_subcommand(
      "kql", "Print the KQL query that reads a Log Analytics workspace for the analysis");
  kql->footer(command_exit_codes_footer("kql"));
  const auto time_bound = [](std::optional<TimeBound>& bound) {
    return [&bound](const std::string& text) { bound = parse_time_bound(text); };
  };
  kql->add_option_function<std::string>(
         "--since", time_bound(command.span.since),
         "Rows at or after this time: ISO-8601 UTC, or a duration (24h, 7d) before now")
      ->check(time_bound_value("--since", refusal));
  kql->add_option_function<std::string>(
         "--until", time_bound(command.span.until),
         "Rows at or before this time: ISO-8601 UTC, or a duration before now")
      ->check(time_bound_value("--until", refusal));
  kql->add_option("--hub", command.span.hubs,
                  "Only this IoT hub (repeatable; compared without regard to case)")
      ->allow_extra_args(false);
  kql->add_option("--device", command.devices,
                  "Only this device's connection events and errors (repeatable; needs one --hub)")
      ->allow_extra_args(false);
  kql->add_flag("--count", command.count,
                "Print the planning query instead: the rows the query returns, counted per bin");
  kql->add_option("--bin", command.bin_minutes, "The planning query's bin, in minutes")
      ->check(whole_number("--bin", 1, 1440, refusal))
      ->default_str("60");
  kql->add_option_function<std::string>(
         "--lang",
         [&command](const std::string& name) { command.language = *language_from_name(name); },
         "Language of the messages on stderr (the query is the same)")
      ->check(one_of("--lang", {"en", "fr"}, refusal))
      ->default_str("en");
}

void add_rules(CLI::App& app, std::string& config, Language& language,
               std::optional<Message>& refusal) {
  CLI::App* rules = app.add_subcommand("rules", "List every rule and threshold with its meaning");
  rules->footer(command_exit_codes_footer("rules"));
  rules->add_option("--config", config, "Show thresholds as overridden by this JSON file")
      ->type_name(kFileValue);
  rules
      ->add_option_function<std::string>(
          "--lang", [&language](const std::string& name) { language = *language_from_name(name); },
          "Language of the rule and threshold texts")
      ->check(one_of("--lang", {"en", "fr"}, refusal))
      ->default_str("en");
}

}  // namespace

CommandLine::CommandLine()
    : app("iothub-diag: tells which 404104 DeviceConnectionClosedRemotely pattern an Azure IoT "
          "Hub fleet shows, on which devices, why, and what to do.",
          "iothub-diag") {
  app.set_version_flag(
      "--version", [] { return version_text(); },
      "Print the version, the commit and the library versions, and exit");
  app.require_subcommand(1);
  app.footer(program_exit_codes_footer());
  add_analyze(app, analyze, fail_on, refusal);
  add_simulate(app, simulate);
  add_kql(app, kql, refusal);
  add_rules(app, rules_config, rules_language, refusal);
}

std::unique_ptr<CommandLine> make_command_line(unsigned cores) {
  auto command_line = std::make_unique<CommandLine>();
  command_line->analyze.threads = cores;
  return command_line;
}

}  // namespace iothub_diag
