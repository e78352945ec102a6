#include <catch2/catch.hpp>

#include <iothub_diag/core/text_escape.hpp>

namespace iothub_diag {

TEST_CASE("terminal escapes in device ids are made visible", "[core]") {
  CHECK(escape_for_terminal("dev\x1b[31mred") == "dev\\x1b[31mred");
  CHECK(escape_for_terminal("a\nb\tc\x7f") == "a\\x0ab\\x09c\\x7f");
  CHECK(escape_for_terminal("csi\xc2\x9b") == "csi\\u009b");
  CHECK(escape_for_terminal("bidi\xe2\x80\xae") == "bidi\\u202e");
}

TEST_CASE("printable UTF-8 passes unchanged and invalid bytes are shown as hex", "[core]") {
  CHECK(escape_for_terminal("capteur-\xc3\xa9t\xc3\xa9") == "capteur-\xc3\xa9t\xc3\xa9");
  CHECK(escape_for_terminal("bad\xff\xfe") == "bad\\xff\\xfe");
  CHECK(escape_for_terminal("back\\slash") == "back\\\\slash");
  CHECK(to_valid_utf8("ok\xff") == "ok\xef\xbf\xbd");
}

}  // namespace iothub_diag
