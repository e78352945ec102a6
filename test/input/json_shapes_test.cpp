// JSON layouts beyond the conformance captures: batches back to back, single
// Event Grid events, Log Analytics tables and row objects.
#include <string>

#include "input/recording_sink.hpp"
#include <catch2/catch.hpp>

#include <iothub_diag/input/record_fields.hpp>

namespace iothub_diag {
namespace {

using testing::read_text;

const std::string kRecord =
    R"({"time":"2021-09-21T22:33:34Z","operationName":"deviceDisconnect","category":"Connections",)"
    R"("level":"Error","resultType":"404104","properties":"{\"deviceId\":\"d1\"}"})";

}  // namespace

TEST_CASE("Event Hubs batches back to back, on one line or many, are all read", "[input][json]") {
  const std::string batch = "{\"records\":[" + kRecord + "," + kRecord + "]}";
  const auto one_line = read_text(batch + batch + "\n");
  CHECK(one_line.events.size() == 4);
  CHECK(one_line.skips.empty());
  const auto pretty =
      read_text("{\n  \"records\": [\n" + kRecord + ",\n" + kRecord + "\n  ]\n}\n" + batch);
  CHECK(pretty.events.size() == 4);
  CHECK(pretty.skips.empty());
  CHECK(pretty.events[1].location == "x:4 (record 2)");
}

TEST_CASE("legacy operations-monitoring errors carry their code in statusType", "[input][json]") {
  // The Connections category of operations monitoring (retired 2019), as Microsoft
  // documented it: the code in `statusType`, its name in `statusDescription`, the
  // HTTP-like status in `statusCode`, the client's whole address in `ipAddress`.
  const auto sink = read_text(
      R"({"durationMs":1234,"authType":"{\"scope\":\"device\",\"type\":\"sas\",\"issuer\":\"iothub\"}",)"
      R"("protocol":"Mqtt","time":"2016-11-07T01:05:00.0000000Z","operationName":"deviceDisconnect",)"
      R"("category":"Connections","level":"Error","statusCode":404,"statusType":404104,)"
      R"("statusDescription":"DeviceConnectionClosedRemotely","deviceId":"L1","ipAddress":"10.1.2.3"})"
      "\n"
      R"({"protocol":"Mqtt","time":"2016-11-07T01:06:00Z","operationName":"deviceConnect",)"
      R"("category":"Connections","level":"Error","statusCode":"401","statusType":"401003",)"
      R"("statusDescription":"IotHubUnauthorized","deviceId":"L1","ipAddress":"2001:db8:0:1::17"})"
      "\n"
      R"({"time":"2016-11-07T01:07:00Z","operationName":"deviceConnect","category":"Connections",)"
      R"("level":"Information","deviceId":"L1","ipAddress":"10.1.2.XXX","protocol":"Mqtt"})"
      "\n");
  REQUIRE(sink.skips.empty());
  REQUIRE(sink.events.size() == 3);
  CHECK(sink.events[0].code == 404104);
  CHECK(sink.events[0].result_description == "DeviceConnectionClosedRemotely");
  CHECK(sink.events[0].masked_ip == "10.1.2.XXX");
  CHECK(sink.events[0].auth_type == "sas");
  CHECK(sink.events[1].code == 401003);
  CHECK(sink.events[1].masked_ip == "2001:db8:0:1::XXX");
  CHECK(sink.events[2].code == 0);
  CHECK(sink.events[2].masked_ip == "10.1.2.XXX");
}

TEST_CASE("records of other Azure resources are skipped, each with its resource type",
          "[input][json]") {
  // A whole storage account or workspace exported: a Key Vault audit, an App Service
  // log with an HTTP status for a code, a Device Provisioning Service record, beside
  // the hub's own records (one with a placeholder in its id, which is not judged).
  const auto sink = read_text(
      R"({"time":"2026-11-20T00:00:00Z","resourceId":"/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.KEYVAULT/VAULTS/KV1",)"
      R"("operationName":"VaultGet","category":"AuditEvent","resultType":"Success"})"
      "\n"
      R"({"time":"2026-11-20T00:00:01Z","resourceId":"/subscriptions/s/resourceGroups/r/providers/Microsoft.Web/sites/app",)"
      R"("operationName":"Microsoft.Web/sites/log","category":"AppServiceHTTPLogs","resultType":"200"})"
      "\n"
      R"({"time":"2026-11-20T00:00:02Z","resourceId":"/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.DEVICES/PROVISIONINGSERVICES/DPS1",)"
      R"("operationName":"RegisterDevice","category":"DeviceOperations","level":"Error","resultType":"401002",)"
      R"("properties":"{\"deviceId\":\"d1\"}"})"
      "\n" +
      kRecord + "\n" +
      R"({"time":"2026-11-20T00:00:03Z","resourceId":"/SUBSCRIPTIONS/<subscription ID>/RESOURCEGROUPS/<rg>/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/<hub name>",)"
      R"("operationName":"deviceConnect","category":"Connections","level":"Information","properties":"{\"deviceId\":\"d2\"}"})"
      "\n");
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[0].device_id == "d1");
  CHECK(sink.events[1].device_id == "d2");
  REQUIRE(sink.skips.size() == 3);
  for (const auto& skip : sink.skips)
    CHECK(skip.reason == SkipReason::other_resource);
  CHECK(sink.skips[0].detail == "a resource of type MICROSOFT.KEYVAULT/VAULTS");
  CHECK(sink.skips[1].detail == "a resource of type Microsoft.Web/sites");
  CHECK(sink.skips[2].location == "x:3");
  CHECK(sink.skips[2].detail == "a resource of type MICROSOFT.DEVICES/PROVISIONINGSERVICES");
}

TEST_CASE("a resource id names another resource only by its provider and type", "[input]") {
  CHECK(other_resource_type("/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.DEVICES/IOTHUBS/"
                            "H") == "");
  CHECK(other_resource_type(
            "/subscriptions/s/resourcegroups/r/providers/microsoft.devices/iothubs") == "");
  CHECK(other_resource_type("/SUBSCRIPTIONS/S/RESOURCEGROUPS/R/PROVIDERS/MICROSOFT.NETWORK/"
                            "APPLICATIONGATEWAYS/AGW") == "MICROSOFT.NETWORK/APPLICATIONGATEWAYS");
  // A metric's id: the hub's, then the metric's own provider.
  CHECK(other_resource_type("/subscriptions/s/resourceGroups/r/providers/Microsoft.Devices/IotHubs/"
                            "h/providers/Microsoft.Insights/metrics/connectedDeviceCount") == "");
  for (const std::string_view unjudged :
       {"", "HUB-1", "/providers", "/providers/Microsoft.Web", "/SUBSCRIPTIONS/S/RESOURCEGROUPS/R"})
    CHECK(other_resource_type(unjudged) == "");
}

TEST_CASE("an address is masked as the hub masks it, and nothing else is kept", "[input]") {
  std::string out;
  CHECK(mask_address(" 192.168.0.254 ", out) == "192.168.0.XXX");
  CHECK(mask_address("86.154.180.XXX", out) == "86.154.180.XXX");  // masked already
  CHECK(mask_address("10.1.2.3:5671", out) == "10.1.2.XXX");
  CHECK(mask_address("10.1.2.3/32", out) == "10.1.2.XXX");
  // A site's IPv6 network is its first 64 bits, however the address is written.
  CHECK(mask_address("2001:db8:0:1::17", out) == "2001:db8:0:1::XXX");
  CHECK(mask_address("2001:0DB8:0000:0001:0000:0000:0000:0018", out) == "2001:db8:0:1::XXX");
  CHECK(mask_address("[2001:db8:0:1::1]:443", out) == "2001:db8:0:1::XXX");
  // A name, half an address, an unclosed bracket or a very long text: nothing kept.
  for (const std::string_view other :
       {"86.154.XXX", "2001:db8::XXX", "gateway.local", "10.0.0.", "", "1.2.3.4.5", "[::1",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}) {
    CAPTURE(other);
    CHECK(mask_address(other, out).empty());
  }
}

TEST_CASE("Event Hubs Capture messages, as avro-tools tojson writes them, are read by their Body",
          "[input][json]") {
  // The envelope of each message, its Body the message's bytes as a string; a
  // non-ASCII byte is the code point of its value (avro-tools), or the text's own
  // character (a tool that wrote the body as text).
  const auto envelope = [](std::string_view body) {
    return R"({"SequenceNumber":12,"Offset":"4294967296","EnqueuedTimeUtc":"5/1/2026 11:05:03 AM",)"
           R"("SystemProperties":{"x-opt-enqueued-time":{"long":1777633503000}},"Properties":{},)"
           R"("Body":")" +
           std::string(body) + "\"}\n";
  };
  const std::string record =
      R"({\"time\":\"2026-05-01T10:00:00Z\",\"operationName\":\"deviceDisconnect\",)"
      R"(\"category\":\"Connections\",\"level\":\"Error\",\"resultType\":\"404104\",)"
      R"(\"properties\":{\"deviceId\":\"DEVICE\"}})";
  const auto with_id = [&record](std::string_view id) {
    std::string text = record;
    text.replace(text.find("DEVICE"), 6, id);
    return text;
  };
  const auto sink =
      read_text(envelope(R"({\"records\":[)" + with_id("cap1") + "," + with_id("cap2") + "]}") +
                envelope(R"({\"records\":[)" + with_id("caf\u00c3\u00a9") + "]}") +
                envelope(R"({\"records\":[)" + with_id("caf\u00e9") + "]}") + envelope("not json") +
                envelope(with_id("single")));
  REQUIRE(sink.events.size() == 5);
  CHECK(sink.events[0].device_id == "cap1");
  CHECK(sink.events[0].code == 404104);
  CHECK(sink.events[1].device_id == "cap2");
  CHECK(sink.events[1].location == "x:1 (record 2)");
  CHECK(sink.events[2].device_id == "caf\u00e9");
  CHECK(sink.events[3].device_id == "caf\u00e9");
  CHECK(sink.events[4].device_id == "single");
  REQUIRE(sink.skips.size() == 1);
  CHECK(sink.skips[0].reason == SkipReason::invalid_json);
  CHECK(sink.skips[0].location == "x:4");
}

TEST_CASE("a single Event Grid event, not in an array, is read", "[input][json]") {
  const auto sink = read_text(
      R"({"id":"1","eventType":"Microsoft.Devices.DeviceConnected","eventTime":"2018-06-02T19:17:44.4383997Z",)"
      R"("data":{"deviceId":"LogicAppTestDevice","hubName":"h"}})"
      "\n");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].device_id == "LogicAppTestDevice");
  CHECK(sink.events[0].operation_name == "Microsoft.Devices.DeviceConnected");
}

TEST_CASE("Log Analytics tables map cells by column name", "[input][json]") {
  const auto sink = read_text(R"({"tables":[{"name":"PrimaryResult","columns":[
      {"name":"OperationName","type":"string"},{"name":"TimeGenerated","type":"datetime"},
      {"name":"ResultType","type":"string"},{"name":"DeviceId","type":"string"},{"name":"Extra","type":"long"}],
    "rows":[["deviceDisconnect","2021-09-21T22:33:34.1234567Z","404104","d1",7],
            ["deviceConnect","2021-09-21T22:34:00Z",null,"d1"],
            "not a row",
            ["deviceConnect","2021-09-21T22:35:00Z","","d2",null]]}]})");
  REQUIRE(sink.events.size() == 2);
  CHECK(sink.events[0].code == 404104);
  CHECK(sink.events[0].time == *parse_iso8601("2021-09-21T22:33:34.123Z"));
  CHECK(sink.events[1].device_id == "d2");
  REQUIRE(sink.skips.size() == 2);
  CHECK(sink.skips[0].location == "x:5 (record 2)");  // each row at its own line
  CHECK(sink.skips[0].detail == "a table row whose length differs from its columns");
  CHECK(sink.skips[1].location == "x:6 (record 3)");
  CHECK(sink.skips[1].detail == "a table row that is not an array");
}

TEST_CASE("az CLI row objects use the same column names", "[input][json]") {
  const auto sink = read_text(R"([
  {"TimeGenerated": "2021-09-21T22:16:00.0000000Z", "OperationName": "deviceConnect", "Category": "Connections",
   "Level": "Information", "ResultType": "", "properties_s": "{\"deviceId\":\"d1\",\"protocol\":\"Mqtt\"}",
   "Type": "AzureDiagnostics"}
])");
  REQUIRE(sink.events.size() == 1);
  CHECK(sink.events[0].device_id == "d1");
  CHECK(sink.events[0].protocol == "Mqtt");
  CHECK(sink.events[0].code == 0);
}

TEST_CASE("the format can be forced, and the wrong one fails record by record", "[input][json]") {
  ReadOptions options;
  options.format = InputFormat::json_lines;
  const auto sink = read_text("{\n" + kRecord.substr(1) + "\n", options);
  CHECK(sink.events.empty());
  CHECK(sink.skips.size() == 2);
  CHECK(input_format_from_name("csv") == InputFormat::csv);
  CHECK(to_string(InputFormat::csv) == "csv");
}

TEST_CASE("shape detection uses content, not names", "[input][json]") {
  CHECK(detect_input_format(kRecord + "\n" + kRecord) == InputFormat::json_lines);
  CHECK(detect_input_format("{\n  \"time\": 1\n}") == InputFormat::json);
  CHECK(detect_input_format("[{\"a\":1},\n{\"b\":2}]") == InputFormat::json);
  CHECK(detect_input_format("TimeGenerated [UTC],OperationName\r\n") == InputFormat::csv);
  CHECK(detect_input_format("\"TimeGenerated [Local Time]\";\"Category\"\n") == InputFormat::csv);
  CHECK(detect_input_format("Category\tLevel\n") == InputFormat::csv);
  CHECK_FALSE(detect_input_format("Level\nError\n"));  // one known column proves nothing
  CHECK_FALSE(detect_input_format("hello, world\n"));
}

}  // namespace iothub_diag
