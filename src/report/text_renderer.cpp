#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/model/result_codes.hpp>
#include <iothub_diag/report/text_renderer.hpp>
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
  std::string bold(std::string_view text) const { return paint(text, "1"); }
  std::string dim(std::string_view text) const { return paint(text, "2"); }
  std::string severity(Severity severity) const {
    switch (severity) {
      case Severity::error:
        return paint("ERROR", "1;31");
      case Severity::warning:
        return paint("WARN ", "1;33");
      case Severity::info:
        return paint("INFO ", "1;36");
    }
    return "";
  }

 private:
  bool enabled_;
};

std::string format_duration(double seconds) {
  if (seconds < 120) return fmt::format("{:.0f} s", seconds);
  if (seconds < 2 * 3600) return fmt::format("{:.1f} min", seconds / 60);
  return fmt::format("{:.1f} h", seconds / 3600);
}

std::string with_thousands(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

std::string format_codes(const CodeCounts& counts) {
  std::string text;
  for (const auto& [code, count] : counts) {
    if (!text.empty()) text += ' ';
    text += fmt::format("{}x{}", code, count);
  }
  return text.empty() ? "-" : text;
}

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

std::string cell(const Evidence& evidence) {
  return std::visit(
      [&](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "-";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return truncate(escape_for_terminal(value));
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return evidence.kind == EvidenceKind::time ? format_iso8601(value)
                                                     : std::to_string(value);
        } else if constexpr (std::is_same_v<T, double>) {
          if (evidence.kind == EvidenceKind::ratio) return fmt::format("{:.1f}%", value * 100);
          return format_duration(value);
        } else if constexpr (std::is_same_v<T, CodeCounts>) {
          return format_codes(value);
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string list;
          for (const std::string& text : value)
            list += (list.empty() ? "" : ", ") + escape_for_terminal(text);
          return truncate(list);
        } else {
          return value ? "yes" : "no";
        }
      },
      evidence.value);
}

bool is_numeric(EvidenceKind kind) {
  return kind == EvidenceKind::count || kind == EvidenceKind::seconds ||
         kind == EvidenceKind::ratio;
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

void write_table(std::ostream& out, const std::vector<FindingItem>& items, std::size_t limit,
                 const Painter& painter) {
  if (items.empty()) return;
  const std::vector<Evidence>& columns = items.front().evidence;
  std::vector<std::vector<std::string>> rows;
  const std::size_t shown = std::min(limit, items.size());
  for (std::size_t i = 0; i < shown; ++i) {
    std::vector<std::string> row;
    for (const Evidence& evidence : items[i].evidence)
      row.push_back(cell(evidence));
    rows.push_back(std::move(row));
  }
  // Columns where nothing is known (no module ids, say) are left out.
  std::vector<bool> keep(columns.size(), false);
  std::vector<std::size_t> widths(columns.size(), 0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    widths[c] = display_width(columns[c].label);
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
  for (const Evidence& column : columns)
    header.push_back(column.label);
  write_row(header, true);
  for (const auto& row : rows)
    write_row(row, false);
  if (items.size() > shown) {
    out << painter.dim(fmt::format("    ... and {} more (--format json lists them all)",
                                   items.size() - shown))
        << '\n';
  }
}

// Prose evidence (SDK assessments), each distinct text once with how many items carry it.
void write_prose(std::ostream& out, const std::vector<FindingItem>& items) {
  std::map<std::string, std::map<std::string, std::size_t>> by_key;  // label -> text -> items
  for (const FindingItem& item : items) {
    for (const Evidence& evidence : item.evidence) {
      if (evidence.display != EvidenceDisplay::prose ||
          !std::holds_alternative<std::string>(evidence.value))
        continue;
      ++by_key[evidence.label][std::get<std::string>(evidence.value)];
    }
  }
  for (const auto& [label, texts] : by_key) {
    std::vector<std::pair<std::size_t, std::string>> ordered;
    for (const auto& [text, count] : texts)
      ordered.emplace_back(count, text);
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [count, text] : ordered) {
      write_wrapped(out,
                    fmt::format("{} ({} {}): ", label, count, count == 1 ? "device" : "devices"),
                    escape_for_terminal(text), 4);
    }
  }
}

// List evidence shown as prose (an isolated drop's possible and ruled-out causes),
// item by item for the items the table shows.
void write_item_lists(std::ostream& out, const std::vector<FindingItem>& items, std::size_t shown) {
  for (std::size_t i = 0; i < std::min(shown, items.size()); ++i) {
    std::string heading;
    for (const Evidence& evidence : items[i].evidence) {
      if (evidence.display != EvidenceDisplay::prose ||
          !std::holds_alternative<std::vector<std::string>>(evidence.value))
        continue;
      if (heading.empty()) {
        heading = cell(items[i].evidence.front());
        for (const Evidence& other : items[i].evidence)
          if (other.kind == EvidenceKind::time) heading += " at " + cell(other);
        out << "    " << heading << '\n';
      }
      std::string text;
      for (const std::string& entry : std::get<std::vector<std::string>>(evidence.value))
        text += (text.empty() ? "" : "; ") + escape_for_terminal(entry);
      write_wrapped(out, evidence.label + ": ", text.empty() ? "-" : text, 6);
    }
  }
}

// Which hubs an item list spans, in report order; one group (all items) when a
// single hub is reported.
std::vector<std::pair<std::string, std::vector<FindingItem>>> by_hub(
    const Report& report, const std::vector<FindingItem>& items) {
  std::vector<std::pair<std::string, std::vector<FindingItem>>> groups;
  if (report.hubs.size() <= 1) {
    groups.emplace_back("", items);
    return groups;
  }
  for (const HubInfo& hub : report.hubs) {
    std::vector<FindingItem> of_hub;
    for (const FindingItem& item : items)
      if (item.hub && *item.hub == hub.name) of_hub.push_back(item);
    if (!of_hub.empty()) groups.emplace_back(hub.name.empty() ? "(no hub)" : hub.name, of_hub);
  }
  return groups;
}

void write_drops(const Report& report, std::ostream& out, const Painter& painter) {
  out << painter.bold("Drops") << "    ";
  if (report.drops.total == 0) {
    out << "no 404104 drops\n";
    return;
  }
  std::string causes;
  for (const auto& [rule, count] : report.drops.by_cause) {
    if (count == 0) continue;
    causes += fmt::format("{}{} {}", causes.empty() ? "" : ", ", with_thousands(count), rule);
  }
  out << with_thousands(report.drops.total) << (report.drops.total == 1 ? " drop" : " drops")
      << ": " << causes << '\n';
}

void write_input(const Report& report, std::ostream& out, const Painter& painter) {
  const IngestStats& input = report.input;
  out << painter.bold("Input") << "    " << with_thousands(input.records) << " records from "
      << with_thousands(input.files) << (input.files == 1 ? " file" : " files");
  if (input.first_event <= input.last_event) {
    out << ", " << format_iso8601(input.first_event) << " to " << format_iso8601(input.last_event);
  }

  out << '\n';
  out << "         " << with_thousands(input.skipped) << " skipped";
  if (!input.skipped_reasons.empty()) {
    std::string reasons;
    for (const auto& [reason, count] : input.skipped_reasons) {
      reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", to_string(reason), count);
    }
    out << " (" << reasons << ")";
  }
  out << ", " << with_thousands(input.duplicates) << " duplicates dropped\n";
  out << painter.bold("Fleet") << "    " << with_thousands(report.devices)
      << (report.devices == 1 ? " device" : " devices");
  if (!input.codes.empty()) {
    out << "; result codes:";
    for (const auto& [code, count] : input.codes) {
      const ResultCodeInfo* info = find_result_code(code);
      out << fmt::format(" {}{} x{}", code, info != nullptr ? fmt::format(" {}", info->name) : "",
                         with_thousands(count));
      if (&code != &input.codes.rbegin()->first) out << ',';
    }
  }
  out << '\n';
  if (report.hubs.size() > 1) {
    std::string hubs;
    for (const HubInfo& hub : report.hubs) {
      hubs += fmt::format("{}{} ({} records{})", hubs.empty() ? "" : ", ",
                          hub.name.empty() ? "(no hub)" : escape_for_terminal(hub.name),
                          with_thousands(hub.records),
                          hub.devices > 0 ? fmt::format(", {} devices", hub.devices) : "");
    }
    out << painter.bold("Hubs") << "     " << hubs << '\n';
  }
  if (input.since || input.until || input.out_of_scope > 0) {
    out << painter.bold("Scope") << "    ";
    if (input.since || input.until) {
      out << fmt::format("{} to {}; ", input.since ? format_iso8601(*input.since) : "the start",
                         input.until ? format_iso8601(*input.until) : "the end");
    }
    out << with_thousands(input.out_of_scope)
        << " connection events and errors outside the scope left out\n";
  }
  write_drops(report, out, painter);
}

// Each --device identity's story: one line per event, drops with their cause.
void write_timelines(const Report& report, std::ostream& out, const Painter& painter) {
  for (const DeviceTimeline& timeline : report.device_timelines) {
    std::string name = escape_for_terminal(timeline.device_id);
    if (!timeline.module_id.empty()) name += "/" + escape_for_terminal(timeline.module_id);
    out << '\n' << painter.bold("Device " + name);
    if (!timeline.hub.empty())
      out << painter.dim(" (hub " + escape_for_terminal(timeline.hub) + ")");
    out << fmt::format("  {} events\n", timeline.events.size());
    for (const StoryEvent& event : timeline.events) {
      std::string line =
          fmt::format("    {:<24}  {:<10}  {:>6}", format_iso8601(event.time), event.event,
                      event.code == 0 ? "" : std::to_string(event.code));
      if (!event.cause.empty()) line += fmt::format("  {}: {}", event.cause, event.detail);
      while (!line.empty() && line.back() == ' ')
        line.pop_back();
      out << (event.event == "drop" ? painter.paint(line, "33") : line) << '\n';
    }
  }
}

void write_finding(const Report& report, const Finding& finding, const TextOptions& options,
                   std::ostream& out, const Painter& painter) {
  const RuleInfo& rule = *finding.rule;
  const std::string symptom = rule.symptom == 0 ? "" : fmt::format("symptom {}, ", rule.symptom);
  out << '\n'
      << painter.severity(rule.severity) << ' ' << painter.bold(rule.title) << "  "
      << painter.dim(fmt::format("({}{})", symptom, rule.id)) << '\n';
  const auto& items = finding.windows.empty() ? finding.devices : finding.windows;
  const std::string_view noun = finding.windows.empty() ? "device" : "window";
  if (items.size() > options.max_items) {
    out << fmt::format("  {} {}s; the {} {}:\n", items.size(), noun, options.max_items,
                       finding.windows.empty() ? "worst" : "first");
  } else {
    out << fmt::format("  {} {}{}:\n", items.size(), noun, items.size() == 1 ? "" : "s");
  }
  for (const auto& [hub, hub_items] : by_hub(report, items)) {
    if (!hub.empty()) {
      out << fmt::format("  hub {}: {} {}{}\n", escape_for_terminal(hub), hub_items.size(), noun,
                         hub_items.size() == 1 ? "" : "s");
    }
    write_table(out, hub_items, options.max_items, painter);
    write_item_lists(out, hub_items, options.max_items);
  }
  write_prose(out, items);
  write_wrapped(out, "Logs show:  ", rule.symptom_text, 2);
  write_wrapped(out, "Cause:      ", rule.cause, 2);
  write_wrapped(out, "What to do: ", rule.solution, 2);
  out << "  More:       " << rule.docs_url << '\n';
  for (const std::string& note : finding.notes)
    write_wrapped(out, "Note:       ", escape_for_terminal(note), 2);
}

}  // namespace

void render_text(const Report& report, const TextOptions& options, std::ostream& out) {
  const Painter painter(options.color);
  out << painter.bold("iothub-diag") << " " << IOTHUB_DIAG_VERSION
      << painter.dim(" - diagnosis of 404104 DeviceConnectionClosedRemotely") << "\n\n";
  write_input(report, out, painter);
  for (const std::string& note : report.notes)
    write_wrapped(out, "Note:    ", escape_for_terminal(note), 0);
  if (report.findings.empty()) {
    out << '\n'
        << painter.paint(report.drops.total == 0 ? "No disconnect pattern found: no device dropped."
                                                 : "No disconnect pattern found.",
                         "1;32")
        << '\n';
    write_timelines(report, out, painter);
    return;
  }
  for (const Finding& finding : report.findings)
    write_finding(report, finding, options, out, painter);
  write_timelines(report, out, painter);
  out << '\n' << painter.bold("Verdict") << "  ";
  std::string verdict;
  for (const Finding& finding : report.findings) {
    const std::size_t count =
        finding.windows.empty() ? finding.devices.size() : finding.windows.size();
    const std::string_view noun = finding.windows.empty() ? "device" : "window";
    verdict += fmt::format("{}{}: {} {}{}", verdict.empty() ? "" : "; ", finding.rule->id, count,
                           noun, count == 1 ? "" : "s");
  }
  out << verdict << '\n';
}

}  // namespace iothub_diag
