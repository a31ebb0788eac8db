#include <catch2/catch.hpp>

#include "scanner/core/hash.h"
#include "scanner/core/redact.h"
#include "scanner/core/source_file.h"

using authshift::core::SourceFile;

TEST_CASE("positions are 1-based with byte and UTF-16 columns", "[core]") {
  // "é" is 2 bytes / 1 UTF-16 unit; "𝄞" is 4 bytes / 2 units.
  SourceFile f("a.txt", "ab\nxé𝄞z\r\nlast");
  auto p = f.PositionAt(0);
  CHECK(p.line == 1);
  CHECK(p.column == 1);
  auto z = f.PositionAt(3 + 1 + 2 + 4);  // the 'z' on line 2
  CHECK(z.line == 2);
  CHECK(z.column == 8);
  CHECK(z.column_utf16 == 5);
  CHECK(f.Line(2) == "xé𝄞z");  // CR stripped
  CHECK(f.Line(3) == "last");
  CHECK(f.Line(4).empty());
  CHECK(f.LineCount() == 3);
  auto end = f.PositionAt(f.bytes().size());
  CHECK(end.line == 3);
  CHECK(end.column == 5);
}

TEST_CASE("invalid UTF-8 counts one UTF-16 unit per bad byte", "[core]") {
  CHECK(authshift::core::Utf16Length("\xff\xfe" "a") == 3);
  CHECK(authshift::core::Utf16Length("\xe2\x82") == 2);  // truncated sequence
  CHECK(authshift::core::Utf16Length("") == 0);
}

TEST_CASE("empty file has one empty line", "[core]") {
  SourceFile f("e", "");
  CHECK(f.LineCount() == 1);
  CHECK(f.PositionAt(0).line == 1);
  CHECK(f.Line(1).empty());
}

TEST_CASE("secrets are shown as 4 characters and a mask", "[core][redact]") {
  using authshift::core::RedactSecret;
  using authshift::core::RedactText;
  CHECK(RedactSecret("0123456789abcdef0123456789abcdef") == "0123********");
  CHECK(RedactSecret("abc") == "****");
  std::string tok = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
  CHECK(RedactText("x = '" + tok + "'; y = '" + tok + "'", {tok}) == "x = '9f8e********'; y = '9f8e********'");
  // Known positions are masked whatever rule matched.
  CHECK(RedactText("https://books.zoho.com/api/v3/x?authtoken=" + tok + "&organization_id=1", {}) ==
        "https://books.zoho.com/api/v3/x?authtoken=9f8e********&organization_id=1");
  CHECK(RedactText("create?SCOPE=ZohoCRM/crmapi&EMAIL_ID=a@b.c&PASSWORD=hunter2hunter", {}) ==
        "create?SCOPE=ZohoCRM/crmapi&EMAIL_ID=a@b.c&PASSWORD=hunt********");
  CHECK(RedactText("ZOHO_AUTHTOKEN=" + tok, {}) == "ZOHO_AUTHTOKEN=9f8e********");
  // Identifiers are left readable; a value after `=` is masked whatever its shape.
  CHECK(RedactText("\"authtoken\": authToken,", {}) == "\"authtoken\": authToken,");
  CHECK(RedactText("authtoken=1000.abc.def", {}) == "authtoken=1000********");
  CHECK(RedactText("\"Zoho-authtoken \" + token", {}) == "\"Zoho-authtoken \" + token");
}

TEST_CASE("FNV-1a is stable", "[core]") {
  CHECK(authshift::core::Hex64(authshift::core::Fnv1a64("")) == "cbf29ce484222325");
  CHECK(authshift::core::Hex64(authshift::core::Fnv1a64("a")) == "af63dc4c8601ec8c");
}

TEST_CASE("RedactAll masks lone Authtoken-shaped values too", "[core][redact]") {
  using authshift::core::RedactAll;
  CHECK(RedactAll("-token = \"c0ffee00c0ffee00c0ffee00c0ffee00\";") == "-token = \"c0ff********\";");
  CHECK(RedactAll("x = abcdefabcdefabcdefabcdefabcdefabc") == "x = abcdefabcdefabcdefabcdefabcdefabc");  // 33
  CHECK(RedactAll("resp = getUrl(url);") == "resp = getUrl(url);");
}
