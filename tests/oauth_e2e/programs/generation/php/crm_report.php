<?php
// Prints the first page of CRM leads for the morning report (a cron job).

$apiBase = getenv('ZOHO_API_BASE') ?: 'https://www.zohoapis.com';
$accounts = getenv('ZOHO_ACCOUNTS_BASE') ?: 'https://accounts.zoho.com';

function zoho_login($accounts)
{
    $query = http_build_query(['SCOPE' => 'ZohoCRM/crmapi', 'EMAIL_ID' => getenv('ZOHO_EMAIL'), 'PASSWORD' => getenv('ZOHO_PASSWORD')]);
    $body = @file_get_contents($accounts . '/apiauthtoken/nb/create?' . $query);
    if ($body === false || !preg_match('/AUTHTOKEN=(\w+)/', $body, $m)) {
        fwrite(STDERR, "Zoho login failed\n");
        exit(1);
    }
    return $m[1];
}

$authtoken = zoho_login($accounts);
$ch = curl_init($apiBase . '/crm/v2/Leads?page=1&authtoken=' . $authtoken);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$body = curl_exec($ch);
if (curl_getinfo($ch, CURLINFO_HTTP_CODE) !== 200) {
    fwrite(STDERR, "HTTP error\n");
    exit(1);
}
foreach (json_decode($body, true)['data'] as $lead) {
    echo $lead['Last_Name'], "\n";
}
