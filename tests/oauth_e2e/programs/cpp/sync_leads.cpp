// Nightly job: reads the CRM leads page by page and prints the raw JSON of each page.
#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

bool FetchLeads(const std::string& api_base, const std::string& authtoken, int page) {
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return false;
  std::string url = api_base + "/crm/v2/Leads?page=" + std::to_string(page) + "&authtoken=" + authtoken;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  std::cout << std::endl;
  if (rc != CURLE_OK || status != 200) {
    std::cerr << "page " << page << ": HTTP " << status << std::endl;
    return false;
  }
  return true;
}

}  // namespace

int main() {
  const std::string api_base = EnvOr("ZOHO_API_BASE", "https://www.zohoapis.com");
  const std::string authtoken = EnvOr("ZOHO_AUTHTOKEN", "");
  const int pages = std::atoi(EnvOr("SYNC_PAGES", "3").c_str());
  const double pause = std::atof(EnvOr("SYNC_PAUSE", "0").c_str());
  curl_global_init(CURL_GLOBAL_DEFAULT);
  for (int page = 1; page <= pages; page++) {
    if (page > 1) std::this_thread::sleep_for(std::chrono::duration<double>(pause));
    if (!FetchLeads(api_base, authtoken, page)) return 1;
  }
  curl_global_cleanup();
  return 0;
}
