/* Prints the first page of CRM leads for the morning report (a cron job). */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct reply {
  char text[4096];
  size_t len;
};

static size_t keep(char *chunk, size_t size, size_t n, void *user) {
  struct reply *r = user;
  size_t take = size * n;
  if (take > sizeof r->text - 1 - r->len) take = sizeof r->text - 1 - r->len;
  memcpy(r->text + r->len, chunk, take);
  r->len += take;
  r->text[r->len] = '\0';
  return size * n;
}

static const char *env_or(const char *name, const char *fallback) {
  const char *v = getenv(name);
  return v != NULL && *v != '\0' ? v : fallback;
}

/* Generates an Authtoken from the account's e-mail address and password into token. */
static int get_token(const char *email, const char *password, char *token, size_t cap) {
  char url[512];
  char form[512];
  struct reply r = {{0}, 0};
  CURL *curl = curl_easy_init();
  if (curl == NULL) return -1;
  snprintf(url, sizeof url, "%s/apiauthtoken/nb/create", env_or("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com"));
  snprintf(form, sizeof form, "SCOPE=ZohoCRM/crmapi&EMAIL_ID=%s&PASSWORD=%s", email, password);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_cleanup(curl);
  const char *line = rc == CURLE_OK ? strstr(r.text, "AUTHTOKEN=") : NULL;
  if (line == NULL) return -1;
  snprintf(token, cap, "%.*s", (int)strcspn(line + 10, "\r\n"), line + 10);
  return 0;
}

/* Prints the first page of leads (libcurl writes the answer to stdout). */
static int print_leads(const char *api_base, const char *authtoken) {
  char url[1024];
  long status = 0;
  CURL *curl = curl_easy_init();
  if (curl == NULL) return 1;
  snprintf(url, sizeof url, "%s/crm/v2/Leads?page=1&authtoken=%s", api_base, authtoken);
  curl_easy_setopt(curl, CURLOPT_URL, url);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  printf("\n");
  if (rc != CURLE_OK || status != 200) {
    fprintf(stderr, "leads: HTTP %ld\n", status);
    return 1;
  }
  return 0;
}

int main(void) {
  char token[256];
  int rc = 1;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  if (get_token(env_or("ZOHO_EMAIL", ""), env_or("ZOHO_PASSWORD", ""), token, sizeof token) != 0) {
    fprintf(stderr, "token generation failed\n");
  } else {
    rc = print_leads(env_or("ZOHO_API_BASE", "https://www.zohoapis.com"), token);
  }
  curl_global_cleanup();
  return rc;
}
