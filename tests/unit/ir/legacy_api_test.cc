// Which Zoho URLs and `scope` values belong to a retired API (scanner/ir/url.h): the rewriters
// withhold those calls as manual migrations and remove a leftover `scope` sent to a current API.
#include <catch2/catch.hpp>

#include "scanner/ir/url.h"

using authshift::ir::IsCurrentApi;
using authshift::ir::IsLegacyApi;
using authshift::ir::IsLegacyScope;

TEST_CASE("retired APIs: CRM v1, Creator v1, Invoice v2 and their scope parameter", "[ir][url]") {
  CHECK(IsLegacyApi("https://crm.zoho.com/crm/private/json/Leads/getRecords"));
  CHECK(IsLegacyApi("https://creator.zoho.com/api/owner/json/app/view/All"));
  CHECK(IsLegacyApi("https://invoice.zoho.com/api/view/invoices"));
  CHECK(IsLegacyApi("https://www.zohoapis.com/books/v3/invoices?scope=crmapi"));
  CHECK_FALSE(IsLegacyApi("https://www.zohoapis.com/crm/v2/Leads"));
  CHECK_FALSE(IsLegacyApi("https://books.zoho.eu/api/v3/invoices?organization_id=1"));
  // Zoho Docs, retired into WorkDrive (whose API is another one).
  CHECK(IsLegacyApi("https://apidocs.zoho.com/files/v1/upload"));
  CHECK(IsLegacyApi("https://example.com/files?scope=docsapi"));
  CHECK_FALSE(IsLegacyApi("https://workdrive.zoho.com/api/v1/files"));
}

TEST_CASE("current APIs: a Zoho host and a versioned path that is not retired", "[ir][url]") {
  CHECK(IsCurrentApi("https://www.zohoapis.com/crm/v2/Leads"));
  CHECK(IsCurrentApi("https://books.zoho.eu/api/v3/invoices?organization_id=1"));
  CHECK(IsCurrentApi("https://desk.zoho.com/api/v1/tickets"));
  // The query's legacy scope does not make the path retired: that is what lets it go as a leftover.
  CHECK(IsCurrentApi("https://www.zohoapis.com/crm/v2/Leads?scope=crmapi"));
  CHECK_FALSE(IsCurrentApi("https://crm.zoho.com/crm/private/json/Leads/getRecords"));
  CHECK_FALSE(IsCurrentApi("https://api.example.com/v2/items"));
  CHECK_FALSE(IsCurrentApi("https://www.zohoapis.com/crm/Leads"));
}

TEST_CASE("legacy scope values", "[ir][url]") {
  CHECK(IsLegacyScope("crmapi"));
  CHECK(IsLegacyScope("CreatorAPI"));
  CHECK(IsLegacyScope("invoiceapi"));
  CHECK(IsLegacyScope("docsapi"));
  CHECK_FALSE(IsLegacyScope("ZohoCRM.modules.ALL"));
  CHECK_FALSE(IsLegacyScope("crmapi2"));
}
