#!/usr/bin/env python3
"""Nightly job: reads the CRM leads page by page and prints one line per lead."""
import json
import os
import sys
import time
import urllib.error
import urllib.request

API_BASE = os.environ.get("ZOHO_API_BASE", "https://www.zohoapis.com")
AUTHTOKEN = os.environ.get("ZOHO_AUTHTOKEN", "")
PAGES = int(os.environ.get("SYNC_PAGES", "3"))
PAUSE = float(os.environ.get("SYNC_PAUSE", "0"))


def fetch_leads(page):
    url = API_BASE + "/crm/v2/Leads?page=" + str(page) + "&authtoken=" + AUTHTOKEN
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)["data"]


def main():
    for page in range(1, PAGES + 1):
        if page > 1:
            time.sleep(PAUSE)
        try:
            leads = fetch_leads(page)
        except urllib.error.HTTPError as error:
            print("page %d: HTTP %d" % (page, error.code), file=sys.stderr)
            return 1
        for lead in leads:
            print(page, lead["Last_Name"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
