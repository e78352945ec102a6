// simdjson's DOM against its On-Demand API, and against the analyzer's own fast
// path (FlatJsonObject, src/input/flat_json_object.hpp), on the work the
// analyzer's JSON reader does: for each record, every member whose name is a
// record column (record_column_from_name) is read as text, and `properties`,
// JSON inside a string, is parsed in turn for its device members. Two shapes:
//   JSON Lines     one record per line, each parsed on its own (as the reader does)
//   query API      one `{"tables":[{"columns":[..],"rows":[[..],..]}]}` document,
//                  cells mapped through the columns (DOM and On-Demand only)
// All must read the same bytes (a checksum of every value read); a mismatch
// exits 1. Prints the best of RUNS runs of each, in MB/s of input.
//
// Built twice (bench/CMakeLists.txt): for any x86-64, where On-Demand, which
// simdjson 3 compiles only for the build's own target, runs its scalar
// fallback kernel; and with -mavx2 -mbmi -mpclmul -mlzcnt, where it runs the
// haswell kernel, as a build that chose the kernel at run time would on this
// CPU. The DOM chooses at run time in both.
//
//   iothub_diag_parse_api FILE.jsonl [QUERY_API.json] [RUNS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "../src/input/flat_json_object.hpp"
#include <simdjson.h>

#include <iothub_diag/bench/whole_file.hpp>
#include <iothub_diag/input/record_fields.hpp>

namespace {

namespace dom = simdjson::dom;
namespace od = simdjson::ondemand;
using iothub_diag::EmbeddedObjects;
using iothub_diag::FlatJsonObject;
using iothub_diag::FlatKind;
using iothub_diag::FlatMember;
using iothub_diag::record_column_from_name;
using iothub_diag::RecordColumn;

bool is_column(std::string_view name) {
  return record_column_from_name(name).has_value();
}
bool is_device_column(std::string_view name) {
  const auto column = record_column_from_name(name);
  return column && *column >= RecordColumn::device_id;
}

// `text` followed by simdjson's padding.
struct Padded {
  std::string bytes;
  std::size_t size = 0;
  explicit Padded(std::string text) : bytes(std::move(text)), size(bytes.size()) {
    bytes.append(simdjson::SIMDJSON_PADDING, ' ');
  }
};

struct Line {
  std::size_t offset = 0;
  std::size_t size = 0;
};

std::vector<Line> split_lines(const Padded& file) {
  std::vector<Line> lines;
  std::size_t start = 0;
  for (std::size_t at = 0; at <= file.size; ++at) {
    if (at == file.size || file.bytes[at] == '\n') {
      if (at > start) lines.push_back({start, at - start});
      start = at + 1;
    }
  }
  return lines;
}

// ---- DOM ----

struct DomReader {
  dom::parser parser;
  dom::parser inner;
  std::string buffer;

  std::size_t properties(std::string_view text) {
    buffer.assign(text);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    dom::element doc;
    dom::object object;
    if (inner.parse(buffer.data(), text.size(), false).get(doc) != 0 ||
        doc.get_object().get(object) != 0)
      return 0;
    std::size_t sum = 0;
    for (const auto [key, value] : object) {
      std::string_view text_value;
      if (is_device_column(key) && value.get_string().get(text_value) == 0)
        sum += text_value.size();
    }
    return sum;
  }

  std::size_t cell(std::string_view name, dom::element value) {
    std::string_view text;
    if (value.get_string().get(text) != 0) return 0;
    return text.size() +
           (record_column_from_name(name) == RecordColumn::properties ? properties(text) : 0);
  }

  // One record, followed by simdjson's padding.
  std::size_t line(const char* data, std::size_t size) {
    dom::element doc;
    dom::object object;
    if (parser.parse(data, size, false).get(doc) != 0 || doc.get_object().get(object) != 0)
      return 0;
    std::size_t sum = 0;
    for (const auto [key, value] : object)
      if (is_column(key)) sum += cell(key, value);
    return sum;
  }

  std::size_t lines(const Padded& file, const std::vector<Line>& lines) {
    std::size_t sum = 0;
    for (const Line& line : lines)
      sum += this->line(file.bytes.data() + line.offset, line.size);
    return sum;
  }

  std::size_t table(const Padded& file) {
    dom::element doc;
    if (parser.parse(file.bytes.data(), file.size, false).get(doc) != 0) return 0;
    std::size_t sum = 0;
    for (const dom::element table : doc["tables"].get_array()) {
      std::vector<std::string_view> names;
      for (const dom::element column : table["columns"].get_array())
        names.push_back(column["name"].get_string());
      for (const dom::element row : table["rows"].get_array()) {
        std::size_t position = 0;
        for (const dom::element value : row.get_array()) {
          if (position < names.size() && is_column(names[position]))
            sum += cell(names[position], value);
          ++position;
        }
      }
    }
    return sum;
  }
};

// ---- On-Demand ----

struct OnDemandReader {
  od::parser parser;
  od::parser inner;
  std::string buffer;

  std::size_t properties(std::string_view text) {
    buffer.assign(text);
    buffer.append(simdjson::SIMDJSON_PADDING, ' ');
    od::document doc;
    od::object object;
    if (inner.iterate(buffer.data(), text.size(), buffer.size()).get(doc) != 0 ||
        doc.get_object().get(object) != 0)
      return 0;
    std::size_t sum = 0;
    for (auto field : object) {
      std::string_view key;
      if (field.unescaped_key().get(key) != 0) break;
      std::string_view text_value;
      if (is_device_column(key) && field.value().get_string().get(text_value) == 0)
        sum += text_value.size();
    }
    return sum;
  }

  std::size_t cell(std::string_view name, od::value value) {
    std::string_view text;
    if (value.get_string().get(text) != 0) return 0;
    return text.size() +
           (record_column_from_name(name) == RecordColumn::properties ? properties(text) : 0);
  }

  std::size_t lines(const Padded& file, const std::vector<Line>& lines) {
    std::size_t sum = 0;
    for (const Line& line : lines) {
      od::document doc;
      od::object object;
      if (parser.iterate(file.bytes.data() + line.offset, line.size,
                         file.bytes.size() - line.offset)
                  .get(doc) != 0 ||
          doc.get_object().get(object) != 0)
        continue;
      for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key) != 0) break;
        if (is_column(key)) sum += cell(key, field.value());
      }
    }
    return sum;
  }

  std::size_t table(const Padded& file) {
    od::document doc;
    if (parser.iterate(file.bytes.data(), file.size, file.bytes.size()).get(doc) != 0) return 0;
    std::size_t sum = 0;
    for (auto table : doc["tables"].get_array()) {
      std::vector<std::string> names;
      od::object table_object = table.get_object();
      for (auto field : table_object) {
        std::string_view key = field.unescaped_key();
        if (key == "columns") {
          for (auto column : field.value().get_array())
            names.emplace_back(std::string_view(column["name"].get_string()));
        } else if (key == "rows") {
          for (auto row : field.value().get_array()) {
            std::size_t position = 0;
            for (auto value : row.get_array()) {
              if (position < names.size() && is_column(names[position]))
                sum += cell(names[position], value.value());
              ++position;
            }
          }
        }
      }
    }
    return sum;
  }
};

// ---- The analyzer's fast path, the DOM for what it leaves ----

struct FlatReader {
  FlatJsonObject record;
  FlatJsonObject properties_object;
  DomReader dom;

  // The device members read in place at depth 1; an object in a string there
  // (authType) counts its decoded length, each of its `\\\"` one byte.
  static std::size_t device_members(std::span<const FlatMember> members) {
    std::size_t sum = 0;
    for (const FlatMember& member : members) {
      if (member.kind != FlatKind::string || !is_device_column(member.key)) continue;
      sum += member.text.size();
      if (member.as_written)
        sum -=
            3 * static_cast<std::size_t>(std::count(member.text.begin(), member.text.end(), '"'));
    }
    return sum;
  }

  std::size_t properties(std::string_view text) {
    if (!properties_object.read(text)) return dom.properties(text);
    std::size_t sum = 0;
    for (const FlatMember& member : properties_object.members())
      if (member.kind == FlatKind::string && is_device_column(member.key))
        sum += member.text.size();
    return sum;
  }

  std::size_t lines(const Padded& file, const std::vector<Line>& lines) {
    std::size_t sum = 0;
    for (const Line& line : lines) {
      const char* data = file.bytes.data() + line.offset;
      if (!record.read({data, line.size}, EmbeddedObjects::in_place)) {
        sum += dom.line(data, line.size);
        continue;
      }
      const std::span<const FlatMember> members = record.members();
      for (std::size_t index = 0; index < members.size(); ++index) {
        const FlatMember& member = members[index];
        if (member.kind != FlatKind::string || !is_column(member.key)) continue;
        if (record_column_from_name(member.key) != RecordColumn::properties) {
          sum += record.text_of(index).size();  // decoded if it holds an object
          continue;
        }
        if (member.as_written) {
          // Read in place: its decoded length, as the DOM's checksum counts it, without
          // decoding it (the analyzer never does). Each quote in it is an escape (`\"`),
          // and so is each pair of the other backslashes (`\\\"`).
          const auto count = [&](char c) {
            return static_cast<std::size_t>(std::count(member.text.begin(), member.text.end(), c));
          };
          const std::size_t quotes = count('"');
          sum += member.text.size() - quotes - (count('\\') - quotes) / 2;
          sum += device_members(record.embedded(member));
        } else {
          sum += member.text.size() + properties(member.text);
        }
      }
    }
    return sum;
  }
};

template <class Work>
double best_seconds(int runs, std::size_t& checksum, Work&& work) {
  double best = 1e30;
  for (int run = 0; run < runs; ++run) {
    const auto start = std::chrono::steady_clock::now();
    checksum = work();
    best = std::min(
        best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

// Times the DOM against another reader, `name` (`label` in full), on one shape;
// false when they read different bytes.
template <class DomWork, class OtherWork>
bool compare(const char* shape, const char* name, const char* label, std::size_t bytes, int runs,
             DomWork&& dom_work, OtherWork&& other_work) {
  std::size_t dom_sum = 0;
  std::size_t other_sum = 0;
  const double dom_seconds = best_seconds(runs, dom_sum, dom_work);
  const double other_seconds = best_seconds(runs, other_sum, other_work);
  const double mb = static_cast<double>(bytes) / 1e6;
  std::printf("%-12s DOM %8.1f MB/s   %s %8.1f MB/s   %s/DOM %.2f\n", shape, mb / dom_seconds,
              label, mb / other_seconds, name, dom_seconds / other_seconds);
  if (dom_sum != other_sum) {
    std::fprintf(stderr, "parse_api: %s: DOM read %zu bytes of values, %s %zu\n", shape, dom_sum,
                 name, other_sum);
    return false;
  }
  return true;
}

constexpr const char* kOnDemand =
    "On-Demand (" SIMDJSON_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION) " kernel)";

int run(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.jsonl [QUERY_API.json] [RUNS]\n", argv[0]);
    return 2;
  }
  const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
  DomReader dom_reader;
  OnDemandReader on_demand_reader;
  FlatReader flat_reader;
  bool same = true;
  {
    const Padded file(iothub_diag::read_whole_file(argv[1], "parse_api"));
    const std::vector<Line> lines = split_lines(file);
    same = compare(
               "JSON Lines", "On-Demand", kOnDemand, file.size, runs,
               [&] { return dom_reader.lines(file, lines); },
               [&] { return on_demand_reader.lines(file, lines); }) &&
           same;
    same = compare(
               "JSON Lines", "FlatJsonObject", "FlatJsonObject", file.size, runs,
               [&] { return dom_reader.lines(file, lines); },
               [&] { return flat_reader.lines(file, lines); }) &&
           same;
  }
  if (argc > 2) {
    const Padded file(iothub_diag::read_whole_file(argv[2], "parse_api"));
    same =
        compare(
            "query API", "On-Demand", kOnDemand, file.size, runs,
            [&] { return dom_reader.table(file); }, [&] { return on_demand_reader.table(file); }) &&
        same;
  }
  return same ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& error) {
    // On-Demand's query API reading throws on a document of another shape.
    std::fprintf(stderr, "parse_api: %s\n", error.what());
    return 2;
  }
}
