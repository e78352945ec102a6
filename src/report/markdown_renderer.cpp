#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/report/markdown_renderer.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kMaxCellBytes = 200;
constexpr std::size_t kMaxNoteBytes = 2000;
constexpr std::size_t kMaxNotes = 50;
constexpr std::size_t kMaxListedIds = 20;

// Our own texts (rule catalog) need no cut but the same escaping.
std::string our_text(std::string_view text) {
  return escape_markdown(text, SIZE_MAX);
}

std::string severity_badge(Severity severity, const ReportTexts& texts) {
  switch (severity) {
    case Severity::error:
      return "🔴 **" + texts.severity(severity) + "**";
    case Severity::warning:
      return "🟠 **" + texts.severity(severity) + "**";
    case Severity::info:
      break;
  }
  return "🔵 **" + texts.severity(severity) + "**";
}

std::string hub_name(const FindingItem& item, const ReportTexts& texts) {
  if (!item.hub) return "-";
  return item.hub->empty() ? std::string(texts.find("ui.text_no_hub")) : *item.hub;
}

std::string table_header(const std::vector<FindingItem>& items,
                         const std::vector<std::size_t>& columns, bool with_hub,
                         const ReportTexts& texts) {
  std::string header = "|";
  std::string rule = "|";
  if (with_hub) {
    header += ' ' + our_text(texts.find("label.hub")) + " |";
    rule += "---|";
  }
  for (const std::size_t c : columns) {
    const Evidence& evidence = items.front().evidence[c];
    header += ' ' + our_text(texts.label(evidence)) + " |";
    rule += is_numeric(evidence.kind) ? "---:|" : "---|";
  }
  return header + '\n' + rule + '\n';
}

std::string table_row(const FindingItem& item, const std::vector<std::size_t>& columns,
                      bool with_hub, const ReportTexts& texts) {
  std::string row = "|";
  if (with_hub) row += ' ' + escape_markdown(hub_name(item, texts), kMaxCellBytes) + " |";
  for (const std::size_t c : columns) {
    const Evidence& evidence = item.evidence[c];
    row += ' ' + escape_markdown(texts.value(evidence, kMaxListedIds), kMaxCellBytes) + " |";
  }
  return row + '\n';
}

// List evidence shown as prose (an isolated drop's possible and ruled-out
// causes), one bullet per item the table shows.
std::string item_lists(const std::vector<FindingItem>& items, std::size_t shown,
                       const ReportTexts& texts) {
  std::string out;
  for (std::size_t i = 0; i < std::min(shown, items.size()); ++i) {
    std::string line;
    for (const Evidence& evidence : items[i].evidence) {
      const auto list = prose_list(evidence, texts);
      if (!list) continue;
      line += fmt::format("{}**{}**{}{}", line.empty() ? "" : " — ",
                          our_text(texts.label(evidence)), texts.find("ui.text_colon"),
                          escape_markdown(texts.sentence_list(*list), kMaxNoteBytes));
    }
    if (line.empty()) continue;
    const std::string heading = item_heading(items[i], texts, [&](const Evidence& evidence) {
      return escape_markdown(texts.value(evidence), kMaxCellBytes);
    });
    out += fmt::format("- {}: {}\n", heading, line);
  }
  return out.empty() ? out : "\n" + out;
}

// Prose evidence (SDK assessments), each distinct text once with how many items carry it.
std::string prose(const std::vector<FindingItem>& items, const ReportTexts& texts, Noun noun) {
  std::string out;
  for (const ProseGroup& group : group_prose(items, texts)) {
    for (const auto& [count, sentence] : group.texts) {
      out += fmt::format("- **{}** ({}): {}\n", our_text(group.label), texts.count_of(count, noun),
                         escape_markdown(sentence, kMaxNoteBytes));
    }
  }
  return out;
}

struct Section {
  std::string head;  // title and counts
  std::vector<std::string> rows;
  std::string table_head;
  std::string tail;  // prose, texts, notes
  std::size_t listed = 0;
  std::size_t total = 0;
  Noun noun = Noun::device;
};

Section make_section(const Report& report, const Finding& finding, const RenderOptions& options,
                     const ReportTexts& texts) {
  const bool with_hub = report.hubs.size() > 1;
  const RuleSpec& rule = *finding.rule;
  const RuleTexts rule_texts = texts.rule(rule);
  const std::vector<FindingItem>& items = listed_items(finding);
  Section section;
  section.noun = item_noun(finding);
  section.total = items.size();
  section.listed = std::min(options.max_items, items.size());
  section.head = fmt::format("\n## {} {}\n\n", severity_badge(rule.severity, texts),
                             our_text(rule_texts.title));
  std::string meta = fmt::format("`{}`", rule.id);
  if (rule.symptom != 0) meta += fmt::format(" · {}", texts.symptom_number(rule.symptom));
  meta += " · " + texts.count_of(section.total, section.noun);
  section.head += meta + "\n\n";
  const std::vector<std::size_t> columns = table_columns(items, section.listed);
  if (!items.empty() && !columns.empty()) {
    section.table_head = table_header(items, columns, with_hub, texts);
    for (std::size_t i = 0; i < section.listed; ++i)
      section.rows.push_back(table_row(items[i], columns, with_hub, texts));
  }
  section.tail += item_lists(items, section.listed, texts);
  section.tail += prose(items, texts, section.noun);
  section.tail += fmt::format("\n**{}** {}\n\n", texts.get(TextKey::logs_show),
                              our_text(rule_texts.symptom_text));
  section.tail +=
      fmt::format("**{}** {}\n\n", texts.get(TextKey::cause), our_text(rule_texts.cause));
  section.tail +=
      fmt::format("**{}** {}\n\n", texts.get(TextKey::what_to_do), our_text(rule_texts.solution));
  section.tail += fmt::format("**{}** {}\n", texts.get(TextKey::more), rule.docs_url);
  for (const Message& note : finding.notes)
    section.tail += fmt::format("\n> **{}** {}\n", texts.get(TextKey::note),
                                escape_markdown(texts.message(note), kMaxNoteBytes));
  return section;
}

std::string head_of(const Report& report, const ReportTexts& texts) {
  std::string out = fmt::format("# iothub-diag {} · {}\n\n", IOTHUB_DIAG_VERSION,
                                texts.get(TextKey::report_title));
  if (report.findings.empty()) {
    out += fmt::format("✅ **{}**\n", texts.get(TextKey::no_pattern));
  } else {
    for (const Finding& finding : report.findings) {
      const Noun noun = item_noun(finding);
      out += fmt::format("- {} {} · {} (`{}`)\n", severity_badge(finding.rule->severity, texts),
                         our_text(texts.rule(*finding.rule).title),
                         texts.count_of(listed_items(finding).size(), noun), finding.rule->id);
    }
  }
  const IngestStats& input = report.input;
  out += fmt::format("\n**{}** {}", texts.get(TextKey::input),
                     texts.records_from_files(input.records, input.files));
  if (input.first_event <= input.last_event)
    out += fmt::format(", {} → {}", format_iso8601(input.first_event),
                       format_iso8601(input.last_event));
  out += fmt::format("{1}{0}{1}{2}, {3}\n", texts.count_of(report.devices, Noun::device),
                     texts.find("ui.text_semicolon"), texts.count_of(input.skipped, Noun::skipped),
                     texts.count_of(input.duplicates, Noun::duplicate));
  if (!report.path_problems.empty()) {
    std::string problems;
    for (const PathProblem& problem : report.path_problems) {
      problems +=
          fmt::format("{}{} ({})", problems.empty() ? "" : ", ", escape_markdown(problem.path),
                      escape_markdown(texts.message(problem.problem)));
    }
    out += fmt::format("\n**{}** {}\n", texts.find("ui.not_read"), problems);
  }
  if (const std::string azure = texts.azure_inputs(input.platform); !azure.empty())
    out += fmt::format("\n**{}** {}\n", texts.find("ui.text_azure"),
                       escape_markdown(azure, kMaxNoteBytes));
  if (report.hubs.size() > 1) {
    std::string hubs;
    for (const HubInfo& hub : report.hubs) {
      hubs += fmt::format(
          "{}{} ({}{})", hubs.empty() ? "" : ", ",
          escape_markdown(hub.name.empty() ? std::string(texts.find("ui.text_no_hub")) : hub.name),
          texts.count_of(hub.records, Noun::record),
          hub.devices > 0 ? ", " + texts.count_of(hub.devices, Noun::device) : std::string());
    }
    out += fmt::format("\n**{}** {}\n", texts.get(TextKey::hubs), hubs);
  }
  if (input.since || input.until || input.out_of_scope > 0) {
    std::string scope;
    if (input.since || input.until) {
      scope = fmt::format(
          fmt::runtime(texts.find("ui.text_scope_range")),
          input.since ? format_iso8601(*input.since) : std::string(texts.find("ui.text_start")),
          input.until ? format_iso8601(*input.until) : std::string(texts.find("ui.text_end")));
    }
    out += fmt::format("\n**{}** {}{}\n", texts.find("ui.text_scope"), scope,
                       fmt::format(fmt::runtime(texts.find("ui.text_scope_left_out")),
                                   texts.number(input.out_of_scope)));
  }
  if (report.drops.total > 0) {
    std::string causes;
    for (const auto& [rule, count] : report.drops.by_cause) {
      if (count > 0)
        causes += fmt::format("{}{} `{}`", causes.empty() ? "" : ", ", texts.number(count), rule);
    }
    out += fmt::format("\n**{}** {}{}{}\n", texts.find("ui.text_drops"),
                       texts.count_of(report.drops.total, Noun::drop), texts.find("ui.text_colon"),
                       causes);
  }
  const std::size_t notes = std::min(kMaxNotes, report.notes.size());
  for (std::size_t i = 0; i < notes; ++i)
    out += fmt::format("\n> **{}** {}\n", texts.get(TextKey::note),
                       escape_markdown(texts.message(report.notes[i]), kMaxNoteBytes));
  if (report.notes.size() > notes)
    out += fmt::format("\n> {}\n", texts.more_notes(report.notes.size() - notes));
  return out;
}

}  // namespace

std::string escape_markdown(std::string_view text, std::size_t max_bytes) {
  // Everything Markdown or inline HTML could read as syntax; GitHub renders $...$ as math.
  return escape_for_markup(text, max_bytes, "&<>|`*_~[]\\#!$\"");
}

void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out,
                     std::size_t byte_budget) {
  const ReportTexts texts(options.language);
  const std::string head = head_of(report, texts);
  std::vector<Section> sections;
  std::size_t fixed = head.size();
  for (const Finding& finding : report.findings) {
    sections.push_back(make_section(report, finding, options, texts));
    const Section& s = sections.back();
    fixed += s.head.size() + s.table_head.size() + s.tail.size() + 200;  // 200: the "more" line
  }
  // Rows fill what the fixed parts leave, worst finding first.
  std::size_t room = byte_budget > fixed + 512 ? byte_budget - fixed - 512 : 0;
  std::size_t cut_for_budget = 0;
  std::string body;
  for (Section& section : sections) {
    std::size_t kept = 0;
    for (; kept < section.rows.size() && section.rows[kept].size() <= room; ++kept)
      room -= section.rows[kept].size();
    cut_for_budget += section.rows.size() - kept;
    body += section.head;
    if (kept > 0) {
      body += section.table_head;
      for (std::size_t i = 0; i < kept; ++i)
        body += section.rows[i];
    }
    if (section.total > kept) {
      body += fmt::format("\n_{}_\n", texts.more_items(section.total - kept, section.noun,
                                                       section.rows.size() > kept));
    }
    body += section.tail;
    if (head.size() + body.size() > byte_budget)
      break;  // only when the fixed parts alone do not fit
  }
  std::string document = head + body;
  if (cut_for_budget > 0)
    document += fmt::format("\n---\n_{}_\n", texts.budget_cut(cut_for_budget));
  if (document.size() > byte_budget) {
    document = cut_utf8(document, byte_budget - 200);
    document += fmt::format("\n\n_{}_\n", texts.get(TextKey::report_cut));
  }
  out << document;
}

void render_markdown(const Report& report, const RenderOptions& options, std::ostream& out) {
  render_markdown(report, options, out, kMarkdownByteBudget);
}

}  // namespace iothub_diag
