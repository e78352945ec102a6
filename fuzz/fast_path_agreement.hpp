#pragma once

// The read's fast paths against the slow ones they stand in for, on any bytes:
// each function gives an empty text when both read `bytes` the same, else what
// differs. The agreement fuzz targets (agree_flat, agree_split_json,
// agree_split_csv in fuzz_input.hpp) end the process on a difference; the unit
// tests check the same functions on real records and random texts.
//   - FlatJsonObject (the reader of records of plain members) accepts only what
//     simdjson's DOM accepts, with the same members, kinds and texts;
//   - JsonTextSplitter cuts the same texts 64 bytes at a time as byte by byte;
//   - CsvRowSplitter cuts the same rows from a text in place as from a source
//     that gives one byte a read (which never passes a quoted field in blocks).

#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../src/input/flat_json_object.hpp"
#include <simdjson.h>

#include <iothub_diag/input/byte_source.hpp>
#include <iothub_diag/input/csv_row_splitter.hpp>
#include <iothub_diag/input/json_text_splitter.hpp>

namespace iothub_diag::fuzz {

namespace agreement_detail {

namespace dom = simdjson::dom;

// Gives one byte a read, so a splitter never holds more than it has looked at.
class TrickleSource final : public ByteSource {
 public:
  explicit TrickleSource(std::string_view data) : data_(data) {}
  std::size_t read(std::span<char> buffer) override {
    if (data_.empty() || buffer.empty()) return 0;
    buffer[0] = data_.front();
    data_.remove_prefix(1);
    return 1;
  }

 private:
  std::string_view data_;
};

// What simdjson makes of a member, in FlatMember's terms; false for a nested value.
inline bool same_as_dom(std::string_view key, dom::element value, const FlatMember& member) {
  if (key != member.key) return false;
  switch (value.type()) {
    case dom::element_type::STRING:
      return member.kind == FlatKind::string && std::string_view(value.get_string()) == member.text;
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return member.kind == FlatKind::number;
    case dom::element_type::BOOL:
      return member.kind == (bool(value.get_bool()) ? FlatKind::true_value : FlatKind::false_value);
    case dom::element_type::NULL_VALUE:
      return member.kind == FlatKind::null;
    default:
      return false;
  }
}

// Compares the members FlatJsonObject read (an object's, a row's cells, or those
// of an object in a string) with simdjson's, writing the first difference.
class FlatComparison {
 public:
  explicit FlatComparison(FlatJsonObject& flat) : flat_(flat) {}

  std::string difference() const { return out_.str(); }

  // `dom_members` holds (key, value) pairs; a row's cells have empty keys.
  bool members(std::span<const FlatMember> members,
               const std::vector<std::pair<std::string_view, dom::element>>& dom_members,
               bool top_level) {
    if (members.size() != dom_members.size()) {
      out_ << "the fast path read " << members.size() << " members, simdjson "
           << dom_members.size();
      return false;
    }
    for (std::size_t index = 0; index < members.size(); ++index) {
      if (!member(members[index], index, dom_members[index].first, dom_members[index].second,
                  top_level)) {
        out_ << " (member " << index << ", key \"" << dom_members[index].first << "\")";
        return false;
      }
    }
    return true;
  }

 private:
  bool member(const FlatMember& member, std::size_t index, std::string_view key, dom::element value,
              bool top_level) {
    if (!member.as_written) {
      if (same_as_dom(key, value, member)) return true;
      out_ << "a member differs from simdjson's: fast path key \"" << member.key << "\" text \""
           << member.text << "\"";
      return false;
    }
    // An object in a string, read in place: its members are those of the decoded string.
    std::string_view decoded;
    if (value.get_string().get(decoded) != simdjson::SUCCESS) {
      out_ << "the fast path read an object in a string where simdjson found no string";
      return false;
    }
    const std::string inner_text(decoded);
    dom::parser inner;
    dom::object inner_object;
    if (inner.parse(inner_text).get_object().get(inner_object) != simdjson::SUCCESS) {
      out_ << "the fast path read an object in a string that simdjson does not read as one";
      return false;
    }
    std::vector<std::pair<std::string_view, dom::element>> inner_members;
    for (const auto field : inner_object)
      inner_members.emplace_back(field.key, field.value);
    if (!members(flat_.embedded(member), inner_members, false)) return false;
    if (top_level && flat_.text_of(index) != decoded) {
      out_ << "text_of() of an object in a string is not its decoded text";
      return false;
    }
    return true;
  }

  FlatJsonObject& flat_;
  std::ostringstream out_;
};

struct CutText {
  std::string text;
  std::uint64_t line = 0;
  std::uint64_t index = 0;
  JsonTextKind kind = JsonTextKind::value;
  std::uint64_t table = 0;
  std::optional<SkipReason> problem;
  std::optional<MessageId> detail;
  bool operator==(const CutText&) const = default;
};

struct JsonCut {
  std::vector<CutText> texts;
  std::uint64_t last_line = 0;
};

inline JsonCut cut_json(ByteSource& source, JsonLayout layout, bool blocks, SplitterLimits limits) {
  JsonTextSplitter splitter(source, layout, limits);
  splitter.scan_blocks(blocks);
  JsonCut out;
  JsonText text;
  while (splitter.next(text))
    out.texts.push_back(CutText{std::string(text.text), text.line, text.index, text.kind,
                                text.table, text.problem, text.detail.id()});
  out.last_line = splitter.line();
  return out;
}

inline std::string describe(const CutText& text) {
  std::ostringstream out;
  out << "{line " << text.line << ", index " << text.index << ", kind "
      << static_cast<int>(text.kind) << ", table " << text.table << ", problem "
      << (text.problem ? static_cast<int>(*text.problem) : -1) << ", detail "
      << (text.detail ? static_cast<int>(*text.detail) : -1) << ", text \"" << text.text << "\"}";
  return out.str();
}

// The first difference between two cuts, or an empty text.
inline std::string json_cut_difference(const JsonCut& expected, const JsonCut& got) {
  std::ostringstream out;
  const std::size_t common = std::min(expected.texts.size(), got.texts.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (expected.texts[i] == got.texts[i]) continue;
    out << "text " << i << " differs: " << describe(expected.texts[i]) << " against "
        << describe(got.texts[i]);
    return out.str();
  }
  if (expected.texts.size() != got.texts.size()) {
    out << expected.texts.size() << " texts against " << got.texts.size() << ", the first more "
        << describe(common < expected.texts.size() ? expected.texts[common] : got.texts[common]);
  } else if (expected.last_line != got.last_line)
    out << "last line " << expected.last_line << " against " << got.last_line;
  return out.str();
}

struct CutRow {
  std::uint64_t line = 0;
  std::optional<SkipReason> problem;
  std::vector<std::string> fields;
  bool operator==(const CutRow&) const = default;
};

inline std::vector<CutRow> cut_csv(CsvRowSplitter& splitter) {
  std::vector<CutRow> rows;
  CsvRow row;
  while (splitter.next(row))
    rows.push_back(CutRow{row.line, row.problem, {row.fields.begin(), row.fields.end()}});
  return rows;
}

}  // namespace agreement_detail

// Whatever FlatJsonObject accepts as an object (or, with `array`, a query API
// row), simdjson accepts with the same members. The text is read from a buffer
// with the padding the splitter gives every text it hands out.
inline std::string flat_json_disagreement(std::string_view text, bool array,
                                          EmbeddedObjects embedded) {
  namespace dom = agreement_detail::dom;
  std::string padded(text);
  padded.append(kTextPadding, '\0');
  const std::string_view view(padded.data(), text.size());
  FlatJsonObject flat;
  if (!(array ? flat.read_array(view, embedded) : flat.read(view, embedded))) return {};
  dom::parser parser;
  dom::element document;
  if (parser.parse(view).get(document) != simdjson::SUCCESS)
    return "the fast path accepted a text simdjson rejects";
  std::vector<std::pair<std::string_view, dom::element>> dom_members;
  if (array) {
    dom::array cells;
    if (document.get_array().get(cells) != simdjson::SUCCESS)
      return "the fast path read a row where simdjson found no array";
    for (const dom::element cell : cells)
      dom_members.emplace_back(std::string_view(), cell);
  } else {
    dom::object object;
    if (document.get_object().get(object) != simdjson::SUCCESS)
      return "the fast path read an object where simdjson found none";
    for (const auto field : object)
      dom_members.emplace_back(field.key, field.value);
  }
  agreement_detail::FlatComparison comparison(flat);
  if (comparison.members(flat.members(), dom_members, true)) return {};
  return comparison.difference();
}

// JsonTextSplitter cuts `bytes` into the same texts, lines and problems whether
// it follows objects 64 bytes at a time or byte by byte, and whether its source
// gives it all the bytes or one a read.
inline std::string json_split_disagreement(std::string_view bytes, JsonLayout layout,
                                           SplitterLimits limits) {
  using namespace agreement_detail;
  MemorySource bytewise_source(bytes);
  const JsonCut bytewise = cut_json(bytewise_source, layout, false, limits);
  MemorySource blocks_source(bytes);
  std::string difference =
      json_cut_difference(bytewise, cut_json(blocks_source, layout, true, limits));
  if (!difference.empty()) return "in blocks: " + difference;
  TrickleSource trickle(bytes);
  difference = json_cut_difference(bytewise, cut_json(trickle, layout, true, limits));
  if (!difference.empty()) return "one byte a read: " + difference;
  return {};
}

// CsvRowSplitter cuts `bytes` into the same rows, fields and problems in place
// as from a source that gives one byte a read.
inline std::string csv_split_disagreement(std::string_view bytes, std::size_t max_row_bytes) {
  using namespace agreement_detail;
  CsvRowSplitter in_place(bytes, max_row_bytes);
  const std::vector<CutRow> in_place_rows = cut_csv(in_place);
  TrickleSource trickle(bytes);
  CsvRowSplitter byte_by_byte(trickle, max_row_bytes);
  const std::vector<CutRow> trickled_rows = cut_csv(byte_by_byte);
  if (in_place_rows == trickled_rows) return {};
  std::ostringstream out;
  const std::size_t common = std::min(in_place_rows.size(), trickled_rows.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (in_place_rows[i] == trickled_rows[i]) continue;
    const auto describe = [](const CutRow& row) {
      std::ostringstream text;
      text << "{line " << row.line << ", problem "
           << (row.problem ? static_cast<int>(*row.problem) : -1) << ", " << row.fields.size()
           << " fields}";
      return text.str();
    };
    out << "row " << i << " differs: " << describe(in_place_rows[i]) << " in place, "
        << describe(trickled_rows[i]) << " one byte a read";
    return out.str();
  }
  out << in_place_rows.size() << " rows in place, " << trickled_rows.size() << " one byte a read";
  return out.str();
}

}  // namespace iothub_diag::fuzz
