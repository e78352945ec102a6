// incomplete-export: an input that holds only part of what was asked for (a
// query answer cut by the service, an export stopped at a row cap), or a span in
// which a hub that logs steadily logged nothing (Diagnosis::log_gaps: a blob not
// downloaded, a chunk not pulled). Records are missing there, so every verdict
// built on that span is built on part of it: say where, and what to fetch.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <iothub_diag/rules/evidence_helpers.hpp>
#include <iothub_diag/rules/rule.hpp>

namespace iothub_diag {
namespace {

// The hourly blob folder that holds records received in the hour of `time`
// (the archive names its folders y=YYYY/m=MM/d=DD/h=HH).
std::string blob_hour(Timestamp time) {
  const std::string iso = format_iso8601(time);
  return fmt::format("y={}/m={}/d={}/h={}", iso.substr(0, 4), iso.substr(5, 2), iso.substr(8, 2),
                     iso.substr(11, 2));
}

FindingItem gap_item(const LogGap& gap, const EventStore& store) {
  FindingItem item;
  item.hub = store.hubs()[gap.hub].name;
  item.rank = gap.usual_records - static_cast<double>(gap.records);
  item.evidence.push_back(time_evidence("start", "start", gap.start));
  item.evidence.push_back(time_evidence("end", "end", gap.end));
  item.evidence.push_back(
      count_evidence("records", "records", static_cast<std::int64_t>(gap.records)));
  item.evidence.push_back(
      count_evidence("usual_records", "usual records", std::llround(gap.usual_records)));
  const bool from_metric = gap.source == GapSource::metric_connected;
  item.evidence.push_back(text_evidence("cut", "cut", from_metric ? "metric_gap" : "log_gap"));
  const std::string first = blob_hour(gap.start);
  const std::string last = blob_hour(gap.end - 1);
  const std::string blobs = first == last ? first : first + " \u2013 " + last;
  const auto moves = static_cast<std::uint64_t>(std::max(std::llround(gap.metric_moves), 0LL));
  Evidence detail = message_evidence(
      "detail", "detail",
      from_metric ? Message{MessageId::metric_gap_detail, {count_arg(moves), blobs}, moves}
                  : Message{MessageId::log_gap_detail,
                            {count_arg(gap.records),
                             count_arg(static_cast<std::uint64_t>(
                                 std::max(std::llround(gap.usual_records), 0LL))),
                             blobs},
                            gap.records});
  detail.display = EvidenceDisplay::prose;
  item.evidence.push_back(std::move(detail));
  return item;
}

class IncompleteExportRule final {
 public:
  std::optional<Finding> evaluate(const Diagnosis& diagnosis, const RuleSpec& rule) const {
    std::vector<CutInput> cuts = diagnosis.store().stats().cut_inputs;
    const std::vector<LogGap>& gaps = diagnosis.log_gaps();
    if (cuts.empty() && gaps.empty()) return std::nullopt;
    // Reading order depends on --threads and the walk: time, then name, does not.
    std::sort(cuts.begin(), cuts.end(), [](const CutInput& a, const CutInput& b) {
      return std::tie(a.first_event, a.source) < std::tie(b.first_event, b.source);
    });
    Finding finding{&rule, {}, {}, {}};
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
      // The service's own message stays as it is; a cap is said in the report's language.
      std::optional<Message> cap = row_cap_message(cut);
      Evidence detail = cap ? message_evidence("detail", "detail", std::move(*cap))
                            : text_evidence("detail", "detail", cut.detail);
      detail.display = EvidenceDisplay::prose;
      item.evidence.push_back(std::move(detail));
      finding.windows.push_back(std::move(item));
    }
    for (const LogGap& gap : gaps)
      finding.windows.push_back(gap_item(gap, diagnosis.store()));
    return finding;
  }
};

}  // namespace

std::optional<Finding> evaluate_incomplete_export(const Diagnosis& diagnosis,
                                                  const RuleSpec& rule) {
  return IncompleteExportRule().evaluate(diagnosis, rule);
}

}  // namespace iothub_diag
