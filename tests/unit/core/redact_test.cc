// Every token-shaped value on a printed line is masked, whatever rule (if any) found it, and a
// snippet is bounded whatever the length of its line.
#include <catch2/catch.hpp>

#include <string>

#include "scanner/core/redact.h"

namespace authshift::core {
namespace {

const std::string kTok = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const std::string kTok2 = "00112233445566778899aabbccddeeff";
const std::string kOAuth = "1000.4f3e2d1c0b9a8f7e6d5c4b3a29180706.a1b2c3d4e5f60718293a4b5c6d7e8f90";

TEST_CASE("every token on a line is masked, not only the finding's", "[core][redact]") {
  // A help text with an example Authtoken next to AUTHTOKEN=, and a second literal on a JSON line.
  CHECK(RedactText("echo 'AUTHTOKEN=" + kTok + "  (e.g. " + kTok2 + ")'", {kTok}) ==
        "echo 'AUTHTOKEN=9f8e********  (e.g. 0011********)'");
  CHECK(RedactText("{\"a\": \"" + kTok + "\", \"b\": \"" + kTok2 + "\"}", {kTok}) ==
        "{\"a\": \"9f8e********\", \"b\": \"0011********\"}");
  // OAuth tokens, bare or in a header.
  CHECK(RedactAll("headers = {'Authorization': 'Zoho-oauthtoken " + kOAuth + "'}") ==
        "headers = {'Authorization': 'Zoho-oauthtoken 1000********'}");
  CHECK(RedactAll("refresh=" + kOAuth.substr(0, 37)) == "refresh=1000********");
  // Values of secret-named keys, in the syntaxes of several languages.
  CHECK(RedactAll("\"client_secret\": \"s3cr3tvalue\"") == "\"client_secret\": \"s3cr********\"");
  CHECK(RedactAll("$api_key => 'abcdefgh'") == "$api_key => 'abcd********'");
  CHECK(RedactAll("DB_PASSWORD=hunter") == "DB_PASSWORD=hunt********");
  CHECK(RedactAll("refresh_token: rt9999999") == "refresh_token: rt99********");
  // Readable: identifiers, short values, 32 letters with no digit, 33-character runs.
  CHECK(RedactAll("params: { authtoken: this.token }") == "params: { authtoken: this.token }");
  CHECK(RedactAll("token: string") == "token: string");
  CHECK(RedactAll("getAuthorizationHeaderForRequests") == "getAuthorizationHeaderForRequests");
  CHECK(RedactAll("x = " + kTok + "a") == "x = " + kTok + "a");
  CHECK(RedactAll("") == "");
}

TEST_CASE("SecretSpans are sorted and disjoint", "[core][redact]") {
  std::string line = "token=" + kTok + "&k=" + kTok2;
  auto spans = SecretSpans(line, {kTok});
  REQUIRE(spans.size() == 2);
  CHECK(line.substr(spans[0].begin, spans[0].end - spans[0].begin) == kTok);
  CHECK(line.substr(spans[1].begin, spans[1].end - spans[1].begin) == kTok2);
}

TEST_CASE("a snippet is bounded and masked on a very long line", "[core][redact]") {
  // ~2 MB of one line with a token every 100 bytes; the match is in the middle.
  std::string unit = "f(\"?authtoken=" + kTok + "\");var a=1;var b=22;var c=333;var d=4444;var e=55555;x();";
  std::string line;
  while (line.size() < 2'000'000) line += unit;
  size_t at = line.find("authtoken", 1'000'000);
  Snippet s = MaskedSnippet(line, at, at + 9, {});
  CHECK(s.text.size() < 2 * kSnippetContext + kSnippetMatch);
  CHECK(s.text.rfind("…", 0) == 0);
  CHECK(s.text.substr(s.begin, s.end - s.begin) == "authtoken");
  CHECK(s.text.find(kTok.substr(4)) == std::string::npos);
  // A huge match is shown only in part, and the caret's end stays inside the snippet.
  Snippet whole = MaskedSnippet(line, 0, line.size(), {});
  CHECK(whole.text.size() < kSnippetContext + kSnippetMatch + 64);
  CHECK(whole.end <= whole.text.size());
  CHECK(whole.text.find(kTok.substr(4)) == std::string::npos);
}

TEST_CASE("a snippet window never cuts a secret into an unmasked part", "[core][redact]") {
  // The match sits right after a 32-hex token that the window would otherwise cut in two.
  std::string pad(kSnippetContext - 10, ' ');
  std::string line = "x=" + kTok + pad + "authtoken";
  size_t at = line.find("authtoken");
  Snippet s = MaskedSnippet(line, at, at + 9, {});
  CHECK(s.text.find("9f8e********") != std::string::npos);
  CHECK(s.text.find(kTok.substr(4, 8)) == std::string::npos);
  CHECK(s.text.substr(s.begin, s.end - s.begin) == "authtoken");
  // A value longer than the search reach is masked whole rather than shown in part.
  std::string huge(20000, 'a');
  std::string line2 = "password=" + huge + "7 authtoken";
  size_t at2 = line2.find(" authtoken") + 1;
  Snippet s2 = MaskedSnippet(line2, at2, at2 + 9, {});
  CHECK(s2.text.find("aaaaa") == std::string::npos);
  CHECK(s2.text.substr(s2.begin, s2.end - s2.begin) == "authtoken");
}

TEST_CASE("a preview line is bounded and masked", "[core][redact]") {
  std::string line = "+x = '" + kTok + "'" + std::string(10000, ';');
  std::string p = RedactPreview(line, 400);
  CHECK(p.size() < 420);
  CHECK(p.find("9f8e********") != std::string::npos);
  CHECK(RedactPreview("+short", 400) == "+short");
}

}  // namespace
}  // namespace authshift::core
