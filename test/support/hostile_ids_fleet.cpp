#include "support/hostile_ids_fleet.hpp"

#include "support/log_builder.hpp"

namespace iothub_diag::testing {

const std::vector<std::string>& hostile_ids() {
  static const std::vector<std::string> kIds = {
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(2)>",
      "pipe|in|id",
      "back`tick`s",
      "=HYPERLINK(\"http://evil\",\"x\")",
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      "-1+1",
      "\x1b[31mred\x1b[0m",
      "line\nbreak\"quote'apos",
      "*bold* _em_ ~strike~ [link](http://x) &amp; <b>",
  };
  return kIds;
}

Report hostile_fleet_report() {
  LogBuilder log;
  for (int i = 0; i < 20; ++i)
    log.connect("quiet-" + std::to_string(i), at_minutes(1 + i * 0.01));
  // Irregular drops at times of their own, each device behind its own address.
  const std::vector<double> drops = {37, 151, 163, 402, 611, 640, 977, 1201};
  int n = 0;
  for (const std::string& id : hostile_ids()) {
    const std::string sdk = "<svg onload=alert(3)>|=cmd";
    const std::string ip = "=1+" + std::to_string(n) + ".0.0.XXX";
    log.connect(id, at_minutes(0.5 + n * 0.01), sdk, ip);
    for (const double minute : drops) {
      const double at = minute + n * 13.7;
      log.drop(id, at_minutes(at), ip);
      log.connect(id, at_minutes(at + 0.7), sdk, ip);
    }
    ++n;
  }
  Report report = analyze_jsonl(log.jsonl());
  // A metric read beside the logs, for a hub named by its resource id: the
  // summary's Azure line carries the name.
  MetricSeries metric;
  metric.hub = "<img src=x onerror=alert(4)>|`hub`\x1b[2J";
  metric.metric = "connectedDeviceCount";
  metric.points.resize(3);
  report.input.platform.metrics.push_back(metric);
  report.input.platform.metric_documents = 1;
  return report;
}

}  // namespace iothub_diag::testing
