<?php
// Nightly job: reads the CRM leads page by page and prints one line per lead.

$apiBase = getenv('ZOHO_API_BASE') ?: 'https://www.zohoapis.com';
$authtoken = getenv('ZOHO_AUTHTOKEN') ?: '';
$pages = (int) (getenv('SYNC_PAGES') ?: 3);
$pause = (float) (getenv('SYNC_PAUSE') ?: 0);

function fetch_leads($apiBase, $authtoken, $page)
{
    $ch = curl_init($apiBase . '/crm/v2/Leads?page=' . $page . '&authtoken=' . $authtoken);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    $body = curl_exec($ch);
    $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
    curl_close($ch);
    if ($status !== 200) {
        fwrite(STDERR, "page $page: HTTP $status\n");
        exit(1);
    }
    return json_decode($body, true)['data'];
}

for ($page = 1; $page <= $pages; $page++) {
    if ($page > 1) {
        usleep((int) ($pause * 1000000));
    }
    foreach (fetch_leads($apiBase, $authtoken, $page) as $lead) {
        echo $page, ' ', $lead['Last_Name'], "\n";
    }
}
