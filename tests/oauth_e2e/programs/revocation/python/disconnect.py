"""Disconnects the integration from Zoho when an admin removes it."""
import os

import requests

ACCOUNTS = os.environ.get("ZOHO_ACCOUNTS_BASE", "https://accounts.zoho.com")


def disconnect(token):
    resp = requests.get(ACCOUNTS + "/apiauthtoken/delete?AUTHTOKEN=" + token, timeout=30)
    resp.raise_for_status()
    print("disconnected")


if __name__ == "__main__":
    disconnect(os.environ["ZOHO_AUTHTOKEN"])
