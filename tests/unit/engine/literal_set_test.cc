#include "scanner/engine/literal_set.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using authshift::engine::LiteralSet;

namespace {

// The reference: a lower-cased copy searched with std::string::find.
std::vector<size_t> Naive(const std::vector<std::string>& lits, std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::vector<size_t> out;
  for (size_t i = 0; i < lits.size(); ++i) {
    std::string l = lits[i];
    for (char& c : l) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower.find(l) != std::string::npos) out.push_back(i);
  }
  return out;
}

const std::vector<std::string> kKeywords = {"authtoken", "auth_token", "authtoken=", "apiauthtoken", "zoho-authtoken",
                                            "crm/private", "api/json", "zoho.crm.", "zoho.books.", "authshift:",
                                            "creator.zoho", "_k"};

}  // namespace

TEST_CASE("LiteralSet finds literals case-insensitively, at the edges and across blocks", "[literal-set]") {
  LiteralSet set(kKeywords);
  CHECK(set.Find("").empty());
  CHECK(set.Find("a").empty());
  CHECK(set.Find("AUTHTOKEN") == std::vector<size_t>{0});
  CHECK(set.Find("x = AuthToken=") == std::vector<size_t>{0, 2});
  CHECK(set.Find("  url?AUTHTOKEN=abc Zoho-AuthToken zoho.CRM.getRecords") == std::vector<size_t>{0, 2, 4, 7});
  // Literals straddling 16- and 32-byte block boundaries, and ending at the last byte.
  for (size_t pad = 0; pad < 70; ++pad) {
    for (auto path : {LiteralSet::Path::kAvx2Nibble, LiteralSet::Path::kSse2, LiteralSet::Path::kScalar}) {
      CHECK(set.Find(std::string(pad, ' ') + "crm/private", path) == std::vector<size_t>{5});
      CHECK(set.Find(std::string(pad, '.') + "Api/Json" + std::string(pad % 3, ' '), path) == std::vector<size_t>{6});
    }
  }
  // Near misses: a folded byte collision ('_' | 0x20 == DEL) is verified away; partial literals.
  CHECK(set.Find("auth\x7ftoken authtoke zoho.crm crm/privat").empty());
  // Non-ASCII bytes compare exactly.
  CHECK(set.Find("AUTHTOKEN\xc3\xa9").size() == 1);
}

TEST_CASE("LiteralSet exception words: an occurrence inside one does not count", "[literal-set]") {
  LiteralSet set({"authtoken", "zoho"}, {{"oauthtoken"}, {}});
  for (auto path : {LiteralSet::Path::kAvx2Nibble, LiteralSet::Path::kSse2, LiteralSet::Path::kScalar}) {
    CHECK(set.Find("Authorization: Zoho-oauthtoken " + std::string(40, 'x'), path) == std::vector<size_t>{1});
    CHECK(set.Find(std::string(33, ' ') + "OAUTHTOKEN", path).empty());
    // A real occurrence after (or before) a shadowed one still counts.
    CHECK(set.Find("oauthtoken " + std::string(50, '-') + " ?authtoken=", path) == std::vector<size_t>{0});
    CHECK(set.Find("authtoken oauthtoken", path) == std::vector<size_t>{0});
    // At the very start: no byte before it to shadow it.
    CHECK(set.Find("authtoken", path) == std::vector<size_t>{0});
  }
}

TEST_CASE("LiteralSet agrees with a naive search on random texts, on every scan path", "[literal-set]") {
  LiteralSet set(kKeywords);
  std::mt19937 rng(20261128);
  const std::string alphabet = "aAuUtThHoOkKeEnN_=/.-zZcCrRmMpPiIvVsSjJ \n\x7f\xc3";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    size_t len = rng() % 200;
    for (size_t i = 0; i < len; ++i) text.push_back(alphabet[rng() % alphabet.size()]);
    // Plant a keyword (random case) at a random place in half of the texts.
    if (rng() % 2 == 0) {
      std::string k = kKeywords[rng() % kKeywords.size()];
      for (char& c : k) {
        if (rng() % 2 == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      text.insert(text.empty() ? 0 : rng() % text.size(), k);
    }
    INFO("text: " << text);
    std::vector<size_t> expected = Naive(kKeywords, text);
    CHECK(set.Find(text) == expected);
    CHECK(set.Find(text, LiteralSet::Path::kAvx2Nibble) == expected);
    CHECK(set.Find(text, LiteralSet::Path::kSse2) == expected);
    CHECK(set.Find(text, LiteralSet::Path::kScalar) == expected);
    CHECK(set.FindScalar(text) == expected);
  }
}

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// The reference with exception words: a literal counts when one of its occurrences does not lie
// inside one of its exception words (at the offsets the word holds it).
std::vector<size_t> NaiveExcept(const std::vector<std::string>& lits, const std::vector<std::vector<std::string>>& except,
                                std::string_view text) {
  const std::string lower = Lower(std::string(text));
  std::vector<size_t> out;
  for (size_t i = 0; i < lits.size(); ++i) {
    const std::string lit = Lower(lits[i]);
    bool counted = false;
    for (size_t pos = lower.find(lit); !counted && pos != std::string::npos; pos = lower.find(lit, pos + 1)) {
      bool shadowed = false;
      for (const std::string& word : except[i]) {
        const std::string w = Lower(word);
        for (size_t off = w.find(lit); !shadowed && off != std::string::npos; off = w.find(lit, off + 1)) {
          shadowed = pos >= off && lower.compare(pos - off, w.size(), w) == 0;
        }
      }
      counted = !shadowed;
    }
    if (counted) out.push_back(i);
  }
  return out;
}

}  // namespace

TEST_CASE("LiteralSet with the shipped keywords agrees with the reference on adversarial texts", "[literal-set]") {
  // The keywords of rules/ (more anchors than the nibble filter has buckets) and an exception.
  const std::vector<std::string> keywords = {
      "authshift:", "api/json", "api/view", "api/xml", "apiauthtoken", "auth_token", "authtoken", "authtoken=",
      "creator.zoho", "creatorapi", "creatorexport.zoho", "crm/private", "crmapi", "invoiceapi", "zoho-authtoken",
      "zoho.billing.", "zoho.books.", "zoho.creator.", "zoho.crm.", "zoho.desk.", "zoho.inventory.", "zoho.invoice.",
      "zoho.subscriptions."};
  const std::vector<std::vector<std::string>> except =
      authshift::engine::ExceptionsFor(keywords, {"oauthtoken", "authtokens"});
  REQUIRE(except[6].size() == 2);  // authtoken's
  LiteralSet set(keywords, except);
  std::mt19937 rng(20261207);
  // Bytes that fold onto each other under | 0x20 ('@' '`', '_' DEL, '[' '{', '/' and 'O'), non-ASCII.
  const std::string noise = "@`_\x7f[{/O.:=-\xc3\xa9\x80\xff\t\n 0123456789";
  auto fragment = [&] {
    const std::string& k = keywords[rng() % keywords.size()];
    size_t from = rng() % k.size();
    std::string f = k.substr(from, 1 + rng() % 7);
    for (char& c : f) {
      if (rng() % 2 == 0 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return f;
  };
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t target = rng() % (round % 10 == 0 ? 4000 : 300);
    while (text.size() < target) {
      switch (rng() % 4) {
        case 0:
          text.push_back(noise[rng() % noise.size()]);
          break;
        case 1:
          text += rng() % 8 == 0 ? std::string("oAuthToken") : std::string(1 + rng() % 3, 'x');
          break;
        default:
          text += fragment();
      }
    }
    if (rng() % 3 == 0) text.insert(rng() % (text.size() + 1), keywords[rng() % keywords.size()]);
    INFO("round " << round << " text: " << text);
    const std::vector<size_t> expected = NaiveExcept(keywords, except, text);
    for (auto path : {LiteralSet::Path::kAuto, LiteralSet::Path::kAvx2Nibble, LiteralSet::Path::kSse2, LiteralSet::Path::kScalar}) {
      CHECK(set.Find(text, path) == expected);
    }
  }
}
