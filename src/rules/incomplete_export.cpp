// incomplete-export: an input that holds only part of what was asked for (a
// query answer cut by the service, an export stopped at a row cap). The rows
// after the cut are missing, so every verdict built on that input's span is
// built on part of it: say which input, and what to fetch instead.
#include <algorithm>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

class IncompleteExportRule final : public Rule {
 public:
  const RuleInfo& info() const override { return rule_info("incomplete-export"); }

  std::optional<Finding> evaluate(const Diagnosis& diagnosis) const override {
    std::vector<CutInput> cuts = diagnosis.store().stats().cut_inputs;
    if (cuts.empty()) return std::nullopt;
    // Reading order depends on --threads and the walk: time, then name, does not.
    std::sort(cuts.begin(), cuts.end(), [](const CutInput& a, const CutInput& b) {
      return std::tie(a.first_event, a.source) < std::tie(b.first_event, b.source);
    });
    Finding finding{&info(), {}, {}, {}};
    for (const CutInput& cut : cuts) {
      FindingItem item;
      item.rank = static_cast<double>(cut.records);
      const bool any_event = cut.first_event <= cut.last_event;
      Evidence start = time_evidence("start", "start", cut.first_event);
      Evidence end = time_evidence("end", "end", cut.last_event);
      if (!any_event) start.value = end.value = std::monostate{};
      item.evidence.push_back(std::move(start));
      item.evidence.push_back(std::move(end));
      item.evidence.push_back(text_evidence("input", "input", cut.source));
      item.evidence.push_back(
          count_evidence("records", "records", static_cast<std::int64_t>(cut.records)));
      item.evidence.push_back(text_evidence("cut", "cut", std::string(to_string(cut.reason))));
      item.evidence.push_back(text_evidence("detail", "detail", cut.detail));
      finding.windows.push_back(std::move(item));
    }
    return finding;
  }
};

}  // namespace

const Rule& incomplete_export_rule() {
  static const IncompleteExportRule rule;
  return rule;
}

}  // namespace iothub_diag
