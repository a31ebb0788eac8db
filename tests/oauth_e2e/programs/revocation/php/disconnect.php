<?php
// Disconnects the integration from Zoho when an admin removes it.

$accounts = getenv('ZOHO_ACCOUNTS_BASE') ?: 'https://accounts.zoho.com';
$token = getenv('ZOHO_AUTHTOKEN');

$answer = @file_get_contents($accounts . '/apiauthtoken/delete?AUTHTOKEN=' . urlencode($token));
if ($answer === false) {
    fwrite(STDERR, "revocation failed\n");
    exit(1);
}
echo "disconnected\n";
