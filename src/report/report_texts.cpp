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

// Every way `text` matches an English pattern whose `{}` stand for any text
// (at most `limit`), each as the values the `{}` stood for.
void match_pattern(std::string_view pattern, std::string_view text,
                   std::vector<std::string>& values, std::vector<std::vector<std::string>>& matches,
                   std::size_t limit = 16) {
  if (matches.size() >= limit) return;
  const std::size_t hole = pattern.find("{}");
  if (hole == std::string_view::npos) {
    if (pattern == text) matches.push_back(values);
    return;
  }
  const std::string_view literal = pattern.substr(0, hole);
  if (text.substr(0, literal.size()) != literal) return;
  const std::string_view rest_pattern = pattern.substr(hole + 2);
  const std::string_view rest = text.substr(literal.size());
  const std::size_t next_hole = rest_pattern.find("{}");
  const std::string_view next_literal = rest_pattern.substr(0, next_hole);
  // The value ends where the next literal begins: try each place it does.
  for (std::size_t end = 0; end <= rest.size(); ++end) {
    if (next_hole == std::string_view::npos && end + next_literal.size() != rest.size()) continue;
    if (rest.substr(end, next_literal.size()) != next_literal) continue;
    values.emplace_back(rest.substr(0, end));
    match_pattern(rest_pattern, rest.substr(end), values, matches, limit);
    values.pop_back();
  }
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

RuleTexts ReportTexts::rule(const RuleInfo& rule) const {
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
  if (language_ == Language::en) return std::string(evidence.label);
  const Table& t = table(language_);
  const auto it = t.find("label." + std::string(evidence.key));
  return std::string(it == t.end() ? evidence.label : it->second);
}

std::string ReportTexts::value(const Evidence& evidence, std::size_t max_list) const {
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
    for (char& c : text)
      if (c == '.') c = ',';
    if (!text.empty() && text.back() == '%') text.insert(text.size() - 1, "\u202F");
  }
  return text;
}

namespace {

// Translates `text` when it matches one of the English sentence patterns;
// the values it holds are translated too when they are sentences themselves.
bool translate_sentence(const Table& english, const Table& here, std::string_view text,
                        std::string& out, int depth = 0) {
  // The most specific pattern wins: the one whose fixed text is longest.
  std::string_view best_key;
  std::vector<std::vector<std::string>> best_matches;
  std::size_t best_literal = 0;
  for (auto it = english.lower_bound("sentence.");
       it != english.end() && it->first.starts_with("sentence."); ++it) {
    std::vector<std::string> values;
    std::vector<std::vector<std::string>> matches;
    match_pattern(it->second, text, values, matches);
    if (matches.empty()) continue;
    const std::size_t literal = it->second.size() - 2 * matches.front().size();
    if (best_key.empty() || literal > best_literal) {
      best_key = it->first;
      best_matches = std::move(matches);
      best_literal = literal;
    }
  }
  if (best_key.empty()) return false;
  const auto translated = here.find(best_key);
  if (translated == here.end()) return false;
  // Of the ways to read the sentence, the one whose values translate best.
  std::vector<std::string> best;
  int best_score = -1;
  for (std::vector<std::string>& candidate : best_matches) {
    int score = 0;
    for (std::string& value : candidate) {
      std::string inner;
      if (depth < 2 && !value.empty() &&
          translate_sentence(english, here, value, inner, depth + 1)) {
        value = std::move(inner);
        ++score;
      }
    }
    if (score > best_score) {
      best_score = score;
      best = std::move(candidate);
    }
  }
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (const std::string& value : best)
    args.push_back(value);
  out = fmt::vformat(translated->second, args);
  return true;
}

}  // namespace

std::string ReportTexts::sentence(std::string_view english) const {
  if (language_ == Language::en) return std::string(english);
  if (const auto cached = sentences_.find(english); cached != sentences_.end())
    return cached->second;
  return sentences_.emplace(std::string(english), translate(english)).first->second;
}

std::string ReportTexts::translate(std::string_view english) const {
  const Table& en = table(Language::en);
  const Table& here = table(language_);
  const auto translate_whole = [&](std::string_view text, std::string& out) {
    return translate_sentence(en, here, text, out);
  };
  std::string whole;
  if (translate_whole(english, whole)) return whole;
  // Several sentences: each one on its own, unknown ones left in English.
  std::string out;
  std::size_t pos = 0;
  while (pos < english.size()) {
    std::size_t end = english.find(". ", pos);
    end = end == std::string_view::npos ? english.size() : end + 1;
    const std::string_view piece = english.substr(pos, end - pos);
    std::string translated;
    out += (out.empty() ? "" : " ") +
           (translate_whole(piece, translated) ? translated : std::string(piece));
    pos = end;
    while (pos < english.size() && english[pos] == ' ')
      ++pos;
  }
  return out;
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

std::string ReportTexts::count_of(std::uint64_t count, Noun noun) const {
  static constexpr std::array<std::string_view, 8> kNouns = {"device", "window", "record", "file",
                                                             "note",   "row",    "drop",   "event"};
  const bool one = language_ == Language::fr ? count <= 1 : count == 1;
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
  return format_text(ui("records_from_files"), count_of(records, Noun::record),
                     count_of(files, Noun::file));
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

std::string ReportTexts::budget_cut(std::size_t rows) const {
  return format_text(ui("budget_cut"), count_of(rows, Noun::row));
}

}  // namespace iothub_diag
