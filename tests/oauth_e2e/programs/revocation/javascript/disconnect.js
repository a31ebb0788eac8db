// Disconnects the integration from Zoho when an admin removes it.
const ACCOUNTS = process.env.ZOHO_ACCOUNTS_BASE || "https://accounts.zoho.com";

async function disconnect(token) {
  const res = await fetch(ACCOUNTS + "/apiauthtoken/delete?AUTHTOKEN=" + token);
  if (!res.ok) throw new Error("HTTP " + res.status);
  console.log("disconnected");
}

disconnect(process.env.ZOHO_AUTHTOKEN).catch((e) => {
  console.error(e.message);
  process.exit(1);
});
