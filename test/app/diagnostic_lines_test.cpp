#include <sstream>

#include <catch2/catch.hpp>

#include <iothub_diag/app/analyze_command.hpp>
#include <iothub_diag/app/diagnostic_lines.hpp>

namespace iothub_diag {
namespace {

TEST_CASE("stderr lines are errors, warnings or notes in the language of --lang", "[app]") {
  std::ostringstream english;
  const DiagnosticLines en(english, Language::en);
  en.error(Message{MessageId::config_unreadable, {"thresholds.json"}});
  en.warning(Message{MessageId::device_not_found, {"dev-7"}});
  en.note(Message{MessageId::workspace_default_span, {"2026-11-23T00:00:00Z"}});
  CHECK(english.str() ==
        "iothub-diag: error: cannot read config 'thresholds.json'\n"
        "iothub-diag: warning: --device dev-7: no such device in the analyzed logs\n"
        "iothub-diag: reading the 24 hours before 2026-11-23T00:00:00Z (--since sets the start)\n");

  std::ostringstream french;
  const DiagnosticLines fr(french, Language::fr);
  fr.error(Message{MessageId::config_unreadable, {"thresholds.json"}});
  fr.warning(Message{MessageId::device_not_found, {"dev-7"}});
  CHECK(french.str() ==
        "iothub-diag: erreur\u00A0: impossible de lire la configuration "
        "«\u00A0thresholds.json\u00A0»\n"
        "iothub-diag: avertissement\u00A0: --device dev-7\u00A0: aucun appareil de ce nom dans les "
        "journaux analysés\n");
}

TEST_CASE("a stderr line escapes what its values hold, whoever built them", "[app]") {
  std::ostringstream err;
  const DiagnosticLines say(err, Language::en);
  // A pipe's name as the ingest layer hands it over: unescaped.
  say.note(Message{MessageId::pipe_read, {"/tmp/\x1b]0;owned\x07pipe"}});
  CHECK(err.str().find('\x1b') == std::string::npos);
  CHECK(err.str().find('\x07') == std::string::npos);
  CHECK(err.str().find("/tmp/\\x1b]0;owned\\x07pipe") != std::string::npos);
}

TEST_CASE("an analysis escapes what it names on stderr once", "[app]") {
  AnalyzeOptions options;
  options.paths = {IOTHUB_DIAG_SOURCE_DIR "/samples/logs"};
  options.format = ReportFormat::json;
  options.fail_on.reset();
  options.devices = {"dev\x1b[31m\\x"};  // an escape sequence and a backslash
  std::ostringstream out;
  std::ostringstream err;
  CHECK(run_analyze(options, Environment{}, out, err) == ExitCode::clean);
  CHECK(err.str() ==
        "iothub-diag: warning: --device dev\\x1b[31m\\\\x: no such device in the analyzed "
        "logs\n");
}

TEST_CASE("stderr counts, plurals and decimals follow the language", "[app]") {
  std::ostringstream english;
  const DiagnosticLines en(english, Language::en);
  en.warning(Message{MessageId::records_skipped_more, {count_arg(1)}, 1});
  en.warning(Message{MessageId::records_skipped_more, {count_arg(12000)}, 12000});
  CHECK(english.str() ==
        "iothub-diag: warning: 1 more record skipped; input.skipped_reasons counts them all\n"
        "iothub-diag: warning: 12,000 more records skipped; input.skipped_reasons counts them "
        "all\n");
  CHECK(en.decimal(12.25, 1) == "12.2");
  const DiagnosticLines fr(english, Language::fr);
  CHECK(fr.decimal(12.25, 1) == "12,2");
  CHECK(fr.text(Message{MessageId::records_skipped_more, {count_arg(0)}, 0})
            .starts_with("0 autre enregistrement ignoré"));
}

}  // namespace
}  // namespace iothub_diag
