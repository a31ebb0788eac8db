"""Prints the first page of CRM leads for the morning report (a cron job)."""
import json
import os
import sys
import urllib.parse
import urllib.request

API = os.environ.get("ZOHO_API_BASE", "https://www.zohoapis.com")
ACCOUNTS = os.environ.get("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com")
ZOHO_EMAIL = os.environ["ZOHO_EMAIL"]
ZOHO_PASSWORD = os.environ["ZOHO_PASSWORD"]


def get_token():
    form = urllib.parse.urlencode({"SCOPE": "ZohoCRM/crmapi", "EMAIL_ID": ZOHO_EMAIL, "PASSWORD": ZOHO_PASSWORD})
    with urllib.request.urlopen(ACCOUNTS + "/apiauthtoken/nb/create", data=form.encode(), timeout=30) as resp:
        text = resp.read().decode()
    values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    if values.get("RESULT") != "TRUE":
        sys.exit("token generation failed: " + values.get("CAUSE", "unknown"))
    return values["AUTHTOKEN"]


def main():
    token = get_token()
    url = API + "/crm/v2/Leads?page=1&authtoken=" + token
    with urllib.request.urlopen(url, timeout=30) as resp:
        leads = json.load(resp)["data"]
    for lead in leads:
        print(lead["Last_Name"])


if __name__ == "__main__":
    main()
