#!/usr/bin/env bash
# Nightly job: reads the CRM leads page by page and prints the raw JSON of each page.
set -euo pipefail

API_BASE="${ZOHO_API_BASE:-https://www.zohoapis.com}"
PAGES="${SYNC_PAGES:-3}"
PAUSE="${SYNC_PAUSE:-0}"

for ((page = 1; page <= PAGES; page++)); do
  if ((page > 1)); then sleep "$PAUSE"; fi
  curl -sS --fail "$API_BASE/crm/v2/Leads?page=$page&authtoken=$ZOHO_AUTHTOKEN"
  echo
done
