#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iothub_diag::workspace {

// What came back from one request. status 0: no HTTP answer at all (refused,
// reset, timed out); `transport_error` then says why. An answer whose body
// broke off has its status and a transport error both.
struct HttpResponse {
  long status = 0;
  std::string transport_error;
  std::optional<double> retry_after_seconds;  // the Retry-After header, in seconds
};

// Receives the body piece by piece as it arrives; false stops the transfer.
using BodySink = std::function<bool(std::string_view)>;

// The one seam between the pull and the network, so the pull's logic is
// tested with scripted answers and the real transport against a stand-in server.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual HttpResponse post(const std::string& url, const std::vector<std::string>& headers,
                            const std::string& body, const BodySink& sink) = 0;
};

// libcurl: TLS, proxies from the environment (https_proxy, no_proxy), HTTP/1.1
// or 2, connect timeout 30 s, a stall of 11 minutes without a byte or 15 minutes
// in all end a request. libcurl is loaded by the first transport made; when it
// cannot be, every request fails with a transport error that says why.
std::unique_ptr<HttpTransport> make_curl_transport();

// Why no request can be made (libcurl is not installed, or too old), loading it;
// nullopt when requests can be made. Asked before a pull, so that a machine
// without libcurl is told at once instead of after every retry.
std::optional<std::string> transport_problem();

// The version of the libcurl the transport uses (loading it), or "unavailable".
std::string transport_library_version();

// Parses a Retry-After value: delay-seconds, or an HTTP date counted from `now_seconds`.
std::optional<double> parse_retry_after(std::string_view value, double now_seconds);

}  // namespace iothub_diag::workspace
