// The OAuth rewriter's language table: one LanguageProfile row per language id.
#include <array>

#include "rewriters/oauth/clients.h"

namespace authshift::rewriters::oauth {
namespace {

// Sorted by language id; one row per language. A row without find_request/add_header swaps header
// schemes and replaces hard-coded tokens, and reports URL and parameter findings as withheld.
constexpr std::array<LanguageProfile, 12> kProfiles = {{
    // Bash joins words by adjacency (concat ""); the lookup is a quoted word, spliced without its
    // quotes into the double-quoted header word.
    {"bash", "\"$ZOHO_OAUTH_TOKEN\"", "", nullptr, BashFindRequest, BashAddHeader},
    // C and C++ (cfamily.cc): no string join that is safe on a null getenv result, so concat is
    // empty and a hard-coded token inside a header string is withheld with the recipe.
    {"c", "getenv(\"ZOHO_OAUTH_TOKEN\")", "", CPrepareLookup, CFindRequest, CAddHeader},
    {"cpp", "std::getenv(\"ZOHO_OAUTH_TOKEN\")", "", CPrepareLookup, CFindRequest, CAddHeader},
    {"csharp", "Environment.GetEnvironmentVariable(\"ZOHO_OAUTH_TOKEN\")", " + ",
     CsharpPrepareLookup, CsharpFindRequest, CsharpAddHeader},
    {"go", "os.Getenv(\"ZOHO_OAUTH_TOKEN\")", "+", GoPrepareLookup, GoFindRequest, GoAddHeader},
    {"java", "System.getenv(\"ZOHO_OAUTH_TOKEN\")", " + ", nullptr, JavaFindRequest, JavaAddHeader},
    {"javascript", "process.env.ZOHO_OAUTH_TOKEN", " + ", nullptr, JsFindRequest, JsAddHeader},
    {"php", "getenv('ZOHO_OAUTH_TOKEN')", " . ", nullptr, PhpFindRequest, PhpAddHeader},
    {"python", "os.environ[\"ZOHO_OAUTH_TOKEN\"]", " + ", PythonPrepareLookup, PythonFindRequest,
     PythonAddHeader},
    {"ruby", "ENV.fetch(\"ZOHO_OAUTH_TOKEN\")", " + ", nullptr, RubyFindRequest, RubyAddHeader},
    {"tsx", "process.env.ZOHO_OAUTH_TOKEN", " + ", nullptr, JsFindRequest, JsAddHeader},
    {"typescript", "process.env.ZOHO_OAUTH_TOKEN", " + ", nullptr, JsFindRequest, JsAddHeader},
}};

}  // namespace

const LanguageProfile* ProfileFor(std::string_view language_id) {
  for (const LanguageProfile& p : kProfiles) {
    if (p.id == language_id) return &p;
  }
  return nullptr;
}

}  // namespace authshift::rewriters::oauth
