// `authshift fix` on an `authtoken` option handed to a client class the file imports: the request
// is built where that class is defined, so the finding is withheld saying so (not "cannot find the
// request"); a call on a class the file declares, or on an object, keeps the general reason.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::TempDir;

TEST_CASE("client option: an authtoken option of an imported client's factory", "[fix][client]") {
  TempDir d;
  const std::string php =
      "<?php\n"
      "namespace Acme\\Sync;\n"
      "\n"
      "use Kairos\\ZohoInvoiceApi\\ZohoInvoiceApiClient;\n"
      "\n"
      "class ContactSync\n"
      "{\n"
      "    protected $contactService;\n"
      "\n"
      "    public function __construct($authToken, $organizationId)\n"
      "    {\n"
      "        $this->contactService = ZohoInvoiceApiClient::getService('Contacts/ContactsService', "
      "array('auth" "token' => $authToken, 'organization_id' => $organizationId));\n"
      "    }\n"
      "}\n";
  // The same call on a class this file declares: the client is here, the general reason stays.
  const std::string local =
      "<?php\n"
      "class ZohoInvoiceApiClient\n"
      "{\n"
      "    public static function make($config) { return new self(); }\n"
      "}\n"
      "\n"
      "$svc = ZohoInvoiceApiClient::getService('Contacts/ContactsService', array('auth" "token' => getenv('T')));\n";
  const authshift::testing::CliResult r = ExpectFix(
      d, {.files = {{"ContactSync.php", php, {}}, {"local.php", local, {}}},
          .report = {"ContactSync.php:12:", "the token is an option of ZohoInvoiceApiClient::getService(…) (line 12), "
                                            "of a client class this file imports: that client sends it, so move the "
                                            "client to an Authorization: Zoho-oauthtoken header where it is defined, "
                                            "then pass an OAuth access token here",
                     "local.php:7:75: withheld: [authtoken-zoho-key] cannot find the request this value is sent with"}});
  CHECK_FALSE(Has(r.out, "ContactSync.php:12:93: withheld: [authtoken-zoho-key] cannot find"));
}
