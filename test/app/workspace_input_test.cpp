// The token's resource: the public cloud's for its hosts, a sovereign cloud's own
// origin, and nothing a shell could read as more than one word.
#include <catch2/catch.hpp>

#include <iothub_diag/app/workspace_input.hpp>

using namespace iothub_diag;

TEST_CASE("a token is asked for the resource of the endpoint's cloud", "[app]") {
  CHECK(token_resource("https://api.loganalytics.io") == "https://api.loganalytics.io");
  CHECK(token_resource("https://api.loganalytics.azure.com/") == "https://api.loganalytics.io");
  CHECK(token_resource("https://API.LogAnalytics.io/v1") == "https://api.loganalytics.io");
  CHECK(token_resource("https://api.loganalytics.azure.cn") == "https://api.loganalytics.azure.cn");
  CHECK(token_resource("https://api.loganalytics.us/") == "https://api.loganalytics.us");
  CHECK(token_resource("https://api.loganalytics.azure.cn:443/") ==
        "https://api.loganalytics.azure.cn");
  CHECK(token_resource("https://api.loganalytics.io:443") == "https://api.loganalytics.io");
  CHECK(token_resource("http://127.0.0.1:8123") == "http://127.0.0.1");
  CHECK(token_resource("http://127.0.0.1:8123/proxy?x=1") == "http://127.0.0.1");
}

TEST_CASE("an endpoint a shell could misread gives the public resource", "[app]") {
  for (const char* endpoint : {"https://x';rm -rf ~;'", "https://a b", "https://user@host",
                               "https://$(id)", "https://", "api.loganalytics.azure.cn", ""}) {
    INFO(endpoint);
    CHECK(token_resource(endpoint) == "https://api.loganalytics.io");
  }
}
