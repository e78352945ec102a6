#pragma once

// simdjson's errors as skip details (private to src/input).

#include <simdjson.h>

#include <iothub_diag/model/skip_detail.hpp>

namespace iothub_diag {

// simdjson's errors as the tool's own sentences, whose English is simdjson's
// words, so that --lang says them too; any other error keeps simdjson's words.
struct JsonErrorText {
  simdjson::error_code code;
  MessageId id;
};
inline constexpr JsonErrorText kJsonErrorTexts[] = {
    {simdjson::CAPACITY, MessageId::json_capacity},
    {simdjson::TAPE_ERROR, MessageId::json_structure},
    {simdjson::DEPTH_ERROR, MessageId::json_too_deep},
    {simdjson::STRING_ERROR, MessageId::json_bad_string},
    {simdjson::T_ATOM_ERROR, MessageId::json_bad_true},
    {simdjson::F_ATOM_ERROR, MessageId::json_bad_false},
    {simdjson::N_ATOM_ERROR, MessageId::json_bad_null},
    {simdjson::NUMBER_ERROR, MessageId::json_bad_number},
    {simdjson::UTF8_ERROR, MessageId::json_bad_utf8},
    {simdjson::EMPTY, MessageId::json_empty},
    {simdjson::UNESCAPED_CHARS, MessageId::json_unescaped},
    {simdjson::UNCLOSED_STRING, MessageId::json_unclosed_string},
    {simdjson::INCOMPLETE_ARRAY_OR_OBJECT, MessageId::json_ends_early},
    {simdjson::TRAILING_CONTENT, MessageId::json_trailing_content},
};

inline SkipDetail json_error_detail(simdjson::error_code code) {
  for (const JsonErrorText& known : kJsonErrorTexts)
    if (known.code == code) return SkipDetail(known.id);
  return SkipDetail::as_given(simdjson::error_message(code));
}

}  // namespace iothub_diag
