#pragma once

#include <ostream>
#include <string>

#include <iothub_diag/core/message.hpp>
#include <iothub_diag/report/language.hpp>
#include <iothub_diag/report/report_texts.hpp>

namespace iothub_diag {

// What a run says on stderr, in the language of --lang: an error
// ("iothub-diag: error: ..."), a warning, or a note ("iothub-diag: ..."). Each
// is a Message from the text tables (report/texts_en.cpp, report/texts_fr.cpp),
// and the whole line is escaped for a terminal. What a lower layer or the
// system says inside one (strerror, a parser's detail, an HTTP answer) stays
// as it was written.
class DiagnosticLines {
 public:
  DiagnosticLines(std::ostream& err, Language language) : err_(err), texts_(language) {}

  void error(const Message& message) const;
  void warning(const Message& message) const;
  void note(const Message& message) const;
  // The sentence alone, for a line laid out by the caller (a progress line).
  std::string text(const Message& message) const { return texts_.message(message); }
  std::string decimal(double value, int decimals) const { return texts_.decimal(value, decimals); }
  const ReportTexts& texts() const noexcept { return texts_; }
  std::ostream& stream() const noexcept { return err_; }

 private:
  void line(const Message& message) const;

  std::ostream& err_;
  ReportTexts texts_;
};

}  // namespace iothub_diag
