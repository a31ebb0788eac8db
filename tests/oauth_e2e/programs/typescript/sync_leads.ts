// Nightly job: reads the CRM leads page by page and prints one line per lead.
interface Lead {
  Last_Name: string;
}

const API_BASE: string = process.env.ZOHO_API_BASE || 'https://www.zohoapis.com';
const AUTHTOKEN: string = process.env.ZOHO_AUTHTOKEN || '';
const PAGES = Number(process.env.SYNC_PAGES || '3');
const PAUSE = Number(process.env.SYNC_PAUSE || '0');

const sleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

async function fetchLeads(page: number): Promise<Lead[]> {
  const response = await fetch(API_BASE + '/crm/v2/Leads?page=' + page + '&authtoken=' + AUTHTOKEN);
  if (!response.ok) throw new Error('page ' + page + ': HTTP ' + response.status);
  return ((await response.json()) as { data: Lead[] }).data;
}

async function main(): Promise<void> {
  for (let page = 1; page <= PAGES; page++) {
    if (page > 1) await sleep(PAUSE);
    for (const lead of await fetchLeads(page)) console.log(page, lead.Last_Name);
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
