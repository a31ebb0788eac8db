#pragma once
// Zoho context: whether a file is about Zoho, computed once per file from its text and path.
//
// In Zoho context an `authtoken` key, parameter, option slot or setting is Authtoken usage even
// where no request is visible (rules with `context: zoho`); outside it, the same words belong to
// other services (Twilio's authToken, npm's _authToken, ngrok, libSQL) and stay silent.
//
// Signals, any one of which makes a file about Zoho:
//   host      a Zoho host of any data centre (zoho|zohoapis|zohocloud on .com .eu .in .com.au
//             .com.cn .jp .ca .sa .uk .ae), also accounts/docs hosts
//   import    a Zoho SDK or package: com.zoho., zcrmsdk, @zohocrm/, zohocrmsdk, `use Zoho\`,
//             `require 'zoho…'`, `from zoho…`/`import zoho…`, `"zoho…":` dependencies
//   name      a Zoho-named class, module, namespace or package (`class ZohoClient`,
//             `namespace Acme\ZohoCRM`, `module ZohoInvoice`, `package zoho`), or a Zoho-named
//             type used in code (`ZohoInvoiceApiClient::getService`, `new ZohoBooks(`)
//   api       words only Zoho's APIs use: the scopes crmapi, creatorapi, invoiceapi, reportsapi,
//             ZohoCRM/…, ZohoBooks/…, and the parameters ZOHO_ACTION, zc_ownername
//   config    a config section named Zoho (`[zoho]`, `zoho:` at the start of a line, `"zoho": {`)
//   path      a file name containing "zoho" (ZohoClient.php, zoho_sync.py); directory names are
//             not read (a checkout, a fixture folder or a monorepo may name them anything)
//
// A repository is about Zoho when one of its scanned files is (the engine aggregates this over the
// files that passed the prefilter). Pure functions, thread-safe.
#include <string_view>

namespace authshift::ir {

struct ZohoContext {
  bool zoho = false;
  std::string_view signal;  // which signal decided ("host", "import", "name", "api", "config", "path"), or ""
};

ZohoContext ComputeZohoContext(std::string_view text, std::string_view path);

}  // namespace authshift::ir
