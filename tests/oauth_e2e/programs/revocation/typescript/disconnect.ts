// Disconnects the integration from Zoho when an admin removes it.
const ACCOUNTS: string = process.env.ZOHO_ACCOUNTS_BASE || 'https://accounts.zoho.com';

async function disconnect(token: string): Promise<void> {
  const res = await fetch(ACCOUNTS + '/apiauthtoken/delete?AUTHTOKEN=' + token);
  if (!res.ok) throw new Error('HTTP ' + res.status);
  console.log('disconnected');
}

disconnect(process.env.ZOHO_AUTHTOKEN || '').catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
