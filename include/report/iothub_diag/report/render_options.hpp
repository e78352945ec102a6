#pragma once

#include <cstddef>

#include <iothub_diag/report/language.hpp>

namespace iothub_diag {

// What a renderer may be told besides the report; each uses what applies to it.
struct RenderOptions {
  bool color = false;          // ANSI colors (text only; the caller decides: terminal, NO_COLOR)
  std::size_t max_items = 10;  // devices or windows listed per finding (text, Markdown)
  Language language = Language::en;
  unsigned threads = 1;  // that may share the writing of long lists (JSON); same bytes for any
};

}  // namespace iothub_diag
