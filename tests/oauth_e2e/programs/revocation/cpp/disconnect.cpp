// Disconnects the integration from Zoho when an admin removes it.
#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace {

size_t Discard(char *, size_t size, size_t count, void *) { return size * count; }

bool Disconnect(const std::string &accounts, const std::string &token) {
  CURL *curl = curl_easy_init();
  if (curl == nullptr) return false;
  const std::string url = accounts + "/apiauthtoken/delete?AUTHTOKEN=" + token;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  long status = 0;
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK || status != 200) {
    std::cerr << "HTTP " << status << "\n";
    return false;
  }
  std::cout << "disconnected\n";
  return true;
}

}  // namespace

int main() {
  const char *accounts = std::getenv("ZOHO_ACCOUNTS_BASE");
  const char *token = std::getenv("ZOHO_AUTHTOKEN");
  if (token == nullptr) return 2;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  const bool ok = Disconnect(accounts != nullptr ? accounts : "https://accounts.zoho.com", token);
  curl_global_cleanup();
  return ok ? 0 : 1;
}
