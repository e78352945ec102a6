#pragma once

// libcurl, loaded by the first request instead of when the program starts (private to
// src/workspace). It brings about thirty libraries of its own (TLS, Kerberos, LDAP, SSH)
// whose loading and relocation took about 10 ms of every start, twice when the program
// restarts itself for huge pages, for a library only a workspace pull uses.

#include <string>

#include <curl/curl.h>

namespace iothub_diag::workspace {

// The functions the transport and `--version` call, as libcurl exports them.
struct CurlLibrary {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_reset) easy_reset = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  decltype(&curl_getdate) getdate = nullptr;
  decltype(&curl_version_info) version_info = nullptr;
  // Why libcurl could not be used (not installed, a function missing); empty when it can.
  std::string problem;
};

// Loads libcurl on the first call, from any thread, and initialises it once; every call
// returns the same object. It stays loaded until the program ends. The library is
// libcurl.so.4, else libcurl-gnutls.so.4, or only the one IOTHUB_DIAG_LIBCURL names.
const CurlLibrary& curl_library();

}  // namespace iothub_diag::workspace
