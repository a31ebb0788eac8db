// `authshift fix` on shapes met in real client code the project had not seen, each withheld with the
// reason that names what the user must change: a URL handed to a method of another class's object
// (not to the logger that prints the response), a URL handed to a method of an object the file does not
// define, and a kintone customisation (browser code) whose request goes through kintone.proxy.
#include <catch2/catch.hpp>

#include <string>

#include "tests/test_util.h"

using authshift::testing::ExpectFix;
using authshift::testing::Has;
using authshift::testing::TempDir;

TEST_CASE("oauth: a Java URL handed to an instance of another class of the project names that call, not the "
          "logger of its response",
          "[fix][oauth]") {
  TempDir d;
  const std::string activity =
      "package com.example.invoices;\n"
      "\n"
      "import android.os.AsyncTask;\n"
      "import android.util.Log;\n"
      "\n"
      "public class MainActivity {\n"
      "    private String TAG = \"invoices\";\n"
      "    private static String url = \"https://invoice.zoho.com/api/v3/invoices?auth"
      "token=0123456789abcdef0123456789abcdef&organization_id=1\";\n"
      "\n"
      "    private class GetInvoices extends AsyncTask<Void, Void, Void> {\n"
      "        @Override\n"
      "        protected Void doInBackground(Void... arg0) {\n"
      "            HttpHandler sh = new HttpHandler();\n"
      "            String jsonStr = sh.makeServiceCall(url);\n"
      "            Log.e(TAG, \"Response from url: \" + jsonStr);\n"
      "            return null;\n"
      "        }\n"
      "    }\n"
      "}\n";
  auto r = ExpectFix(d, {.files = {{"MainActivity.java", activity, {}}},
                         .report = {"MainActivity.java:8:75: withheld: [authtoken-url-param] the URL is handed to "
                                    "sh.makeServiceCall(…) (HttpHandler), which builds the request in another file: "
                                    "remove the auth" "token parameter and add the Authorization: Zoho-oauthtoken "
                                    "header there by hand",
                                    "0 fixed"}});
  CHECK(!Has(r.out, "Log.e"));
}

TEST_CASE("oauth: a PHP URL handed to a method of an object this file does not define names that method",
          "[fix][oauth]") {
  TempDir d;
  const std::string script =
      "<?php\n"
      "function listFiles($mu_)\n"
      "{\n"
      "    $token = getenv('DOCS_TOKEN');\n"
      "    $url = \"https://workdrive.zoho.com/api/v1/files?auth" "token=${token}\";\n"
      "    $res = $mu_->get_contents($url);\n"
      "    error_log($res);\n"
      "}\n";
  ExpectFix(d, {.files = {{"files.php", script, {}}},
                .report = {"files.php:5:53: withheld: [authtoken-url-param] the URL is handed to "
                           "$mu_->get_contents() (line 6), which this file does not define and which builds the "
                           "request elsewhere: remove the auth" "token parameter and add the Authorization: "
                           "Zoho-oauthtoken header where that method makes the request, by hand",
                           "0 fixed"}});
}

TEST_CASE("oauth: a kintone customisation's Authtoken, literal and URL parameter, is withheld as browser code",
          "[fix][oauth]") {
  TempDir d;
  const std::string custom =
      "(function() {\n"
      "  'use strict';\n"
      "  var token = 'deadbeefdeadbeefdeadbeefdeadbeef';\n"
      "  var url = 'https://invoice.zoho.com/api/v3/invoices?auth" "token=' + token + '&organization_id=1';\n"
      "  kintone.events.on('app.record.detail.show', function(event) {\n"
      "    var button = document.createElement('button');\n"
      "    button.onclick = function() {\n"
      "      kintone.proxy(url, 'POST', {}, {}, function(body, status) { alert(status); });\n"
      "    };\n"
      "    kintone.app.record.getSpaceElement('space').appendChild(button);\n"
      "  });\n"
      "})();\n";
  const std::string browser =
      "browser code (DOM, jQuery or JSX and no Node.js evidence): a token here is visible to every visitor; "
      "move the call server-side (or into a Zoho-side connection) and revoke the Authtoken";
  auto r = ExpectFix(d, {.files = {{"customize.js", custom, {}}},
                         .report = {"customize.js:3:7: withheld: [authtoken-literal] " + browser,
                                    "customize.js:4:55: withheld: [authtoken-url-param] " + browser, "0 fixed"}});
  CHECK(!Has(r.out, "cannot find the request"));
}

TEST_CASE("oauth: a method that uses the URL without returning it is not said to return it", "[fix][oauth]") {
  TempDir d;
  const std::string module =
      "import zohoclient\n"
      "\n"
      "\n"
      "def search(attributes):\n"
      "    query = 'https://desk.zoho.com/api/v1/tickets?auth" "token=deadbeefdeadbeefdeadbeefdeadbeef&orgId=1'\n"
      "    zohoclient.open_url(query)\n"
      "\n"
      "\n"
      "def build(attributes):\n"
      "    return 'https://desk.zoho.com/api/v1/tickets?auth" "token=' + attributes['t']\n";
  ExpectFix(d, {.files = {{"tickets.py", module, {}}},
                .report = {"tickets.py:5:51: withheld: [authtoken-url-param] cannot find the request this value is "
                           "sent with",
                           "tickets.py:10:50: withheld: [authtoken-url-param] build() builds the URL and returns it, "
                           "and no code of this file calls it",
                           "0 fixed"}});
}

TEST_CASE("scan: a bare 32-hex Authorization value sent with Zoho's organization header is reported although "
          "no line names the Authtoken",
          "[scan]") {
  TempDir d;
  d.Write("resolvers.js",
          "const axios = require(\"axios\");\n"
          "exports.fetchOrder = (id) => axios({\n"
          "  url: `https://invoice.zoho.com/api/v3/invoices/${id}`,\n"
          "  headers: {\n"
          "    Authorization: \"0123456789abcdef0123456789abcdef\",\n"
          "    \"X-com-zoho-invoice-organizationid\": \"600000001\"\n"
          "  }\n"
          "});\n");
  auto r = authshift::testing::RunCli({"scan", "--no-color", d.path()});
  CHECK(Has(r.out, "resolvers.js:5:5: warning: Hard-coded Authtoken in Zoho code"));
  CHECK(Has(r.out, "[authtoken-zoho-literal]"));
}
