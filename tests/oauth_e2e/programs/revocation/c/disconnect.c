/* Disconnects the integration from Zoho when an admin removes it. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>

static size_t discard(char *data, size_t size, size_t count, void *user) {
  (void)data;
  (void)user;
  return size * count;
}

static int disconnect(const char *accounts, const char *token) {
  char url[512];
  long status = 0;
  CURL *curl = curl_easy_init();
  if (curl == NULL) return 1;
  snprintf(url, sizeof url, "%s/apiauthtoken/delete?AUTHTOKEN=%s", accounts, token);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK || status != 200) {
    fprintf(stderr, "HTTP %ld\n", status);
    return 1;
  }
  printf("disconnected\n");
  return 0;
}

int main(void) {
  const char *accounts = getenv("ZOHO_ACCOUNTS_BASE");
  const char *token = getenv("ZOHO_AUTHTOKEN");
  if (accounts == NULL) accounts = "https://accounts.zoho.com";
  if (token == NULL) return 2;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  int rc = disconnect(accounts, token);
  curl_global_cleanup();
  return rc;
}
