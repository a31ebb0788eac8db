#include <catch2/catch.hpp>

#include "scanner/languages/languages.h"

using authshift::languages::Detect;

TEST_CASE("languages by extension, name and shebang", "[languages]") {
  CHECK(Detect("src/a.py", "") .id == "python");
  CHECK(Detect("A.PHP", "").id == "php");
  CHECK(Detect("web/x.tsx", "").id == "tsx");
  CHECK(Detect(".env", "").id == "dotenv");
  CHECK(Detect("config/.env.production", "").id == "dotenv");
  CHECK(Detect(".github/workflows/ci.yml", "").id == "yaml");
  CHECK(Detect("bin/sync", "#!/usr/bin/env python3\nprint(1)\n").id == "python");
  CHECK(Detect("bin/run", "#!/bin/bash\necho hi\n").id == "bash");
  CHECK(Detect("notes", "hello\n").id == "text");
  CHECK(Detect("README.md", "# x").id == "markdown");
}

TEST_CASE("Deluge is recognised by content where the extension says little", "[languages][deluge]") {
  const char* deluge =
      "orgId = organization.get(\"organization_id\");\n"
      "resp = getUrl(\"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId);\n";
  CHECK(Detect("fn.dg", "").id == "deluge");
  CHECK(Detect("custom_function.txt", deluge).id == "deluge");
  CHECK(Detect("workflow", deluge).id == "deluge");
  CHECK(Detect("x.txt", "resp = invokeurl\n[\n url: u\n type: GET\n];\n").id == "deluge");
  CHECK(Detect("x.txt", "Shopping list\nmilk\n").id == "text");
  // A real JavaScript file keeps its language (extension wins).
  CHECK(Detect("app.js", "const m = new Map();\nfor (const x of xs) { console.info(x); }\n").id == "javascript");
}

TEST_CASE("comment positions per language", "[languages]") {
  const auto& py = *authshift::languages::ById("python");
  const auto& js = *authshift::languages::ById("javascript");
  CHECK(authshift::languages::InLineComment(py, "x = 1  # Zoho-authtoken", 9));
  CHECK_FALSE(authshift::languages::InLineComment(py, "x = \"# not a comment\"", 6));
  CHECK(authshift::languages::InLineComment(js, "  // old: authtoken=", 10));
  CHECK_FALSE(authshift::languages::InLineComment(js, "u = \"https://x.zoho.com/a\";", 20));
  CHECK(authshift::languages::InLineComment(js, " * Replace your authtoken", 12));
  CHECK(authshift::languages::InLineComment(js, "a(); /* authtoken */", 9));
}

TEST_CASE("Deluge saved as .js or .java is Deluge; real JavaScript and Java are not", "[languages][deluge]") {
  const char* deluge_fn =
      "orgId = \"12345\";\n"
      "resp = invokeurl\n[\n  url: \"https://books.zoho.com/api/v3/invoices?organization_id=\" + orgId\n"
      "  type: GET\n  connection: \"zbooks\"\n];\ninfo resp;\n";
  CHECK(Detect("functions/sync.js", deluge_fn).id == "deluge");
  CHECK(Detect("functions/Sync.java", deluge_fn).id == "deluge");
  const char* js =
      "const axios = require('axios');\n"
      "for (const m of Map()) {}\n"
      "async function getUrl(u) { return axios.get(u); }\n"
      "getUrl('https://books.zoho.com/api/v3/invoices');\n";
  CHECK(Detect("client.js", js).id == "javascript");
  const char* java =
      "package com.acme;\nimport java.net.*;\n"
      "public class Client {\n  String getUrl(String u) { return u; }\n"
      "  void run() { info(getUrl(\"x\")); Map<String,String> m = new HashMap<>(); }\n}\n";
  CHECK(Detect("Client.java", java).id == "java");
}
