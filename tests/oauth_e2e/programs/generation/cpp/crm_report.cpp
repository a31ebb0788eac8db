// Prints the first page of CRM leads for the morning report (a cron job).
#include <curl/curl.h>

#include <cstdlib>
#include <iostream>
#include <regex>
#include <stdexcept>
#include <string>

namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

size_t Append(char* chunk, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(chunk, size * n);
  return size * n;
}

// Generates an Authtoken from the account's e-mail address and password.
std::string GetToken(const std::string& email, const std::string& password) {
  const std::string url = EnvOr("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com") + "/apiauthtoken/nb/create";
  const std::string form = "SCOPE=ZohoCRM/crmapi&EMAIL_ID=" + email + "&PASSWORD=" + password;
  std::string body;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  std::smatch m;
  if (rc != CURLE_OK || !std::regex_search(body, m, std::regex("AUTHTOKEN=(\\w+)"))) {
    throw std::runtime_error("token generation failed");
  }
  return m[1].str();
}

// Prints the first page of leads (libcurl writes the answer to stdout).
bool PrintLeads(const std::string& api_base, const std::string& token) {
  const std::string url = api_base + "/crm/v2/Leads?page=1&authtoken=" + token;
  long status = 0;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  std::cout << std::endl;
  if (rc != CURLE_OK || status != 200) {
    std::cerr << "leads: HTTP " << status << std::endl;
    return false;
  }
  return true;
}

}  // namespace

int main() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int rc = 1;
  try {
    const std::string token = GetToken(EnvOr("ZOHO_EMAIL", ""), EnvOr("ZOHO_PASSWORD", ""));
    rc = PrintLeads(EnvOr("ZOHO_API_BASE", "https://www.zohoapis.com"), token) ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << e.what() << std::endl;
  }
  curl_global_cleanup();
  return rc;
}
