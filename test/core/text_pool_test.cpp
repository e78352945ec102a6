// The pool that keeps one copy of each text rows share.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <iothub_diag/core/text_pool.hpp>

namespace iothub_diag {
namespace {

TEST_CASE("a pool hands out one copy of each text, kept apart from its source", "[core]") {
  TextPool pool;
  std::string source = "azure-iot-device/1.17.3 (node v16.14.0; Ubuntu 20.04; x64)";
  const std::string_view first = pool.intern(source);
  source.assign(source.size(), 'x');  // the caller's buffer is reused for the next record
  CHECK(first == "azure-iot-device/1.17.3 (node v16.14.0; Ubuntu 20.04; x64)");
  const std::string_view again =
      pool.intern("azure-iot-device/1.17.3 (node v16.14.0; Ubuntu 20.04; x64)");
  CHECK(again.data() == first.data());
  CHECK(pool.size() == 1);
  CHECK(pool.intern("").empty());
  CHECK(pool.size() == 1);
  // Texts that differ in case or by a trailing byte are different texts.
  CHECK(pool.intern("mqtt") != pool.intern("Mqtt"));
  CHECK(pool.intern(std::string_view("Mqtt\0", 5)).size() == 5);
  CHECK(pool.size() == 4);
}

TEST_CASE("a pool's views stay valid as it grows and when it moves", "[core]") {
  TextPool pool;
  std::vector<std::string_view> views;
  views.reserve(5000);
  // Short texts live inside their string object, long ones on the heap: both must stay put.
  for (int i = 0; i < 5000; ++i)
    views.push_back(pool.intern((i % 2 == 0 ? "v" : "a longer text that is not small, number ") +
                                std::to_string(i)));
  TextPool moved = std::move(pool);
  for (int i = 0; i < 5000; ++i) {
    INFO(i);
    REQUIRE(views[static_cast<std::size_t>(i)] ==
            (i % 2 == 0 ? "v" : "a longer text that is not small, number ") + std::to_string(i));
    REQUIRE(moved.intern(views[static_cast<std::size_t>(i)]).data() ==
            views[static_cast<std::size_t>(i)].data());
  }
  CHECK(moved.size() == 5000);
  moved.clear();
  CHECK(moved.size() == 0);
  CHECK(moved.intern("v0") == "v0");
}

TEST_CASE("a pool moved from hands out copies of its own", "[core]") {
  TextPool pool;
  const std::string_view mqtt = pool.intern("Mqtt");
  CHECK(pool.intern("Mqtt").data() == mqtt.data());
  TextPool other = std::move(pool);
  // The copy it handed out last went with the move: asked again, it makes a new one.
  const std::string_view again = pool.intern("Mqtt");
  CHECK(again == "Mqtt");
  CHECK(again.data() != mqtt.data());
  CHECK(other.intern("Mqtt").data() == mqtt.data());
  // The same when a pool is moved onto another.
  TextPool third;
  third.intern("Amqp");
  third = std::move(other);
  CHECK(third.intern("Mqtt").data() == mqtt.data());
  CHECK(other.intern("Mqtt").data() != mqtt.data());
}

}  // namespace
}  // namespace iothub_diag
