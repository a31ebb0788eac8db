// Prints the first page of CRM leads for the morning report (a cron job).
interface Lead {
  Last_Name: string;
}

const API: string = process.env.ZOHO_API_BASE || 'https://www.zohoapis.com';
const ACCOUNTS: string = process.env.ZOHO_ACCOUNTS_BASE || 'https://accounts.zoho.com';

async function getToken(email: string, password: string): Promise<string> {
  const res = await fetch(ACCOUNTS + '/apiauthtoken/nb/create', {
    method: 'POST',
    body: new URLSearchParams({ SCOPE: 'ZohoCRM/crmapi', EMAIL_ID: email, PASSWORD: password }),
  });
  const match = /AUTHTOKEN=(\w+)/.exec(await res.text());
  if (!match) throw new Error('Zoho login failed');
  return match[1];
}

async function listLeads(token: string): Promise<Lead[]> {
  const res = await fetch(API + '/crm/v2/Leads?page=1&authtoken=' + token);
  if (!res.ok) throw new Error('HTTP ' + res.status);
  return ((await res.json()) as { data: Lead[] }).data;
}

async function main(): Promise<void> {
  const token = await getToken(process.env.ZOHO_EMAIL || '', process.env.ZOHO_PASSWORD || '');
  for (const lead of await listLeads(token)) console.log(lead.Last_Name);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
