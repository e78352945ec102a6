#include <array>
#include <map>

#include <fmt/args.h>
#include <fmt/format.h>

#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/value_format.hpp>

namespace iothub_diag {
namespace {

constexpr std::array<std::string_view, kTextKeyCount> kTextKeyNames = {
    "ui.report_title",
    "ui.no_pattern",
    "ui.input",
    "ui.fleet",
    "ui.skipped",
    "ui.duplicates_dropped",
    "ui.note",
    "ui.logs_show",
    "ui.cause",
    "ui.what_to_do",
    "ui.more",
    "ui.yes",
    "ui.no",
    "ui.verdict",
    "ui.report_cut",
    "ui.symptom",
    "ui.severity_error",
    "ui.severity_warning",
    "ui.severity_info",
    "ui.summary",
    "ui.span",
    "ui.hubs",
    "ui.records",
    "ui.files",
    "ui.devices",
    "ui.codes",
    "ui.connected_devices",
    "ui.timeline",
    "ui.unnamed_hub",
    "ui.connect",
    "ui.disconnect",
    "ui.drop",
    "ui.error",
    "ui.unexplained",
    "ui.to",
    "ui.left_out_events",
    "ui.legend",
};

using Table = std::map<std::string_view, std::string_view, std::less<>>;

const Table& table(Language language) {
  static const Table english = [] {
    Table t;
    for (const TextEntry& entry : english_texts())
      t.emplace(entry.key, entry.text);
    return t;
  }();
  static const Table french = [] {
    Table t;
    for (const TextEntry& entry : french_texts())
      t.emplace(entry.key, entry.text);
    return t;
  }();
  return language == Language::fr ? french : english;
}

std::string_view lookup(Language language, std::string_view key) {
  const Table& t = table(language);
  if (const auto it = t.find(key); it != t.end()) return it->second;
  if (language != Language::en) return lookup(Language::en, key);
  return {};
}

// Formats a table text with `{}` or `{0}` placeholders.
template <typename... Args>
std::string format_text(std::string_view pattern, const Args&... args) {
  return fmt::vformat(pattern, fmt::make_format_args(args...));
}

// The message's table row, in `language` or else in English.
const TextEntry* message_entry(Language language, MessageId id) {
  using Rows = std::map<std::string_view, const TextEntry*, std::less<>>;
  const auto rows_of = [](std::span<const TextEntry> texts) {
    Rows rows;
    for (const TextEntry& entry : texts)
      if (entry.key.starts_with("msg.")) rows.emplace(entry.key.substr(4), &entry);
    return rows;
  };
  static const Rows english = rows_of(english_texts());
  static const Rows french = rows_of(french_texts());
  const Rows& rows = language == Language::fr ? french : english;
  if (const auto it = rows.find(message_id_name(id)); it != rows.end()) return it->second;
  if (language != Language::en) return message_entry(Language::en, id);
  return nullptr;
}

}  // namespace

std::string_view text_key_name(TextKey key) noexcept {
  return kTextKeyNames[static_cast<std::size_t>(key)];
}

std::string_view ReportTexts::find(std::string_view key) const {
  return lookup(language_, key);
}

std::string_view ReportTexts::get(TextKey key) const {
  return find(text_key_name(key));
}

std::string_view ReportTexts::ui(std::string_view name) const {
  return find(std::string("ui.") + std::string(name));
}

RuleTexts ReportTexts::rule(const RuleSpec& rule) const {
  RuleTexts texts{rule.title, rule.symptom_text, rule.cause, rule.solution, rule.decision};
  if (language_ == Language::en) return texts;
  const auto field = [&](std::string_view name, std::string_view fallback) {
    const std::string key = fmt::format("rule.{}.{}", rule.id, name);
    const Table& t = table(language_);
    const auto it = t.find(key);
    return it == t.end() ? fallback : it->second;
  };
  return RuleTexts{field("title", texts.title), field("symptom_text", texts.symptom_text),
                   field("cause", texts.cause), field("solution", texts.solution),
                   field("decision", texts.decision)};
}

std::string ReportTexts::label(const Evidence& evidence) const {
  if (language_ == Language::en) return std::string(evidence.label());
  const Table& t = table(language_);
  const auto it = t.find("label." + std::string(evidence.key()));
  return std::string(it == t.end() ? evidence.label() : it->second);
}

std::string ReportTexts::value(const Evidence& evidence, std::size_t max_list) const {
  if (const auto* messages = std::get_if<SharedMessages>(&evidence.value)) {
    std::vector<std::string> sentences;
    for (const Message& one : **messages)
      sentences.push_back(message(one));
    return sentence_list(sentences);
  }
  if (const bool* flag = std::get_if<bool>(&evidence.value))
    return std::string(get(*flag ? TextKey::yes : TextKey::no));
  if (const auto* list = std::get_if<std::vector<std::string>>(&evidence.value);
      list != nullptr && list->size() > max_list) {
    std::string text;
    for (std::size_t i = 0; i < max_list; ++i)
      text += (i == 0 ? "" : ", ") + (*list)[i];
    return text + " " + format_text(ui("more_in_list"), list->size() - max_list);
  }
  std::string text = readable_value(evidence, max_list);
  if (language_ == Language::fr && std::holds_alternative<double>(evidence.value)) {
    // 12.5% and 62.1 min read 12,5 % and 62,1 min in French.
    text = with_decimal_point(std::move(text));
    if (!text.empty() && text.back() == '%') text.insert(text.size() - 1, "\u202F");
  }
  return text;
}

std::string ReportTexts::decimal(double value, int decimals) const {
  return with_decimal_point(fmt::format("{:.{}f}", value, decimals));
}

std::string ReportTexts::sentence_list(std::span<const std::string> sentences) const {
  if (sentences.empty()) return "-";
  const std::string_view separator = find("ui.text_semicolon");
  std::string text = sentences.front();
  for (const std::string& sentence : sentences.subspan(1)) {
    text += separator;
    text += sentence;
  }
  return text;
}

std::string ReportTexts::with_unit(std::string number, std::string_view unit) const {
  if (unit.empty()) return number;
  // French puts a no-break space between a number and its unit.
  return number + (language_ == Language::fr ? "\u00A0" : " ") + std::string(unit);
}

std::string ReportTexts::with_decimal_point(std::string number) const {
  if (language_ == Language::fr) {
    for (char& c : number)
      if (c == '.') c = ',';
  }
  return number;
}

bool is_singular(Language language, std::uint64_t count) noexcept {
  return language == Language::fr ? count <= 1 : count == 1;
}

std::string ReportTexts::message(const Message& message) const {
  const TextEntry* entry = message_entry(language_, message.id);
  if (entry == nullptr) return std::string(message_id_name(message.id));
  const std::string_view form =
      entry->plural.empty() || is_singular(language_, message.count) ? entry->text : entry->plural;
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const MessageArg& arg : message.args) {
    if (const auto* count = std::get_if<std::uint64_t>(&arg.number))
      args.push_back(number(*count));
    else if (const auto* value = std::get_if<double>(&arg.number))
      args.push_back(with_unit(decimal(*value, 1), arg.text));
    else
      args.push_back(arg.nested.empty() ? arg.text : this->message(arg.nested.front()));
  }
  return fmt::vformat(form, args);
}

std::string english_text(const Message& message) {
  return ReportTexts(Language::en).message(message);
}

std::string ReportTexts::severity(Severity severity) const {
  switch (severity) {
    case Severity::error:
      return std::string(get(TextKey::severity_error));
    case Severity::warning:
      return std::string(get(TextKey::severity_warning));
    case Severity::info:
      break;
  }
  return std::string(get(TextKey::severity_info));
}

Noun item_noun(const Finding& finding) noexcept {
  if (!finding.windows.empty()) return Noun::window;
  return finding.rule != nullptr && finding.rule->kind == RuleKind::drop ? Noun::drop
                                                                         : Noun::device;
}

std::string ReportTexts::count_of(std::uint64_t count, Noun noun) const {
  static constexpr std::array<std::string_view, 10> kNouns = {
      "device", "window", "record", "file", "note", "row", "drop", "event", "skipped", "duplicate"};
  const bool one = is_singular(language_, count);
  const std::string key =
      fmt::format("noun.{}.{}", kNouns[static_cast<std::size_t>(noun)], one ? "one" : "many");
  return number(count) + " " + std::string(find(key));
}

std::string ReportTexts::number(std::uint64_t count) const {
  std::string grouped = with_thousands(count);
  if (language_ != Language::fr) return grouped;
  // French groups thousands with a narrow no-break space.
  std::string spaced;
  for (const char c : grouped)
    spaced += c == ',' ? std::string("\u202F") : std::string(1, c);
  return spaced;
}

std::string ReportTexts::symptom_number(int symptom) const {
  return format_text(get(TextKey::symptom), symptom);
}

std::string ReportTexts::records_from_files(std::uint64_t records, std::uint64_t files) const {
  return format_text(
      ui(is_singular(language_, records) ? "records_from_files_one" : "records_from_files"),
      count_of(records, Noun::record), count_of(files, Noun::file));
}

std::string ReportTexts::azure_inputs(const PlatformEvidence& platform) const {
  std::string read;
  for (const MetricSeries& series : platform.metrics) {
    read += format_text(ui("text_metric_series"), read.empty() ? "" : ", ", series.metric,
                        series.hub, number(series.points.size()));
  }
  if (platform.activity_events > 0) {
    read += format_text(ui("text_activity_events"), read.empty() ? "" : "; ",
                        number(platform.activity_events), number(platform.health_events.size()));
  }
  return read;
}

std::string ReportTexts::more_items(std::size_t count, Noun noun, bool budget) const {
  const std::string items = count_of(count, noun);
  return format_text(ui(budget ? "more_items_budget" : "more_items"), items);
}

std::string ReportTexts::more_notes(std::size_t count) const {
  return format_text(ui("more_notes"), count_of(count, Noun::note));
}

std::string_view ReportTexts::event_word(std::string_view event) const {
  const std::string_view word = find("ui.event_" + std::string(event));
  return word.empty() ? event : word;
}

std::string_view ReportTexts::skip_reason(SkipReason reason) const {
  const std::string_view text = find("skip." + std::string(to_string(reason)));
  return text.empty() ? describe(reason) : text;
}

std::string ReportTexts::budget_cut(std::size_t rows) const {
  return format_text(ui("budget_cut"), count_of(rows, Noun::row));
}

}  // namespace iothub_diag
