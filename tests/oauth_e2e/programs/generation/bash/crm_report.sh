#!/usr/bin/env bash
# Prints the first page of CRM leads for the morning report (a cron job).
set -euo pipefail

API="${ZOHO_API_BASE:-https://www.zohoapis.com}"
ACCOUNTS="${ZOHO_ACCOUNTS_BASE:-https://accounts.zoho.com}"

RESPONSE=$(curl -sf "${ACCOUNTS}/apiauthtoken/nb/create" --data-urlencode "SCOPE=ZohoCRM/crmapi" --data-urlencode "EMAIL_ID=${ZOHO_EMAIL}" --data-urlencode "PASSWORD=${ZOHO_PASSWORD}")
TOKEN=$(printf '%s\n' "$RESPONSE" | sed -n 's/^AUTHTOKEN=//p')

curl -sf "${API}/crm/v2/Leads?page=1&authtoken=${TOKEN}"
echo
