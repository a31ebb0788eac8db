#!/usr/bin/env bash
# Disconnects the integration from Zoho when an admin removes it.
set -euo pipefail

ACCOUNTS="${ZOHO_ACCOUNTS_BASE:-https://accounts.zoho.com}"

curl -sf "${ACCOUNTS}/apiauthtoken/delete?AUTHTOKEN=${ZOHO_AUTHTOKEN}"
echo "disconnected"
