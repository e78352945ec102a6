#include <iothub_diag/app/manual_texts.hpp>

namespace iothub_diag {

namespace {

constexpr ManualEntry kExitCodes[] = {
    {"0", "analysis done, no finding at or above --fail-on"},
    {"1", "findings at or above --fail-on (default warning; --fail-on never always exits 0)"},
    {"2",
     "usage error, no readable input, a named path that could not be read (after the report) "
     "or a report that could not be written (a full disk, a closed standard output, a missing "
     "-o folder)"},
};

constexpr ManualEntry kCommandExitCodes[] = {
    {"simulate",
     "0 the fleet was written; 2 usage error, options that cannot be simulated, or an output "
     "folder that cannot be written"},
    {"kql", "0 the query was printed; 2 usage error, or a standard output that cannot be written"},
    {"rules",
     "0 the rules were printed; 2 usage error, a --config that cannot be read or used, or a "
     "standard output that cannot be written"},
};

constexpr ManualEntry kEnvironment[] = {
    {"NO_COLOR",
     "When set and not empty, the text report is not colored, even on a terminal "
     "(--color always overrides it)."},
    {"IOTHUB_DIAG_ACCESS_TOKEN",
     "The bearer token of analyze --workspace for the Log Analytics query API; without it the "
     "token is asked of the Azure CLI (az account get-access-token, for the query API of "
     "--logs-endpoint's cloud), and asked of it again when the service refuses it during a "
     "long pull."},
    {"IOTHUB_DIAG_LIBCURL",
     "The libcurl analyze --workspace loads when it makes its first request (a file name or a "
     "path); by default libcurl.so.4, else libcurl-gnutls.so.4."},
    {"IOTHUB_DIAG_HUGE_PAGES",
     "yes: the heap asks for transparent huge pages where the system grants them on request (the "
     "program starts again with GLIBC_TUNABLES=glibc.malloc.hugetlb=1); no: it never does; auto, "
     "the default: only when the system holds less than 512 MiB of free memory in blocks under "
     "2 MiB, as a virtual machine just started does, or when a 4 KiB page fault costs 4 "
     "microseconds or more, as where the hypervisor shadows the page tables (then large JSON "
     "Lines files are also copied out with pread rather than mapped). A glibc.malloc.hugetlb "
     "tunable set by the user is kept as it is. The output is the same either way."},
};

constexpr ManualEntry kFiles[] = {
    {"/usr/share/doc/iothub-diag/samples",
     "Sample IoT Hub resource logs, a storage-account archive tree of a simulated 40-device "
     "hub in which every 404104 pattern occurs, to try the tool on."},
    {"/usr/share/doc/iothub-diag/json-report.md",
     "The contract of the JSON report (--format json)."},
    {"/usr/share/doc/iothub-diag/workspace.md",
     "How analyze --workspace reads a Log Analytics workspace, and the --save folder."},
};

constexpr ManualEntry kExamples[] = {
    {"iothub-diag analyze ~/Downloads/insights-logs-connections",
     "Analyze a downloaded storage-account archive tree."},
    {"iothub-diag analyze export.csv eventhub-dump.json.gz", "Any mix of export shapes."},
    {"iothub-diag analyze logs/ --format html -o report.html", "One self-contained page to share."},
    {"iothub-diag analyze logs/ --format markdown >>\"$GITHUB_STEP_SUMMARY\"",
     "A CI step summary."},
    {"iothub-diag analyze logs/ --fail-on error", "Fail a CI step on error findings only."},
    {"iothub-diag analyze logs/ --hub PROD-HUB --since 24h", "One hub, the last day of the logs."},
    {"iothub-diag analyze logs/ --device dev-00018", "One device's story, drop by drop."},
    {"iothub-diag analyze --workspace $WS_ID --since 48h --hub PROD-HUB",
     "Straight from a Log Analytics workspace."},
    {"iothub-diag kql --since 48h --hub PROD-HUB", "The query it sends, for the portal."},
    {"iothub-diag simulate -o demo-fleet", "No logs yet? Make a labeled fleet."},
    {"iothub-diag analyze /usr/share/doc/iothub-diag/samples", "The installed samples."},
};

// "0 ...; 1 ...; 2 ...": analyze's codes on one line.
std::string analyze_exit_codes() {
  std::string codes;
  for (const ManualEntry& entry : kExitCodes)
    codes += (codes.empty() ? "" : "; ") + std::string(entry.term) + " " + std::string(entry.text);
  return codes;
}

}  // namespace

std::string_view manual_summary() {
  return "tell why Azure IoT Hub devices drop off (404104 DeviceConnectionClosedRemotely)";
}

std::string_view manual_description() {
  return "It reads a hub's exported resource logs (storage-account archive trees, Event Hubs "
         "batches, Event Grid events, Log Analytics CSV and query results, gzip or not, recognised "
         "by content), rebuilds each device's connection history and says which pattern the drops "
         "show: expired SAS tokens, random drops, a hub-side incident, a site's network, or a "
         "look-alike; on which devices or in which windows, with the evidence, the cause and what "
         "to do. A record that cannot be used is skipped, counted by reason and named on standard "
         "error. iothub-diag rules lists every rule and threshold.";
}

std::span<const ManualEntry> manual_exit_codes() {
  return kExitCodes;
}
std::span<const ManualEntry> manual_command_exit_codes() {
  return kCommandExitCodes;
}
std::span<const ManualEntry> manual_environment() {
  return kEnvironment;
}
std::span<const ManualEntry> manual_files() {
  return kFiles;
}
std::span<const ManualEntry> manual_examples() {
  return kExamples;
}

std::string exit_codes_footer() {
  return "Exit codes: " + analyze_exit_codes() + ".";
}

std::string program_exit_codes_footer() {
  return "Exit codes of analyze: " + analyze_exit_codes() +
         ". Of simulate, kql and rules: 0 their work done; 2 usage error, or work that could not "
         "be done (each one's --help says which).";
}

std::string command_exit_codes_footer(std::string_view command) {
  for (const ManualEntry& entry : kCommandExitCodes) {
    if (entry.term == command) return "Exit codes: " + std::string(entry.text) + ".";
  }
  return exit_codes_footer();
}

}  // namespace iothub_diag
