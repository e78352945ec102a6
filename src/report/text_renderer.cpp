#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/text_renderer.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kWrapWidth = 96;
constexpr std::size_t kMaxCellWidth = 40;

class Painter {
 public:
  explicit Painter(bool enabled) : enabled_(enabled) {}
  std::string paint(std::string_view text, std::string_view code) const {
    if (!enabled_) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  // The same escapes around text appended to a buffer between open and close.
  void open(fmt::memory_buffer& out, std::string_view code) const {
    if (enabled_) fmt::format_to(std::back_inserter(out), "\x1b[{}m", code);
  }
  void close(fmt::memory_buffer& out) const {
    if (enabled_) out.append(std::string_view("\x1b[0m"));
  }
  std::string bold(std::string_view text) const { return paint(text, "1"); }
  std::string dim(std::string_view text) const { return paint(text, "2"); }
  // Severity words padded to the widest, so titles line up.
  std::string severity(Severity severity, const ReportTexts& texts) const {
    const std::string_view error = texts.find("ui.text_error");
    const std::string_view warning = texts.find("ui.text_warning");
    const std::string_view info = texts.find("ui.text_info");
    const std::size_t width =
        std::max({display_width(error), display_width(warning), display_width(info)});
    const auto padded = [&](std::string_view word) {
      return std::string(word) + std::string(width - display_width(word), ' ');
    };
    switch (severity) {
      case Severity::error:
        return paint(padded(error), "1;31");
      case Severity::warning:
        return paint(padded(warning), "1;33");
      case Severity::info:
        return paint(padded(info), "1;36");
    }
    return "";
  }

 private:
  bool enabled_;
};

std::string truncate(std::string text) {
  if (display_width(text) <= kMaxCellWidth) return text;
  std::size_t width = 0;
  std::size_t cut = 0;
  while (cut < text.size() && width < kMaxCellWidth - 1) {
    if ((static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80) ++width;
    ++cut;
  }
  while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    ++cut;
  return text.substr(0, cut) + "\xE2\x80\xA6";
}

// A table cell: the evidence as the reports for people write it, untrusted
// text made inert for a terminal and cut to the column's width.
std::string cell(const Evidence& evidence, const ReportTexts& texts) {
  const bool text =
      evidence.kind == EvidenceKind::text || evidence.kind == EvidenceKind::text_list ||
      evidence.kind == EvidenceKind::message || evidence.kind == EvidenceKind::message_list;
  if (!text) return texts.value(evidence);
  if (std::holds_alternative<std::monostate>(evidence.value)) return "-";
  return truncate(escape_for_terminal(texts.value(evidence)));
}

// `heading` padded with spaces to `width` columns.
std::string pad_to(std::string_view heading, std::size_t width) {
  const std::size_t used = display_width(heading);
  return std::string(heading) + std::string(width > used ? width - used : 1, ' ');
}

void write_wrapped(std::ostream& out, std::string_view heading, std::string_view text,
                   std::size_t indent) {
  std::string line = std::string(indent, ' ') + std::string(heading);
  const std::string pad(indent + display_width(heading), ' ');
  std::size_t pos = 0;
  bool first = true;
  while (pos < text.size()) {
    std::size_t next = text.find(' ', pos);
    if (next == std::string_view::npos) next = text.size();
    const std::string_view word = text.substr(pos, next - pos);
    if (!first && display_width(line) + 1 + display_width(word) > kWrapWidth) {
      out << line << '\n';
      line = pad;
      first = true;
    }
    if (!first) line += ' ';
    line += word;
    first = false;
    pos = next + 1;
  }
  out << line << '\n';
}

void write_table(std::ostream& out, const std::vector<const FindingItem*>& items, std::size_t limit,
                 const Painter& painter, const ReportTexts& texts) {
  if (items.empty()) return;
  const std::vector<Evidence>& columns = items.front()->evidence;
  std::vector<std::vector<std::string>> rows;
  const std::size_t shown = std::min(limit, items.size());
  for (std::size_t i = 0; i < shown; ++i) {
    std::vector<std::string> row;
    for (const Evidence& evidence : items[i]->evidence)
      row.push_back(cell(evidence, texts));
    rows.push_back(std::move(row));
  }
  // Columns where nothing is known (no module ids, say) are left out.
  std::vector<bool> keep(columns.size(), false);
  std::vector<std::size_t> widths(columns.size(), 0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    widths[c] = display_width(texts.label(columns[c]));
    for (const auto& row : rows) {
      widths[c] = std::max(widths[c], display_width(row[c]));
      keep[c] = columns[c].display == EvidenceDisplay::column && (keep[c] || row[c] != "-");
    }
  }
  auto write_row = [&](const std::vector<std::string>& row, bool header) {
    std::string line = "    ";
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (!keep[c]) continue;
      const std::size_t padding = widths[c] - display_width(row[c]);
      const bool right = is_numeric(columns[c].kind);
      line += right ? std::string(padding, ' ') + row[c] : row[c] + std::string(padding, ' ');
      line += "  ";
    }
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out << (header ? painter.dim(line) : line) << '\n';
  };
  std::vector<std::string> header;
  header.reserve(columns.size());
  for (const Evidence& column : columns)
    header.push_back(texts.label(column));
  write_row(header, true);
  for (const auto& row : rows)
    write_row(row, false);
  if (items.size() > shown) {
    out << painter.dim("    " + fmt::format(fmt::runtime(texts.find("ui.text_more")),
                                            texts.number(items.size() - shown)))
        << '\n';
  }
}

// Prose evidence (SDK assessments), each distinct text once with how many items carry it.
void write_prose(std::ostream& out, const std::vector<FindingItem>& items, const ReportTexts& texts,
                 Noun noun) {
  for (const ProseGroup& group : group_prose(items, texts)) {
    for (const auto& [count, text] : group.texts) {
      write_wrapped(out,
                    fmt::format(fmt::runtime(texts.find("ui.text_prose")), group.label,
                                texts.count_of(count, noun)),
                    escape_for_terminal(text), 4);
    }
  }
}

constexpr std::size_t kSummaryIndent = 9;

// A bold summary heading padded to the summary's indent.
std::string summary_heading(const Painter& painter, std::string_view word) {
  return painter.bold(word) +
         std::string(kSummaryIndent - std::min(kSummaryIndent - 1, display_width(word)), ' ');
}

std::string hub_label(const std::string& name, const ReportTexts& texts) {
  return name.empty() ? std::string(texts.find("ui.text_no_hub")) : escape_for_terminal(name);
}

// List evidence shown as prose (an isolated drop's possible and ruled-out causes),
// item by item for the items the table shows.
void write_item_lists(std::ostream& out, const std::vector<const FindingItem*>& items,
                      std::size_t shown, const ReportTexts& texts) {
  for (std::size_t i = 0; i < std::min(shown, items.size()); ++i) {
    std::string heading;
    for (const Evidence& evidence : items[i]->evidence) {
      const auto list = prose_list(evidence, texts);
      if (!list) continue;
      if (heading.empty()) {
        heading = item_heading(*items[i], texts,
                               [&](const Evidence& piece) { return cell(piece, texts); });
        out << "    " << heading << '\n';
      }
      write_wrapped(out, texts.label(evidence) + std::string(texts.find("ui.text_colon")),
                    escape_for_terminal(texts.sentence_list(*list)), 6);
    }
  }
}

// Which hubs an item list spans, in report order, each with its items (viewed,
// not copied: a fleet's finding holds tens of thousands); one group (all
// items) when a single hub is reported.
std::vector<std::pair<std::string, std::vector<const FindingItem*>>> by_hub(
    const Report& report, const std::vector<FindingItem>& items, const ReportTexts& texts) {
  std::vector<std::pair<std::string, std::vector<const FindingItem*>>> groups;
  const auto views = [&items](auto&& keep) {
    std::vector<const FindingItem*> kept;
    for (const FindingItem& item : items)
      if (keep(item)) kept.push_back(&item);
    return kept;
  };
  if (report.hubs.size() <= 1) {
    groups.emplace_back("", views([](const FindingItem&) { return true; }));
    return groups;
  }
  for (const HubInfo& hub : report.hubs) {
    auto of_hub =
        views([&hub](const FindingItem& item) { return item.hub && *item.hub == hub.name; });
    if (!of_hub.empty()) groups.emplace_back(hub_label(hub.name, texts), std::move(of_hub));
  }
  return groups;
}

void write_drops(const Report& report, std::ostream& out, const Painter& painter,
                 const ReportTexts& texts) {
  out << summary_heading(painter, texts.find("ui.text_drops"));
  if (report.drops.total == 0) {
    out << texts.find("ui.text_no_drops") << '\n';
    return;
  }
  std::string causes;
  for (const auto& [rule, count] : report.drops.by_cause) {
    if (count == 0) continue;
    causes += fmt::format("{}{} {}", causes.empty() ? "" : ", ", texts.number(count), rule);
  }
  out << fmt::format(fmt::runtime(texts.find("ui.text_drops_line")),
                     texts.count_of(report.drops.total, Noun::drop), causes)
      << '\n';
}

void write_input(const Report& report, std::ostream& out, const Painter& painter,
                 const ReportTexts& texts) {
  const IngestStats& input = report.input;
  const std::string input_word(texts.get(TextKey::input));
  out << painter.bold(input_word)
      << std::string(kSummaryIndent - std::min(kSummaryIndent - 1, display_width(input_word)), ' ')
      << texts.records_from_files(input.records, input.files);
  if (input.first_event <= input.last_event) {
    out << ", " << format_iso8601(input.first_event) << ' ' << texts.get(TextKey::to) << ' '
        << format_iso8601(input.last_event);
  }
  out << '\n';
  out << std::string(kSummaryIndent, ' ') << texts.count_of(input.skipped, Noun::skipped);
  if (!input.skipped_reasons.empty()) {
    std::string reasons;
    for (const auto& [reason, count] : input.skipped_reasons) {
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", to_string(reason), count);
    }
    out << " (" << reasons << ")";
  }
  out << ", " << texts.count_of(input.duplicates, Noun::duplicate) << '\n';
  if (!report.path_problems.empty()) {
    std::string problems;
    for (const PathProblem& problem : report.path_problems) {
      problems +=
          fmt::format("{}{} ({})", problems.empty() ? "" : ", ", escape_for_terminal(problem.path),
                      escape_for_terminal(texts.message(problem.problem)));
    }
    out << std::string(kSummaryIndent, ' ') << texts.find("ui.not_read")
        << texts.find("ui.text_colon") << problems << '\n';
  }
  if (const std::string azure = texts.azure_inputs(input.platform); !azure.empty())
    out << summary_heading(painter, texts.find("ui.text_azure")) << escape_for_terminal(azure)
        << '\n';
  const std::string fleet_word(texts.get(TextKey::fleet));
  out << painter.bold(fleet_word)
      << std::string(kSummaryIndent - std::min(kSummaryIndent - 1, display_width(fleet_word)), ' ')
      << texts.count_of(report.devices, Noun::device);
  if (!input.codes.empty()) {
    out << texts.find("ui.text_result_codes");
    for (const auto& [code, count] : input.codes) {
      const ResultCodeInfo* info = find_result_code(code);
      out << fmt::format(" {}{} x{}", code, info != nullptr ? fmt::format(" {}", info->name) : "",
                         texts.number(count));
      if (&code != &input.codes.rbegin()->first) out << ',';
    }
  }
  out << '\n';
  if (report.hubs.size() > 1) {
    std::string hubs;
    for (const HubInfo& hub : report.hubs) {
      hubs += fmt::format(
          "{}{} ({}{})", hubs.empty() ? "" : ", ", hub_label(hub.name, texts),
          texts.count_of(hub.records, Noun::record),
          hub.devices > 0 ? ", " + texts.count_of(hub.devices, Noun::device) : std::string());
    }
    out << summary_heading(painter, texts.get(TextKey::hubs)) << hubs << '\n';
  }
  if (input.since || input.until || input.out_of_scope > 0) {
    out << summary_heading(painter, texts.find("ui.text_scope"));
    if (input.since || input.until) {
      out << fmt::format(
          fmt::runtime(texts.find("ui.text_scope_range")),
          input.since ? format_iso8601(*input.since) : std::string(texts.find("ui.text_start")),
          input.until ? format_iso8601(*input.until) : std::string(texts.find("ui.text_end")));
    }
    out << fmt::format(fmt::runtime(texts.find("ui.text_scope_left_out")),
                       texts.number(input.out_of_scope))
        << '\n';
  }
  write_drops(report, out, painter, texts);
}

// The heading over a finding's first --top items: worst devices first, the
// drops of the longest connections first, windows in time order.
std::string_view items_heading(Noun noun) {
  switch (noun) {
    case Noun::window:
      return "ui.text_items_first";
    case Noun::drop:
      return "ui.text_items_longest";
    default:
      return "ui.text_items_worst";
  }
}

void write_finding(const Report& report, const Finding& finding, const RenderOptions& options,
                   std::ostream& out, const Painter& painter, const ReportTexts& texts) {
  const RuleSpec& rule = *finding.rule;
  const RuleTexts rule_texts = texts.rule(rule);
  const std::string symptom = rule.symptom == 0 ? "" : texts.symptom_number(rule.symptom) + ", ";
  out << '\n'
      << painter.severity(rule.severity, texts) << ' ' << painter.bold(rule_texts.title) << "  "
      << painter.dim(fmt::format("({}{})", symptom, rule.id)) << '\n';
  const auto& items = finding.windows.empty() ? finding.devices : finding.windows;
  const Noun noun = item_noun(finding);
  if (items.size() > options.max_items) {
    out << "  "
        << fmt::format(fmt::runtime(texts.find(items_heading(noun))),
                       texts.count_of(items.size(), noun), options.max_items)
        << '\n';
  } else {
    out << "  "
        << fmt::format(fmt::runtime(texts.find("ui.text_items")),
                       texts.count_of(items.size(), noun))
        << '\n';
  }
  for (const auto& [hub, hub_items] : by_hub(report, items, texts)) {
    if (!hub.empty()) {
      out << "  "
          << fmt::format(fmt::runtime(texts.find("ui.text_hub_items")), hub,
                         texts.count_of(hub_items.size(), noun))
          << '\n';
    }
    write_table(out, hub_items, options.max_items, painter, texts);
    write_item_lists(out, hub_items, options.max_items, texts);
  }
  write_prose(out, items, texts, noun);
  const std::string_view headings[] = {texts.get(TextKey::logs_show), texts.get(TextKey::cause),
                                       texts.get(TextKey::what_to_do), texts.get(TextKey::more),
                                       texts.get(TextKey::note)};
  std::size_t width = 0;
  for (const std::string_view heading : headings)
    width = std::max(width, display_width(heading) + 1);
  write_wrapped(out, pad_to(headings[0], width), rule_texts.symptom_text, 2);
  write_wrapped(out, pad_to(headings[1], width), rule_texts.cause, 2);
  write_wrapped(out, pad_to(headings[2], width), rule_texts.solution, 2);
  out << "  " << pad_to(headings[3], width) << rule.docs_url << '\n';
  for (const Message& note : finding.notes)
    write_wrapped(out, pad_to(headings[4], width), escape_for_terminal(texts.message(note)), 2);
}

// Each --device identity's story: one line per event, drops with their cause.
void write_timelines(const Report& report, std::ostream& out, const Painter& painter,
                     const ReportTexts& texts) {
  for (const DeviceTimeline& timeline : report.device_timelines) {
    std::string name = escape_for_terminal(timeline.device_id);
    if (!timeline.module_id.empty()) name += "/" + escape_for_terminal(timeline.module_id);
    out << '\n' << painter.bold(std::string(texts.find("ui.text_device")) + " " + name);
    if (!timeline.hub.empty())
      out << painter.dim(" (hub " + escape_for_terminal(timeline.hub) + ")");
    out << "  " << texts.count_of(timeline.events.size(), Noun::event) << '\n';
    // One buffer for every line: a story can hold a million events.
    fmt::memory_buffer line;
    std::vector<std::pair<std::string_view, std::string_view>> words;  // event -> its word
    const auto word_of = [&](std::string_view event) {
      for (const auto& [known, word] : words)
        if (known == event) return word;
      return words.emplace_back(event, texts.event_word(event)).second;
    };
    const std::string_view cause_detail = texts.find("ui.text_cause_detail");
    for (const StoryEvent& event : timeline.events) {
      line.clear();
      const bool drop = event.event == "drop";
      if (drop) painter.open(line, "33");
      const std::size_t start = line.size();
      fmt::format_to(std::back_inserter(line), "    {:<24}  {:<10}  ", format_iso8601(event.time),
                     word_of(event.event));
      if (event.code == 0)
        fmt::format_to(std::back_inserter(line), "{:>6}", "");
      else
        fmt::format_to(std::back_inserter(line), "{:>6}", event.code);
      if (!event.cause.empty()) {
        line.append(std::string_view("  "));
        fmt::format_to(std::back_inserter(line), fmt::runtime(cause_detail), event.cause,
                       event.detail ? escape_for_terminal(texts.message(*event.detail)) : "");
      }
      while (line.size() > start && line[line.size() - 1] == ' ')
        line.resize(line.size() - 1);
      if (drop) painter.close(line);
      line.push_back('\n');
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
  }
}

}  // namespace

void render_text(const Report& report, const RenderOptions& options, std::ostream& out) {
  const Painter painter(options.color);
  const ReportTexts texts(options.language);
  out << painter.bold("iothub-diag") << " " << IOTHUB_DIAG_VERSION
      << painter.dim(" - " + std::string(texts.get(TextKey::report_title))) << "\n\n";
  write_input(report, out, painter, texts);
  for (const Message& note : report.notes)
    write_wrapped(out, pad_to(texts.get(TextKey::note), kSummaryIndent),
                  escape_for_terminal(texts.message(note)), 0);
  if (report.findings.empty()) {
    out << '\n'
        << painter.paint(report.drops.total == 0 ? texts.find("ui.text_no_pattern_no_drops")
                                                 : texts.get(TextKey::no_pattern),
                         "1;32")
        << '\n';
    write_timelines(report, out, painter, texts);
    return;
  }
  for (const Finding& finding : report.findings)
    write_finding(report, finding, options, out, painter, texts);
  write_timelines(report, out, painter, texts);
  out << '\n' << painter.bold(texts.get(TextKey::verdict)) << "  ";
  std::string verdict;
  for (const Finding& finding : report.findings) {
    const std::size_t count =
        finding.windows.empty() ? finding.devices.size() : finding.windows.size();
    verdict += fmt::format("{}{}{}{}", verdict.empty() ? "" : texts.find("ui.text_semicolon"),
                           finding.rule->id, texts.find("ui.text_colon"),
                           texts.count_of(count, item_noun(finding)));
  }
  out << verdict << '\n';
}

}  // namespace iothub_diag
