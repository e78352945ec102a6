#include <charconv>
#include <ctime>

#include "curl_library.hpp"

#include <iothub_diag/core/ascii.hpp>
#include <iothub_diag/workspace/http_transport.hpp>

namespace iothub_diag::workspace {
namespace {

struct Transfer {
  const BodySink* sink = nullptr;
  std::string retry_after;
  bool stopped = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (!(*transfer.sink)(std::string_view(data, bytes))) {
    transfer.stopped = true;
    return 0;  // curl ends the transfer with CURLE_WRITE_ERROR
  }
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  constexpr std::string_view kName = "retry-after:";
  const std::string_view line(data, bytes);
  if (istarts_with(line, kName)) transfer.retry_after = trim(line.substr(kName.size()));
  return bytes;
}

class CurlTransport final : public HttpTransport {
 public:
  CurlTransport() : curl_(curl_library()) {
    if (curl_.problem.empty()) handle_ = curl_.easy_init();
  }
  ~CurlTransport() override {
    if (handle_ != nullptr) curl_.easy_cleanup(handle_);
  }
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResponse post(const std::string& url, const std::vector<std::string>& headers,
                    const std::string& body, const BodySink& sink) override {
    HttpResponse response;
    if (handle_ == nullptr) {
      response.transport_error =
          curl_.problem.empty() ? "libcurl could not be initialised" : curl_.problem;
      return response;
    }
    curl_slist* header_list = nullptr;
    for (const std::string& header : headers) {
      header_list = curl_.slist_append(header_list, header.c_str());
    }
    Transfer transfer{&sink, {}, false};
    char error[CURL_ERROR_SIZE] = {};
    curl_.easy_reset(handle_);
    curl_.easy_setopt(handle_, CURLOPT_URL, url.c_str());
    curl_.easy_setopt(handle_, CURLOPT_POST, 1L);
    curl_.easy_setopt(handle_, CURLOPT_POSTFIELDS, body.c_str());
    curl_.easy_setopt(handle_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_.easy_setopt(handle_, CURLOPT_HTTPHEADER, header_list);
    curl_.easy_setopt(handle_, CURLOPT_WRITEFUNCTION, on_body);
    curl_.easy_setopt(handle_, CURLOPT_WRITEDATA, &transfer);
    curl_.easy_setopt(handle_, CURLOPT_HEADERFUNCTION, on_header);
    curl_.easy_setopt(handle_, CURLOPT_HEADERDATA, &transfer);
    curl_.easy_setopt(handle_, CURLOPT_ERRORBUFFER, error);
    curl_.easy_setopt(handle_, CURLOPT_CONNECTTIMEOUT, 30L);
    // A query may run for up to 10 minutes before its first byte (Prefer: wait=600).
    curl_.easy_setopt(handle_, CURLOPT_TIMEOUT, 15L * 60L);
    curl_.easy_setopt(handle_, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_.easy_setopt(handle_, CURLOPT_LOW_SPEED_TIME, 11L * 60L);
    curl_.easy_setopt(handle_, CURLOPT_ACCEPT_ENCODING, "");  // gzip when the server offers it
    curl_.easy_setopt(handle_, CURLOPT_NOSIGNAL, 1L);
    curl_.easy_setopt(handle_, CURLOPT_USERAGENT, "iothub-diag/" IOTHUB_DIAG_VERSION);
    const CURLcode result = curl_.easy_perform(handle_);
    curl_.slist_free_all(header_list);
    curl_.easy_getinfo(handle_, CURLINFO_RESPONSE_CODE, &response.status);
    if (result != CURLE_OK && !transfer.stopped) {
      response.transport_error = error[0] != '\0' ? error : curl_.easy_strerror(result);
    } else if (transfer.stopped) {
      response.transport_error = "the response could not be stored";
    }
    if (!transfer.retry_after.empty()) {
      response.retry_after_seconds =
          parse_retry_after(transfer.retry_after, static_cast<double>(std::time(nullptr)));
    }
    return response;
  }

 private:
  const CurlLibrary& curl_;
  CURL* handle_ = nullptr;
};

}  // namespace

std::unique_ptr<HttpTransport> make_curl_transport() {
  return std::make_unique<CurlTransport>();
}

std::optional<double> parse_retry_after(std::string_view value, double now_seconds) {
  double seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error == std::errc{} && end == value.data() + value.size() && seconds >= 0) return seconds;
  const CurlLibrary& curl = curl_library();
  if (!curl.problem.empty()) return std::nullopt;
  const std::string text(value);
  const time_t when = curl.getdate(text.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const double delay = static_cast<double>(when) - now_seconds;
  return delay > 0 ? delay : 0.0;
}

std::optional<std::string> transport_problem() {
  const CurlLibrary& curl = curl_library();
  if (curl.problem.empty()) return std::nullopt;
  return curl.problem;
}

std::string transport_library_version() {
  const CurlLibrary& curl = curl_library();
  if (!curl.problem.empty()) return "unavailable";  // analyze --workspace says why
  const curl_version_info_data* info = curl.version_info(CURLVERSION_NOW);
  return info != nullptr && info->version != nullptr ? info->version : "unknown";
}

}  // namespace iothub_diag::workspace
