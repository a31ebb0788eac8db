"""Disconnects the integration from Zoho when an admin removes it."""
import os
import urllib.request

ACCOUNTS = os.environ.get("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com")


def disconnect(token):
    with urllib.request.urlopen(ACCOUNTS + "/apiauthtoken/delete?AUTHTOKEN=" + token, timeout=30) as resp:
        resp.read()
    print("disconnected")


if __name__ == "__main__":
    disconnect(os.environ["ZOHO_AUTHTOKEN"])
