// Prints the first page of CRM leads for the morning report (a cron job).
const API = process.env.ZOHO_API_BASE || "https://www.zohoapis.com";
const ACCOUNTS = process.env.ZOHO_ACCOUNTS_BASE || "https://accounts.zoho.com";

async function getToken() {
  const res = await fetch(ACCOUNTS + "/apiauthtoken/nb/create", {
    method: "POST",
    body: new URLSearchParams({ SCOPE: "ZohoCRM/crmapi", EMAIL_ID: process.env.ZOHO_EMAIL, PASSWORD: process.env.ZOHO_PASSWORD }),
  });
  const text = await res.text();
  const match = /AUTHTOKEN=(\w+)/.exec(text);
  if (!match) throw new Error("Zoho login failed");
  return match[1];
}

async function main() {
  const token = await getToken();
  const res = await fetch(API + "/crm/v2/Leads?page=1&authtoken=" + token);
  if (!res.ok) throw new Error("HTTP " + res.status);
  for (const lead of (await res.json()).data) console.log(lead.Last_Name);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
