#include <iothub_diag/app/diagnostic_lines.hpp>
#include <iothub_diag/core/text_escape.hpp>

namespace iothub_diag {

void DiagnosticLines::line(const Message& message) const {
  // Values hold file names, ids and what a server said: nothing may drive the terminal.
  err_ << "iothub-diag: " << escape_for_terminal(texts_.message(message)) << '\n' << std::flush;
}

void DiagnosticLines::error(const Message& message) const {
  line(Message{MessageId::line_error, {message}});
}

void DiagnosticLines::warning(const Message& message) const {
  line(Message{MessageId::line_warning, {message}});
}

void DiagnosticLines::note(const Message& message) const {
  line(message);
}

}  // namespace iothub_diag
