#include <algorithm>
#include <array>
#include <map>

#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/core/timestamp.hpp>
#include <iothub_diag/report/value_format.hpp>

namespace iothub_diag {

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

std::string readable_value(const Evidence& evidence, std::size_t max_list) {
  return std::visit(
      [&](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "-";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return value;
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
          const std::size_t shown = std::min(max_list, value.size());
          for (std::size_t i = 0; i < shown; ++i)
            list += (list.empty() ? "" : ", ") + value[i];
          if (value.size() > shown) list += fmt::format(" (+{} more)", value.size() - shown);
          return list.empty() ? "-" : list;
        } else if constexpr (std::is_same_v<T, SharedMessages>) {
          std::string list;
          for (const Message& message : *value)
            list += (list.empty() ? "" : "; ") + english_text(message);
          return list.empty() ? "-" : list;
        } else {
          return value ? "yes" : "no";
        }
      },
      evidence.value);
}

bool is_numeric(EvidenceKind kind) noexcept {
  return kind == EvidenceKind::count || kind == EvidenceKind::seconds ||
         kind == EvidenceKind::ratio;
}

const Evidence* find_evidence(const FindingItem& item, std::string_view key) noexcept {
  for (const Evidence& evidence : item.evidence)
    if (evidence.key() == key) return &evidence;
  return nullptr;
}

std::optional<std::vector<std::string>> prose_list(const Evidence& evidence,
                                                   const ReportTexts& texts) {
  if (evidence.display != EvidenceDisplay::prose) return std::nullopt;
  if (const auto* list = std::get_if<std::vector<std::string>>(&evidence.value)) return *list;
  if (evidence.kind != EvidenceKind::message_list) return std::nullopt;
  std::vector<std::string> out;
  for (const Message& message : *std::get<SharedMessages>(evidence.value))
    out.push_back(texts.message(message));
  return out;
}

std::vector<ProseGroup> group_prose(const std::vector<FindingItem>& items,
                                    const ReportTexts& texts) {
  std::map<std::string, std::map<std::string, std::size_t>> by_label;  // label -> text -> items
  // A fleet's items carry a few sentences tens of thousands of times: the last
  // few told apart are remembered with their counters, so a repeat costs a
  // comparison instead of writing its words and looking them up again.
  struct Recent {
    const Evidence* evidence = nullptr;  // its key and label name the group
    const Message* message = nullptr;    // or, when null, the evidence's text
    std::size_t* count = nullptr;
  };
  std::array<Recent, 8> recent{};
  std::size_t next_recent = 0;
  const auto tally = [&](const Evidence& evidence, const Message* message) {
    for (const Recent& seen : recent) {
      if (seen.evidence == nullptr || seen.evidence->key() != evidence.key() ||
          seen.evidence->label() != evidence.label() ||
          (seen.message == nullptr) != (message == nullptr))
        continue;
      // A shared sentence is the same object: equal without a look at its words.
      if (message != nullptr ? seen.message == message || *seen.message == *message
                             : std::get<std::string>(seen.evidence->value) ==
                                   std::get<std::string>(evidence.value)) {
        ++*seen.count;
        return;
      }
    }
    std::size_t& counter =
        by_label[texts.label(evidence)][message != nullptr ? texts.message(*message)
                                                           : std::get<std::string>(evidence.value)];
    ++counter;
    recent[next_recent++ % recent.size()] = Recent{&evidence, message, &counter};
  };
  // The items' evidence lies wherever the rules allocated it: each item's is
  // loaded kItemsAhead items before its turn, so the loads overlap.
  static constexpr std::size_t kItemsAhead = 4;
  for (std::size_t index = 0; index < items.size(); ++index) {
    if (index + kItemsAhead < items.size()) {
      for (const Evidence& ahead : items[index + kItemsAhead].evidence)
        __builtin_prefetch(&ahead);
    }
    for (const Evidence& evidence : items[index].evidence) {
      if (evidence.display != EvidenceDisplay::prose) continue;
      if (std::holds_alternative<std::string>(evidence.value)) {
        tally(evidence, nullptr);
      } else if (evidence.kind == EvidenceKind::message) {
        for (const Message& message : *std::get<SharedMessages>(evidence.value))
          tally(evidence, &message);
      }
    }
  }
  std::vector<ProseGroup> groups;
  for (auto& [label, counted] : by_label) {
    ProseGroup group{label, {}};
    for (const auto& [text, count] : counted)
      group.texts.emplace_back(count, text);
    std::stable_sort(group.texts.begin(), group.texts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    groups.push_back(std::move(group));
  }
  return groups;
}

const std::vector<FindingItem>& listed_items(const Finding& finding) noexcept {
  return finding.windows.empty() ? finding.devices : finding.windows;
}

std::vector<std::size_t> table_columns(const std::vector<FindingItem>& items, std::size_t shown) {
  std::vector<std::size_t> columns;
  if (items.empty()) return columns;
  const std::vector<Evidence>& first = items.front().evidence;
  shown = std::min(shown, items.size());
  for (std::size_t c = 0; c < first.size(); ++c) {
    if (first[c].display != EvidenceDisplay::column) continue;
    for (std::size_t i = 0; i < std::max<std::size_t>(shown, 1); ++i) {
      const auto& evidence = items[i].evidence;
      if (c < evidence.size() && !std::holds_alternative<std::monostate>(evidence[c].value) &&
          !(std::holds_alternative<std::string>(evidence[c].value) &&
            std::get<std::string>(evidence[c].value).empty())) {
        columns.push_back(c);
        break;
      }
    }
  }
  return columns;
}

std::string cut_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
}

std::string escape_for_markup(std::string_view text, std::size_t max_bytes,
                              std::string_view special) {
  const std::string safe = escape_for_terminal(cut_utf8(to_valid_utf8(text), max_bytes));
  std::string out;
  out.reserve(safe.size());
  for (const char c : safe) {
    if (special.find(c) == std::string_view::npos) {
      out += c;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += fmt::format("&#{};", static_cast<int>(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

}  // namespace iothub_diag
