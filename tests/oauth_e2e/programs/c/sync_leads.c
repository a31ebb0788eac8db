/* Nightly job: reads the CRM leads page by page and prints the raw JSON of each page. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static const char *env_or(const char *name, const char *fallback) {
  const char *v = getenv(name);
  return v != NULL && *v != '\0' ? v : fallback;
}

static int fetch_leads(const char *api_base, const char *authtoken, int page) {
  char url[1024];
  long status = 0;
  CURL *curl = curl_easy_init();
  if (curl == NULL) return 1;
  snprintf(url, sizeof url, "%s/crm/v2/Leads?page=%d&authtoken=%s", api_base, page, authtoken);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  printf("\n");
  if (rc != CURLE_OK || status != 200) {
    fprintf(stderr, "page %d: HTTP %ld\n", page, status);
    return 1;
  }
  return 0;
}

int main(void) {
  const char *api_base = env_or("ZOHO_API_BASE", "https://www.zohoapis.com");
  const char *authtoken = env_or("ZOHO_AUTHTOKEN", "");
  int pages = atoi(env_or("SYNC_PAGES", "3"));
  double pause = atof(env_or("SYNC_PAUSE", "0"));
  curl_global_init(CURL_GLOBAL_DEFAULT);
  for (int page = 1; page <= pages; page++) {
    if (page > 1) usleep((useconds_t)(pause * 1e6));
    if (fetch_leads(api_base, authtoken, page) != 0) return 1;
  }
  curl_global_cleanup();
  return 0;
}
