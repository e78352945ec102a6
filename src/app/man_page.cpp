#include <cstdint>

#include <fmt/format.h>

#include <iothub_diag/app/man_page.hpp>
#include <iothub_diag/app/manual_texts.hpp>

namespace iothub_diag {

namespace {

// The code point of the UTF-8 sequence at text[at], advancing `at`; an
// invalid byte stands for itself (U+FFFD would hide it).
std::uint32_t next_code_point(std::string_view text, std::size_t& at) {
  const auto lead = static_cast<unsigned char>(text[at++]);
  const int length = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0;
  std::uint32_t code = length == 3 ? lead & 0x07u : length == 2 ? lead & 0x0Fu : lead & 0x1Fu;
  if (length == 0 || at + static_cast<std::size_t>(length) > text.size()) return 0xFFFD;
  for (int i = 0; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at]);
    if ((next & 0xC0u) != 0x80u) return 0xFFFD;
    code = (code << 6u) | (next & 0x3Fu);
    ++at;
  }
  return code;
}

std::string bold(std::string_view text) {
  return "\\fB" + roff_escape(text) + "\\fR";
}
std::string italic(std::string_view text) {
  return "\\fI" + roff_escape(text) + "\\fR";
}

// "\fB-f\fR, \fB--format\fR \fITEXT\fR"
std::string option_heading(const OptionOutline& option) {
  if (option.positional) return italic(option.names.front()) + (option.repeatable ? "\\ ..." : "");
  std::string heading;
  for (const std::string& name : option.names) {
    if (!heading.empty()) heading += ", ";
    heading += bold(name);
  }
  if (option.takes_value()) heading += " " + italic(option.value_name);
  return heading;
}

// A description: its first line as a paragraph, the lines after it (a table's
// "  name: meaning" rows in --help) one per line, indented.
void write_description(std::string_view description, std::ostream& out) {
  std::vector<std::string_view> lines;
  while (!description.empty()) {
    const std::size_t end = description.find('\n');
    std::string_view line = description.substr(0, end);
    description.remove_prefix(end == std::string_view::npos ? description.size() : end + 1);
    const std::size_t start = line.find_first_not_of(' ');
    if (start != std::string_view::npos) lines.push_back(line.substr(start));
  }
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 1) out << ".in +4n\n";
    if (i > 1) out << ".br\n";
    out << roff_escape(lines[i]) << '\n';
  }
  if (lines.size() > 1) out << ".in\n";
}

void write_option(const OptionOutline& option, std::ostream& out) {
  out << ".TP\n" << option_heading(option) << '\n';
  write_description(option.description, out);
  std::string notes;
  if (!option.choices.empty()) {
    notes = "One of: ";
    for (std::size_t i = 0; i < option.choices.size(); ++i)
      notes += (i == 0 ? "" : ", ") + bold(option.choices[i]);
    notes += ".";
  }
  if (!option.default_text.empty())
    notes +=
        (notes.empty() ? "" : " ") + std::string("Default: ") + bold(option.default_text) + ".";
  if (option.repeatable && !option.positional)
    notes += (notes.empty() ? "" : " ") + std::string("May be given more than once.");
  if (option.required) notes += (notes.empty() ? "" : " ") + std::string("Required.");
  if (!notes.empty()) out << ".br\n" << notes << '\n';
}

void write_synopsis_line(const CommandOutline& command, std::ostream& out) {
  out << bold("iothub-diag") << ' ' << bold(command.name) << " [" << italic("options") << ']';
  for (const OptionOutline& option : command.options) {
    if (!option.positional) continue;
    out << " [" << italic(option.names.front()) << (option.repeatable ? "\\ ...]" : "]");
  }
  out << '\n';
}

void write_entries(std::string_view title, std::span<const ManualEntry> entries,
                   std::ostream& out) {
  out << ".SH " << title << '\n';
  for (const ManualEntry& entry : entries)
    out << ".TP\n" << bold(entry.term) << '\n' << roff_escape(entry.text) << '\n';
}

void write_examples(std::ostream& out) {
  out << ".SH EXAMPLES\n";
  for (const ManualEntry& example : manual_examples()) {
    out << ".PP\n"
        << roff_escape(example.text) << "\n.RS 4\n.EX\n"
        << roff_escape(example.term) << "\n.EE\n.RE\n";
  }
}

}  // namespace

std::string roff_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + text.size() / 8);
  if (!text.empty() && (text.front() == '.' || text.front() == '\'')) escaped += "\\&";
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (static_cast<unsigned char>(c) >= 0x80) {
      escaped += fmt::format("\\[u{:04X}]", next_code_point(text, at));
      continue;
    }
    ++at;
    if (c == '\\')
      escaped += "\\e";
    else if (c == '-')
      escaped += "\\-";
    else if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7F)
      escaped += fmt::format("\\[u{:04X}]", static_cast<int>(c));
    else
      escaped += c;
    if (c == '\n' && at < text.size() && (text[at] == '.' || text[at] == '\'')) escaped += "\\&";
  }
  return escaped;
}

void write_man_page(const std::vector<CommandOutline>& commands, std::string_view version,
                    std::ostream& out) {
  out << ".\\\" Generated from the command-line definition of iothub-diag; do not edit.\n"
      << ".TH IOTHUB\\-DIAG 1 \"\" \"iothub\\-diag " << roff_escape(version)
      << "\" \"User Commands\"\n"
      // Option names and variables must not be hyphenated, nor stretched.
      << ".nh\n.ad l\n"
      << ".SH NAME\niothub\\-diag \\- " << roff_escape(manual_summary()) << '\n'
      << ".SH SYNOPSIS\n";
  bool first = true;
  for (const CommandOutline& command : commands) {
    if (command.name.empty()) continue;
    if (!first) out << ".br\n";
    write_synopsis_line(command, out);
    first = false;
  }
  out << ".br\n"
      << bold("iothub-diag") << " [" << bold("--version") << "|" << bold("--help") << "]\n";
  out << ".SH DESCRIPTION\n"
      << roff_escape(commands.front().description) << '\n'
      << ".PP\n"
      << roff_escape(manual_description()) << '\n';
  out << ".SH OPTIONS\n";
  for (const OptionOutline& option : commands.front().options)
    write_option(option, out);
  out << ".SH COMMANDS\n";
  for (const CommandOutline& command : commands) {
    if (command.name.empty()) continue;
    out << ".SS " << roff_escape(command.name) << '\n' << roff_escape(command.description) << '\n';
    for (const OptionOutline& option : command.options)
      write_option(option, out);
  }
  // analyze's codes, then each other command's on one line.
  write_entries("\"EXIT STATUS\"", manual_exit_codes(), out);
  out << ".PP\nThese are the codes of " << bold("analyze") << ". The other commands exit with:\n";
  for (const ManualEntry& entry : manual_command_exit_codes())
    out << ".TP\n" << bold(entry.term) << '\n' << roff_escape(entry.text) << '\n';
  write_entries("ENVIRONMENT", manual_environment(), out);
  write_entries("FILES", manual_files(), out);
  write_examples(out);
}

}  // namespace iothub_diag
