#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/rules/finding.hpp>

namespace iothub_diag {
namespace {

FindingItem item_with(std::string sdk, std::string_view version) {
  FindingItem item;
  Evidence family = message_evidence("sdk_assessment", "SDK",
                                     Message{MessageId::sdk_check_keep_alive, {std::move(sdk)}});
  family.display = EvidenceDisplay::prose;
  item.evidence.push_back(std::move(family));
  Evidence other = text_evidence("note", "note", std::string(version));
  other.display = EvidenceDisplay::prose;
  item.evidence.push_back(std::move(other));
  return item;
}

TEST_CASE("prose is counted per label and text however the items repeat and interleave",
          "[report]") {
  // Twenty distinct sentences, more than the grouping remembers at once, in
  // long runs and interleaved, under two labels.
  std::vector<FindingItem> items;
  std::map<std::string, std::size_t> expected_sdk;
  std::map<std::string, std::size_t> expected_note;
  const ReportTexts texts(Language::en);
  for (int round = 0; round < 3; ++round) {
    for (int sdk = 0; sdk < 20; ++sdk) {
      const int repeats = round == 1 ? 1 : sdk % 4 + 1;
      for (int r = 0; r < repeats; ++r) {
        const std::string name = "sdk-" + std::to_string(sdk);
        const std::string version = std::to_string((sdk + r) % 3);
        items.push_back(item_with(name, version));
        ++expected_sdk[texts.message(Message{MessageId::sdk_check_keep_alive, {name}})];
        ++expected_note[version];
      }
    }
  }
  const std::vector<ProseGroup> groups = group_prose(items, texts);
  REQUIRE(groups.size() == 2);
  std::map<std::string, std::map<std::string, std::size_t>> got;
  for (const ProseGroup& group : groups) {
    for (std::size_t i = 0; i < group.texts.size(); ++i) {
      const auto& [count, text] = group.texts[i];
      got[group.label][text] += count;
      // The most common text first.
      if (i > 0) CHECK(group.texts[i - 1].first >= count);
    }
  }
  CHECK(got[groups[0].label].size() + got[groups[1].label].size() == 23);
  const auto& sdk = groups[0].texts.size() == 20 ? got[groups[0].label] : got[groups[1].label];
  const auto& note = groups[0].texts.size() == 20 ? got[groups[1].label] : got[groups[0].label];
  CHECK(sdk == expected_sdk);
  CHECK(note == expected_note);
}

}  // namespace
}  // namespace iothub_diag
