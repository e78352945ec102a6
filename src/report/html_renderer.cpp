#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include <fmt/format.h>

#include <iothub_diag/core/text_escape.hpp>
#include <iothub_diag/report/html_renderer.hpp>
#include <iothub_diag/report/report_texts.hpp>
#include <iothub_diag/report/value_format.hpp>
#include <iothub_diag/rules/rule_catalog.hpp>

namespace iothub_diag {
namespace {

constexpr std::size_t kMaxCellBytes = 300;
constexpr std::size_t kHtmlMaxTimelineRows = 2000;
constexpr std::size_t kMaxListedIds = 20;
constexpr std::size_t kMaxNoteBytes = 2000;
constexpr double kChartWidth = 1000;
constexpr double kChartHeight = 200;
constexpr double kChartLeft = 56;
constexpr double kChartRight = 12;
constexpr double kChartTop = 10;
constexpr double kChartBottom = 26;
constexpr double kLaneHeight = 22;
constexpr double kLaneLabel = 230;

constexpr std::string_view kStyle = R"(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;--error:#cf222e;--warning:#bc4c00;--info:#0969da}
*{box-sizing:border-box}
body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 0}h1 small{font-weight:400;color:var(--muted);font-size:14px}
h2{font-size:18px;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:20px 0 6px}
p.sub{color:var(--muted);margin:0 0 8px}
.badge{display:inline-block;font-size:11px;font-weight:700;letter-spacing:.04em;color:#fff;border-radius:4px;padding:1px 6px;vertical-align:2px}
.error .badge,.badge.error{background:var(--error)}.warning .badge,.badge.warning{background:var(--warning)}.info .badge,.badge.info{background:var(--info)}
ul.verdicts{list-style:none;padding:0;margin:8px 0}ul.verdicts li{margin:4px 0}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
td{white-space:nowrap}td.w{white-space:normal;overflow-wrap:anywhere;min-width:240px;max-width:480px}th{vertical-align:bottom}
.scroll{overflow-x:auto}
th{background:var(--soft);font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
table.items th{cursor:pointer}
table.kv th{width:170px;vertical-align:top}
section.finding{border-left:4px solid var(--line);padding-left:16px;margin-top:28px}
section.finding.error{border-color:var(--error)}section.finding.warning{border-color:var(--warning)}section.finding.info{border-color:var(--info)}
section.finding h2{border:0;margin-top:0}
dl.texts{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0}
dl.texts dt{font-weight:600;color:var(--muted)}dl.texts dd{margin:0}
.meta{color:var(--muted);font-size:13px}code{font-size:12px;background:var(--soft);padding:1px 4px;border-radius:3px}
.note{background:var(--soft);border-left:3px solid var(--line);padding:4px 10px;margin:6px 0}
.cut{color:var(--muted);font-style:italic}
details{margin:2px 0}summary{cursor:pointer}
svg{display:block;width:100%;height:auto;font:11px system-ui,sans-serif}
svg .axis{stroke:#8c959f;stroke-width:1}svg .grid{stroke:#eaeef2;stroke-width:1}
svg text{fill:#59636e}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:var(--muted);margin:4px 0}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
footer{margin-top:40px;color:var(--muted);font-size:12px}
@media print{table.items th{cursor:auto}}
)";

// Sorting is an extra: every table reads the same without it.
constexpr std::string_view kScript = R"(
document.querySelectorAll('table.items').forEach(function(table){
  table.querySelectorAll('th').forEach(function(th,index){
    th.addEventListener('click',function(){
      var body=table.tBodies[0],dir=th.getAttribute('data-dir')==='a'?'d':'a';
      th.setAttribute('data-dir',dir);
      var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(x,y){
        var a=x.cells[index],b=y.cells[index];
        var p=a.getAttribute('data-v'),q=b.getAttribute('data-v');
        var u=p!==null?parseFloat(p):a.textContent,v=q!==null?parseFloat(q):b.textContent;
        var k=u<v?-1:u>v?1:0;return dir==='a'?k:-k;});
      rows.forEach(function(row){body.appendChild(row);});
    });
  });
});
)";

// Colors of drops by cause and of the windows of fleet findings: each rule's
// from its row; a drop no rule took is "unexplained".
std::string_view cause_color(std::string_view cause) {
  if (const RuleSpec* rule = find_rule(cause)) return rule->color;
  return "#24292f";
}

// An axis top at or above `value` whose four ticks are round: 1, 2, 4 or 5
// times a power of ten each.
long nice_ceiling(long value) {
  const long tick = std::max(1L, (value + 3) / 4);
  long power = 1;
  while (power * 10 <= tick)
    power *= 10;
  for (const long multiple : {1L, 2L, 4L, 5L, 10L})
    if (multiple * power >= tick) return 4 * multiple * power;
  return 40 * power;
}

std::string severity_class(Severity severity) {
  return std::string(to_string(severity));
}

std::string number(double value) {
  return fmt::format("{:.1f}", value);
}

// The span all charts share: the report's first and last event.
struct TimeAxis {
  Timestamp first = 0;
  Timestamp last = 1;
  double left = 0;
  double width = 1;
  double x(Timestamp time) const {
    const double span = static_cast<double>(std::max<Timestamp>(1, last - first));
    const double clamped = static_cast<double>(std::clamp(time, first, last) - first);
    return left + clamped / span * width;
  }
};

std::string short_time(Timestamp time) {
  const std::string iso = format_iso8601(time);  // 2026-11-20T13:05:09Z
  return iso.size() >= 16 ? iso.substr(5, 5) + " " + iso.substr(11, 5) : iso;
}

std::string time_ticks(const TimeAxis& axis, double top, double bottom) {
  std::string out;
  constexpr int kTicks = 6;
  for (int i = 0; i <= kTicks; ++i) {
    const Timestamp time = axis.first + (axis.last - axis.first) * i / kTicks;
    const double x = axis.x(time);
    out += fmt::format(R"(<line class="grid" x1="{0}" y1="{1}" x2="{0}" y2="{2}"/>)", number(x),
                       number(top), number(bottom));
    const std::string_view anchor = i == 0 ? "start" : i == kTicks ? "end" : "middle";
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="{}">{}</text>)", number(x),
                       number(bottom + 14), anchor, short_time(time));
  }
  return out;
}

const Evidence* evidence_of(const FindingItem& item, std::string_view key) {
  return find_evidence(item, key);
}

std::optional<Timestamp> time_of(const FindingItem& item, std::string_view key) {
  const Evidence* evidence = evidence_of(item, key);
  if (evidence == nullptr || evidence->kind != EvidenceKind::time) return std::nullopt;
  if (const auto* value = std::get_if<std::int64_t>(&evidence->value)) return *value;
  return std::nullopt;
}

class HtmlWriter {
 public:
  HtmlWriter(const Report& report, const RenderOptions& options)
      : report_(report), texts_(options.language) {
    axis_.first = report.input.first_event;
    axis_.last = std::max(report.input.last_event, report.input.first_event + 1);
  }

  std::string page() {
    std::string out;
    out += fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>iothub-diag · {}</title>\n<style>{}</style>\n</head>\n<body>\n",
        to_string(texts_.language()), escape_html(texts_.get(TextKey::report_title)), kStyle);
    out += fmt::format(
        "<header><h1>iothub-diag <small>{}</small></h1><p class=\"sub\">{}</p></header>\n",
        IOTHUB_DIAG_VERSION, escape_html(texts_.get(TextKey::report_title)));
    out += summary();
    for (const ConnectedSeries& series : report_.connected)
      out += connected_chart(series);
    for (std::size_t i = 0; i < report_.findings.size(); ++i)
      out += finding(report_.findings[i], i);
    out += device_timelines();
    out += fmt::format("<footer>iothub-diag {}</footer>\n<script>{}</script>\n</body>\n</html>\n",
                       IOTHUB_DIAG_VERSION, kScript);
    return out;
  }

 private:
  std::string text(TextKey key) const { return escape_html(texts_.get(key)); }
  std::string ui(std::string_view name) const {
    return escape_html(texts_.find(std::string("ui.") + std::string(name)));
  }

  std::string summary() const {
    std::string out =
        fmt::format("<section id=\"summary\">\n<h2>{}</h2>\n", text(TextKey::summary));
    if (report_.findings.empty()) {
      out += fmt::format("<p><strong>{}</strong></p>\n", text(TextKey::no_pattern));
    } else {
      out += "<ul class=\"verdicts\">\n";
      for (std::size_t i = 0; i < report_.findings.size(); ++i) {
        const Finding& finding = report_.findings[i];
        const Severity severity = finding.rule->severity;
        out += fmt::format(
            "<li class=\"{}\"><span class=\"badge\">{}</span> <a href=\"#finding-{}\">{}</a> · {} "
            "<code>{}</code></li>\n",
            severity_class(severity), escape_html(texts_.severity(severity)), i,
            escape_html(texts_.rule(*finding.rule).title),
            escape_html(texts_.count_of(listed_items(finding).size(), item_noun(finding))),
            finding.rule->id);
      }
      out += "</ul>\n";
    }
    const IngestStats& input = report_.input;
    out += "<table class=\"kv\">\n";
    const auto row = [&](std::string_view label, const std::string& value) {
      out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", escape_html(label), value);
    };
    if (input.first_event <= input.last_event) {
      row(texts_.get(TextKey::span),
          fmt::format("{} {} {}", format_iso8601(input.first_event), text(TextKey::to),
                      format_iso8601(input.last_event)));
    }
    if (input.since || input.until || input.out_of_scope > 0) {
      std::string scope;
      if (input.since || input.until) {
        scope = fmt::format(
            fmt::runtime(texts_.find("ui.text_scope_range")),
            input.since ? format_iso8601(*input.since) : std::string(texts_.find("ui.text_start")),
            input.until ? format_iso8601(*input.until) : std::string(texts_.find("ui.text_end")));
      }
      row(texts_.find("ui.text_scope"),
          escape_html(scope + fmt::format(fmt::runtime(texts_.find("ui.text_scope_left_out")),
                                          texts_.number(input.out_of_scope))));
    }
    row(texts_.get(TextKey::records), escape_html(texts_.number(input.records)));
    row(texts_.get(TextKey::files), escape_html(texts_.number(input.files)));
    row(texts_.get(TextKey::devices), escape_html(texts_.number(report_.devices)));
    std::string skipped = texts_.number(input.skipped);
    if (!input.skipped_reasons.empty()) {
      std::string reasons;
      for (const auto& [reason, count] : input.skipped_reasons)
        reasons += fmt::format("{}{} {}", reasons.empty() ? "" : ", ", to_string(reason), count);
      skipped += " (" + reasons + ")";
    }
    if (report_.hubs.size() > 1) {
      std::string hubs;
      for (const HubInfo& hub : report_.hubs) {
        hubs += fmt::format(
            "{}{} ({}{})", hubs.empty() ? "" : "<br>", escape_html(hub_label(hub.name), 200),
            escape_html(texts_.count_of(hub.records, Noun::record)),
            hub.devices > 0 ? ", " + escape_html(texts_.count_of(hub.devices, Noun::device))
                            : std::string());
      }
      row(texts_.get(TextKey::hubs), hubs);
    }
    row(texts_.find("ui.skipped_reasons"), escape_html(skipped));
    if (!report_.path_problems.empty()) {
      std::string problems;
      for (const PathProblem& problem : report_.path_problems) {
        problems += fmt::format("{}<code>{}</code> ({})", problems.empty() ? "" : "<br>",
                                escape_html(problem.path, 300),
                                escape_html(texts_.message(problem.problem)));
      }
      row(texts_.find("ui.not_read"), problems);
    }
    row(texts_.find("ui.duplicates"), escape_html(texts_.number(input.duplicates)));
    if (const std::string azure = texts_.azure_inputs(input.platform); !azure.empty())
      row(texts_.find("ui.text_azure"), escape_html(azure));
    std::string codes;
    for (const auto& [code, count] : input.codes)
      codes += fmt::format("{}<code>{}</code>&nbsp;×{}", codes.empty() ? "" : ", ", code,
                           escape_html(texts_.number(count)));
    if (!codes.empty()) row(texts_.get(TextKey::codes), codes);
    row(texts_.find("ui.drop_causes"), drop_ledger());
    out += "</table>\n";
    for (const Message& note : report_.notes)
      out += fmt::format("<p class=\"note\">{}</p>\n",
                         escape_html(texts_.message(note), kMaxNoteBytes));
    return out + "</section>\n";
  }

  std::string hub_label(const std::string& name) const {
    return name.empty() ? std::string(texts_.find("ui.text_no_hub")) : name;
  }

  // Every drop by the cause it is attributed to, as a bar and a list.
  std::string drop_ledger() const {
    const DropLedger& drops = report_.drops;
    if (drops.total == 0) return escape_html(texts_.find("ui.text_no_drops"));
    std::string bar =
        "<svg viewBox=\"0 0 400 12\" width=\"400\" height=\"12\" style=\"width:400px\">";
    std::string list;
    double x = 0;
    for (const auto& [rule, count] : drops.by_cause) {
      if (count == 0) continue;
      const double width = 400.0 * static_cast<double>(count) / static_cast<double>(drops.total);
      bar += fmt::format(
          R"(<rect x="{}" y="0" width="{}" height="12" fill="{}"><title>{} · {}</title></rect>)",
          number(x), number(width), cause_color(rule), escape_html(rule), texts_.number(count));
      x += width;
      list += fmt::format("{}<span><i style=\"background:{}\"></i>{} <code>{}</code></span>",
                          list.empty() ? "" : " ", cause_color(rule),
                          escape_html(texts_.number(count)), escape_html(rule));
    }
    return fmt::format("{}{}{}<div class=\"legend\">{}</div>",
                       escape_html(texts_.count_of(drops.total, Noun::drop)), bar, "</svg>", list);
  }

  // The windows of fleet findings, shaded on the connected-count chart.
  std::string shaded_windows(const TimeAxis& axis, double top, double height,
                             const std::string& hub) const {
    std::string out;
    for (const Finding& finding : report_.findings) {
      const std::string_view color = cause_color(finding.rule->id);
      for (const FindingItem& item : finding.windows) {
        if (item.hub && *item.hub != hub) continue;
        const auto start = time_of(item, "start");
        const auto end = time_of(item, "end");
        if (!start || !end) continue;
        const double x1 = axis.x(*start);
        const double x2 = std::max(axis.x(*end), x1 + 3);
        out += fmt::format(
            R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.18"><title>{} · {} – {}</title></rect>)",
            number(x1), number(top), number(x2 - x1), number(height), color,
            escape_html(texts_.rule(*finding.rule).title), format_iso8601(*start),
            format_iso8601(*end));
        out += '\n';
      }
    }
    return out;
  }

  std::string connected_chart(const ConnectedSeries& series) const {
    const std::string hub =
        series.hub.empty() ? std::string(texts_.get(TextKey::unnamed_hub)) : "hub " + series.hub;
    std::string out = fmt::format("<section class=\"hub\">\n<h2>{} · {}</h2>\n",
                                  text(TextKey::connected_devices), escape_html(hub, 200));
    if (series.points.empty()) {
      return out + fmt::format("<p>{}</p>\n</section>\n", ui("no_connection_events"));
    }
    long highest = 1;
    for (const ConnectedPoint& point : series.points)
      highest = std::max(highest, point.high);
    for (const ConnectedPoint& point : series.metric)
      highest = std::max(highest, point.high);
    const long top_value = nice_ceiling(highest);
    const double plot_height = kChartHeight - kChartTop - kChartBottom;
    TimeAxis axis = axis_;
    axis.left = kChartLeft;
    axis.width = kChartWidth - kChartLeft - kChartRight;
    const auto y = [&](long value) {
      return kChartTop +
             plot_height * (1 - static_cast<double>(value) / static_cast<double>(top_value));
    };
    out += fmt::format(
        R"(<svg viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">)",
        kChartWidth, kChartHeight, kChartWidth, kChartHeight, text(TextKey::connected_devices));
    out += '\n';
    for (int i = 0; i <= 4; ++i) {
      const long value = top_value * i / 4;
      out += fmt::format(
          R"(<line class="grid" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/><text x="{3}" y="{4}" text-anchor="end">{5}</text>)",
          number(kChartLeft), number(y(value)), number(kChartWidth - kChartRight),
          number(kChartLeft - 6), number(y(value) + 4), value);
    }
    out += time_ticks(axis, kChartTop, kChartTop + plot_height);
    out += '\n';
    out += shaded_windows(axis, kChartTop, plot_height, series.hub);
    // Highest and lowest count of each interval, drawn as steps; the band between shows churn.
    std::string high = "M";
    std::string low = "M";
    for (std::size_t i = 0; i < series.points.size(); ++i) {
      const ConnectedPoint& point = series.points[i];
      const double x = axis.x(point.time);
      const double x_next = i + 1 < series.points.size() ? axis.x(series.points[i + 1].time) : x;
      high += fmt::format("{}{},{}H{}", i == 0 ? "" : "L", number(x), number(y(point.high)),
                          number(x_next));
      low += fmt::format("{}{},{}H{}", i == 0 ? "" : "L", number(x), number(y(point.low)),
                         number(x_next));
    }
    out += fmt::format(R"(<path d="{}" fill="none" stroke="#54aeff" stroke-width="1"/>)", high);
    out += fmt::format(R"(<path d="{}" fill="none" stroke="#0969da" stroke-width="1.5"/>)", low);
    // Azure's own connectedDeviceCount beside the count rebuilt from the logs:
    // where they part, the logs miss something.
    if (!series.metric.empty()) {
      std::string metric = "M";
      for (std::size_t i = 0; i < series.metric.size(); ++i) {
        const ConnectedPoint& point = series.metric[i];
        const double x = axis.x(point.time);
        const double x_next = i + 1 < series.metric.size() ? axis.x(series.metric[i + 1].time) : x;
        metric += fmt::format("{}{},{}H{}", i == 0 ? "" : "L", number(x), number(y(point.low)),
                              number(x_next));
      }
      out += fmt::format(
          R"(<path d="{}" fill="none" stroke="#bc4c00" stroke-width="1.5" stroke-dasharray="4 2"><title>{}</title></path>)",
          metric, ui("metric_line"));
    }
    out += fmt::format(R"(<line class="axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/>)",
                       number(kChartLeft), number(kChartTop + plot_height),
                       number(kChartWidth - kChartRight));
    out += "</svg>\n";
    out += windows_legend();
    return out + "</section>\n";
  }

  std::string windows_legend() const {
    std::string out;
    for (const Finding& finding : report_.findings) {
      if (finding.windows.empty()) continue;
      out +=
          fmt::format("<span><i style=\"background:{};opacity:.4\"></i>{}</span>",
                      cause_color(finding.rule->id), escape_html(texts_.rule(*finding.rule).title));
    }
    if (out.empty()) return {};
    return fmt::format("<div class=\"legend\">{}</div>\n", out);
  }

  std::string table(const Finding& finding) const {
    const std::vector<FindingItem>& items = listed_items(finding);
    const std::size_t shown = std::min(kHtmlMaxRows, items.size());
    const std::vector<std::size_t> columns = table_columns(items, shown);
    if (items.empty() || columns.empty()) return {};
    const bool with_hub = report_.hubs.size() > 1;
    std::string out = "<div class=\"scroll\"><table class=\"items\">\n<thead><tr>";
    if (with_hub) out += fmt::format("<th>{}</th>", escape_html(texts_.find("label.hub")));
    for (const std::size_t c : columns)
      out += fmt::format("<th>{}</th>", escape_html(texts_.label(items.front().evidence[c])));
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < shown; ++i) {
      out += "<tr>";
      if (with_hub) {
        out +=
            fmt::format("<td>{}</td>",
                        items[i].hub ? escape_html(hub_label(*items[i].hub), kMaxCellBytes) : "-");
      }
      for (const std::size_t c : columns) {
        const Evidence& evidence = items[i].evidence[c];
        std::string sort_value;
        if (const auto* count = std::get_if<std::int64_t>(&evidence.value);
            count != nullptr && evidence.kind != EvidenceKind::time)
          sort_value = fmt::format(" data-v=\"{}\"", *count);
        else if (const auto* real = std::get_if<double>(&evidence.value))
          sort_value = fmt::format(" data-v=\"{}\"", *real);
        const std::string value = texts_.value(evidence, kMaxListedIds);
        // Short values stay on one line; long texts (id lists, code counts) wrap.
        const char* cell_class = is_numeric(evidence.kind) ? " class=\"n\""
                                 : value.size() > 32       ? " class=\"w\""
                                                           : "";
        out += fmt::format("<td{}{}>{}</td>", cell_class, sort_value,
                           escape_html(value, kMaxCellBytes));
      }
      out += "</tr>\n";
    }
    out += "</tbody>\n</table></div>\n";
    if (items.size() > shown) {
      out += fmt::format("<p class=\"cut\">{}</p>\n",
                         escape_html(fmt::format(fmt::runtime(texts_.find("ui.rows_left_out")),
                                                 shown, items.size(), items.size() - shown)));
    }
    return out;
  }

  // List evidence shown as prose (an isolated drop's possible and ruled-out
  // causes), for the items the table shows.
  std::string item_lists(const Finding& finding) const {
    const std::vector<FindingItem>& items = listed_items(finding);
    std::string out;
    for (std::size_t i = 0; i < std::min(kHtmlMaxRows, items.size()); ++i) {
      std::string lists;
      for (const Evidence& evidence : items[i].evidence) {
        const auto list = prose_list(evidence, texts_);
        if (!list) continue;
        std::string entries;
        for (const std::string& entry : *list)
          entries += "<li>" + escape_html(entry, kMaxNoteBytes) + "</li>";
        lists += fmt::format("<dt>{}</dt><dd><ul>{}</ul></dd>", escape_html(texts_.label(evidence)),
                             entries.empty() ? "<li>-</li>" : entries);
      }
      if (lists.empty()) continue;
      const std::string heading = item_heading(items[i], texts_, [&](const Evidence& evidence) {
        return escape_html(texts_.value(evidence), kMaxCellBytes);
      });
      out += fmt::format("<details><summary>{}</summary><dl class=\"texts\">{}</dl></details>\n",
                         heading, lists);
    }
    return out;
  }

  std::string prose(const Finding& finding) const {
    std::string out;
    for (const ProseGroup& group : group_prose(listed_items(finding), texts_)) {
      out += "<ul>\n";
      for (const auto& [count, sentence] : group.texts) {
        out += fmt::format("<li><strong>{}</strong> ({}): {}</li>\n", escape_html(group.label),
                           escape_html(texts_.count_of(count, item_noun(finding))),
                           escape_html(sentence, kMaxNoteBytes));
      }
      out += "</ul>\n";
    }
    return out;
  }

  std::string timelines(const Finding& finding) const {
    std::vector<const DeviceTrace*> traces;
    for (const DeviceTrace& trace : report_.traces)
      if (trace.rule == finding.rule->id) traces.push_back(&trace);
    if (traces.empty()) return {};
    return fmt::format("<h3>{}</h3>\n", text(TextKey::timeline)) + lanes(traces);
  }

  // --device: every asked device as a lane, then its events as a table.
  std::string device_timelines() const {
    if (report_.device_timelines.empty()) return {};
    std::string out =
        fmt::format("<section class=\"timelines\">\n<h2>{}</h2>\n", ui("device_timelines"));
    // Lanes draw at most kMaxTraceEvents events of each device; the tables list more.
    std::vector<DeviceTrace> drawn;
    for (const DeviceTimeline& timeline : report_.device_timelines) {
      DeviceTrace trace;
      trace.hub = timeline.hub;
      trace.device_id = timeline.device_id;
      trace.module_id = timeline.module_id;
      for (const StoryEvent& event : timeline.events) {
        if (trace.events.size() >= kMaxTraceEvents) {
          ++trace.events_left_out;
          continue;
        }
        const TraceEventKind kind = event.event == "connect"      ? TraceEventKind::connect
                                    : event.event == "disconnect" ? TraceEventKind::disconnect
                                    : event.event == "drop"       ? TraceEventKind::drop
                                                                  : TraceEventKind::error;
        trace.events.push_back(TraceEvent{event.time, kind, event.code, event.cause});
      }
      drawn.push_back(std::move(trace));
    }
    std::vector<const DeviceTrace*> traces;
    traces.reserve(drawn.size());
    for (const DeviceTrace& trace : drawn)
      traces.push_back(&trace);
    out += lanes(traces);
    for (std::size_t d = 0; d < report_.device_timelines.size(); ++d) {
      const DeviceTimeline& timeline = report_.device_timelines[d];
      const std::size_t shown = std::min(kHtmlMaxTimelineRows, timeline.events.size());
      out += fmt::format("<details><summary>{} · {}</summary>\n",
                         escape_html(lane_name(drawn[d]), 1000),
                         escape_html(texts_.count_of(timeline.events.size(), Noun::event)));
      out += fmt::format(
          "<div class=\"scroll\"><table class=\"items\"><thead><tr><th>{}</th><th>{}</th>"
          "<th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
          ui("time_utc"), ui("event"), ui("code"), ui("cause_rule"));
      for (std::size_t i = 0; i < shown; ++i) {
        const StoryEvent& event = timeline.events[i];
        std::string cause = "-";
        if (!event.cause.empty()) {
          cause = escape_html(cause_label(event.cause));
          if (event.detail)
            cause += " · " + escape_html(texts_.message(*event.detail), kMaxNoteBytes);
        }
        out += fmt::format(
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"w\">{}</td></tr>\n",
            format_iso8601(event.time), escape_html(texts_.event_word(event.event)),
            event.code == 0 ? std::string("-") : std::to_string(event.code), cause);
      }
      out += "</tbody></table></div>\n";
      if (timeline.events.size() > shown) {
        out +=
            fmt::format("<p class=\"cut\">{}</p>\n",
                        escape_html(fmt::format(fmt::runtime(texts_.get(TextKey::left_out_events)),
                                                timeline.events.size() - shown)));
      }
      out += "</details>\n";
    }
    return out + "</section>\n";
  }

  std::string_view event_label(TraceEventKind kind) const {
    switch (kind) {
      case TraceEventKind::connect:
        return texts_.get(TextKey::connect);
      case TraceEventKind::disconnect:
        return texts_.get(TextKey::disconnect);
      case TraceEventKind::drop:
        return texts_.get(TextKey::drop);
      case TraceEventKind::error:
        break;
    }
    return texts_.get(TextKey::error);
  }

  std::string lane_name(const DeviceTrace& trace) const {
    std::string name = trace.device_id;
    if (!trace.module_id.empty()) name += "/" + trace.module_id;
    if (report_.hubs.size() > 1 && trace.hub) name = hub_label(*trace.hub) + ": " + name;
    return name;
  }

  // One swim lane per device over the report's span: connected stretches,
  // connects, clean disconnects, drops colored by cause, error codes.
  std::string lanes(const std::vector<const DeviceTrace*>& traces) const {
    TimeAxis axis = axis_;
    axis.left = kLaneLabel;
    axis.width = kChartWidth - kLaneLabel - kChartRight;
    const double height =
        kChartTop + kLaneHeight * static_cast<double>(traces.size()) + kChartBottom;
    const double bottom = kChartTop + kLaneHeight * static_cast<double>(traces.size());
    std::string out = fmt::format(
        R"(<svg viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="img" aria-label="{2}">)",
        kChartWidth, number(height), text(TextKey::timeline));
    out += '\n' + time_ticks(axis, kChartTop, bottom) + '\n';
    std::string left_out;
    for (std::size_t lane = 0; lane < traces.size(); ++lane) {
      const DeviceTrace& trace = *traces[lane];
      const double top = kChartTop + kLaneHeight * static_cast<double>(lane);
      const double mid = top + kLaneHeight / 2;
      const std::string name = lane_name(trace);
      out += fmt::format(R"(<g><title>{}</title><text x="4" y="{}">{}</text></g>)",
                         escape_html(name, 1000), number(mid + 4), escape_html(name, 34));
      out += fmt::format(R"(<line class="grid" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/>)",
                         number(axis.left), number(mid), number(axis.left + axis.width));
      std::optional<Timestamp> connected_at;
      std::string marks;
      for (const TraceEvent& event : trace.events) {
        const double x = axis.x(event.time);
        switch (event.kind) {
          case TraceEventKind::connect:
            if (!connected_at) connected_at = event.time;
            marks += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#1a7f37"/>)",
                                 number(x), number(top + 4), number(top + kLaneHeight - 4));
            break;
          case TraceEventKind::disconnect:
          case TraceEventKind::drop:
            if (connected_at) {
              out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="6" fill="#aceebb"/>)",
                                 number(axis.x(*connected_at)), number(mid - 3),
                                 number(std::max(0.5, x - axis.x(*connected_at))));
              connected_at.reset();
            }
            if (event.kind == TraceEventKind::disconnect) {
              marks +=
                  fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#8c959f"/>)",
                              number(x), number(top + 6), number(top + kLaneHeight - 6));
            } else {
              marks += fmt::format(
                  R"(<circle cx="{}" cy="{}" r="4" fill="{}"><title>{} · {} · {}</title></circle>)",
                  number(x), number(mid), cause_color(event.cause), format_iso8601(event.time),
                  text(TextKey::drop), escape_html(cause_label(event.cause)));
            }
            break;
          case TraceEventKind::error:
            marks += fmt::format(
                R"(<rect x="{}" y="{}" width="5" height="5" fill="{}"><title>{} · {}</title></rect>)",
                number(x - 2.5), number(top + 1), event.code == 401003 ? "#bf8700" : "#6e7781",
                format_iso8601(event.time), event.code);
            break;
        }
      }
      if (connected_at) {
        out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="6" fill="#aceebb"/>)",
                           number(axis.x(*connected_at)), number(mid - 3),
                           number(std::max(0.5, axis.left + axis.width - axis.x(*connected_at))));
      }
      out += marks + '\n';
      if (trace.events_left_out > 0) {
        left_out +=
            fmt::format("<p class=\"cut\">{}: {}</p>\n", escape_html(name, 200),
                        escape_html(fmt::format(fmt::runtime(texts_.get(TextKey::left_out_events)),
                                                trace.events_left_out)));
      }
    }
    out += "</svg>\n";
    out += timeline_legend(traces);
    return out + left_out;
  }

  std::string cause_label(std::string_view cause) const {
    for (const RuleSpec& rule : rule_catalog())
      if (rule.id == cause) return std::string(texts_.rule(rule).title);
    return std::string(texts_.get(TextKey::unexplained));
  }

  std::string timeline_legend(const std::vector<const DeviceTrace*>& traces) const {
    std::string out = "<div class=\"legend\">";
    out += fmt::format("<span><i style=\"background:#1a7f37;width:2px\"></i>{}</span>",
                       text(TextKey::connect));
    out += fmt::format("<span><i style=\"background:#8c959f;width:2px\"></i>{}</span>",
                       text(TextKey::disconnect));
    out += fmt::format("<span><i style=\"background:#bf8700\"></i>401003</span>");
    out += fmt::format("<span><i style=\"background:#6e7781\"></i>{}</span>", text(TextKey::error));
    std::vector<std::string_view> seen;
    for (const DeviceTrace* trace : traces)
      for (const TraceEvent& event : trace->events)
        if (event.kind == TraceEventKind::drop &&
            std::find(seen.begin(), seen.end(), event.cause) == seen.end())
          seen.push_back(event.cause);
    std::sort(seen.begin(), seen.end());
    for (const std::string_view cause : seen) {
      out += fmt::format("<span><i style=\"background:{};border-radius:50%\"></i>{} · {}</span>",
                         cause_color(cause), text(TextKey::drop), escape_html(cause_label(cause)));
    }
    return out + "</div>\n";
  }

  std::string finding(const Finding& finding, std::size_t index) const {
    const RuleSpec& rule = *finding.rule;
    const RuleTexts rule_texts = texts_.rule(rule);
    std::string out = fmt::format(
        "<section class=\"finding {}\" id=\"finding-{}\">\n<h2><span class=\"badge\">{}</span> "
        "{}</h2>\n",
        severity_class(rule.severity), index, escape_html(texts_.severity(rule.severity)),
        escape_html(rule_texts.title));
    std::string meta = fmt::format("<code>{}</code>", rule.id);
    if (rule.symptom != 0) meta += " · " + escape_html(texts_.symptom_number(rule.symptom));
    meta += " · " + escape_html(texts_.count_of(listed_items(finding).size(), item_noun(finding)));
    out += fmt::format("<p class=\"meta\">{}</p>\n", meta);
    out += fmt::format(
        "<dl class=\"texts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>"
        "<dt>{}</dt><dd><a href=\"{}\">{}</a></dd></dl>\n",
        text(TextKey::logs_show), escape_html(rule_texts.symptom_text), text(TextKey::cause),
        escape_html(rule_texts.cause), text(TextKey::what_to_do), escape_html(rule_texts.solution),
        text(TextKey::more), escape_html(rule.docs_url), escape_html(rule.docs_url));
    out += table(finding);
    out += item_lists(finding);
    out += prose(finding);
    for (const Message& note : finding.notes)
      out += fmt::format("<p class=\"note\">{}</p>\n",
                         escape_html(texts_.message(note), kMaxNoteBytes));
    out += timelines(finding);
    return out + "</section>\n";
  }

  const Report& report_;
  ReportTexts texts_;
  TimeAxis axis_;
};

}  // namespace

std::string escape_html(std::string_view text, std::size_t max_bytes) {
  return escape_for_markup(text, max_bytes, "&<>\"'");
}

void render_html(const Report& report, const RenderOptions& options, std::ostream& out) {
  out << HtmlWriter(report, options).page();
}

}  // namespace iothub_diag
