// A resultType is a code, none, or a counted skip; a 404104 disconnect names a
// device or is a counted skip: nothing read vanishes between the codes and the drops.
#include <string>

#include "input/recording_sink.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/model/event_store.hpp>
#include <iothub_diag/model/result_codes.hpp>

namespace iothub_diag {
namespace {

using testing::read_text;

// A disconnect whose resultType member is written as `result_type` (JSON text).
std::string disconnect(std::string_view result_type, std::string_view device = "\"dev-1\"") {
  return std::string(R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceDisconnect",)") +
         R"("category":"Connections","level":"Error","resultType":)" + std::string(result_type) +
         R"(,"properties":{"deviceId":)" + std::string(device) + "}}\n";
}

}  // namespace

TEST_CASE("404104 written as 404104.0 or with spaces around it is 404104", "[input]") {
  for (const std::string_view written :
       {"404104.0", "\"404104.0\"", "\" 404104 \"", "404104", "\"404104.00\"", "4.04104e5"}) {
    CAPTURE(written);
    const auto sink = read_text(disconnect(written));
    CHECK(sink.skips.empty());
    REQUIRE(sink.events.size() == 1);
    CHECK(sink.events[0].code == 404104);
  }
}

TEST_CASE("a resultType that is not a code is a counted skip, never a success", "[input]") {
  for (const std::string_view written : {"-404104", "1e30", "\"abc\"", "404104.5", "\"-404104\"",
                                         "\"404104.5\"", "true", "{}", "\"1e30\"", "\"404 104\""}) {
    CAPTURE(written);
    const auto sink = read_text(disconnect(written));
    CHECK(sink.events.empty());
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::invalid_result_code);
    CHECK(sink.skips[0].location == "x:1");
  }
  CHECK(to_string(SkipReason::invalid_result_code) == "invalid_result_code");
}

TEST_CASE("an empty, null or None resultType is no code: a successful record", "[input]") {
  for (const std::string_view written : {"\"\"", "null", "\"None\"", "\"  \""}) {
    CAPTURE(written);
    const auto sink = read_text(disconnect(written));
    CHECK(sink.skips.empty());
    REQUIRE(sink.events.size() == 1);
    CHECK(sink.events[0].code == 0);
  }
}

TEST_CASE("a CSV resultType that went through pandas is read as its code", "[input]") {
  const auto sink = read_text(
      "TimeGenerated [UTC],OperationName,Category,Level,ResultType,properties_s\n"
      "2021-09-21T22:33:34Z,deviceDisconnect,Connections,Error,404104.0,"
      "\"{\"\"deviceId\"\":\"\"a\"\"}\"\n"
      "2021-09-21T22:33:35Z,deviceDisconnect,Connections,Error,-404104,"
      "\"{\"\"deviceId\"\":\"\"a\"\"}\"\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].code == 404104);
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::invalid_result_code);
  CHECK(sink.skips[0].location == "x:3");
}

TEST_CASE("a 404104 disconnect that names no device is a counted skip, not a lost drop",
          "[input]") {
  for (const std::string_view device : {"null", "\"\"", "\"  \""}) {
    CAPTURE(device);
    const auto sink = read_text(disconnect("\"404104\"", device));
    CHECK(sink.events.empty());
    REQUIRE(sink.skips.size() == 1);
    CHECK(sink.skips[0].reason == SkipReason::missing_device_id);
  }
  const auto no_member =
      read_text(R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceDisconnect",)"
                R"("category":"Connections","level":"Error","resultType":"404104"})");
  REQUIRE(no_member.skips.size() == 1);
  CHECK(no_member.skips[0].reason == SkipReason::missing_device_id);

  EventStore store;
  read_stream(std::make_unique<MemorySource>(disconnect("404104", "null") + disconnect("404104")),
              "x", ReadOptions{}, store);
  store.finalize();
  CHECK(store.stats().codes.at(404104) == 1);  // the skipped one is not counted as a code
  CHECK(store.stats().ledger_404104.skipped.at(SkipReason::missing_device_id) == 1);
  CHECK(store.stats().ledger_404104.drops == 1);
}

TEST_CASE("a numeric deviceId is the id written as its digits", "[input]") {
  const auto object = read_text(disconnect("\"404104\"", "12345"));
  REQUIRE(object.events.size() == 1);
  CHECK(object.events[0].device_id == "12345");

  const auto in_string = read_text(
      R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceDisconnect","category":)"
      R"("Connections","level":"Error","resultType":"404104","properties":"{\"deviceId\":-7}"})");
  REQUIRE(in_string.events.size() == 1);
  CHECK(in_string.events[0].device_id == "-7");
}

}  // namespace iothub_diag
