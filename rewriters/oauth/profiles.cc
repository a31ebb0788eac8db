// The OAuth rewriter's language table: one LanguageProfile row per language id, each defined in its
// language's file (<lang>.cc) with the request idioms it names.
#include <algorithm>
#include <iterator>

#include "rewriters/oauth/common/context.h"

namespace authshift::rewriters::oauth {

extern const LanguageProfile kBashProfile;        // bash.cc
extern const LanguageProfile kCProfile;           // cfamily.cc
extern const LanguageProfile kCppProfile;         // cfamily.cc
extern const LanguageProfile kCsharpProfile;      // csharp.cc
extern const LanguageProfile kGoProfile;          // go.cc
extern const LanguageProfile kJavaProfile;        // java.cc
extern const LanguageProfile kJavaScriptProfile;  // javascript.cc
extern const LanguageProfile kPhpProfile;         // php.cc
extern const LanguageProfile kPythonProfile;      // python.cc
extern const LanguageProfile kRubyProfile;        // ruby.cc
extern const LanguageProfile kTsxProfile;         // javascript.cc
extern const LanguageProfile kTypeScriptProfile;  // javascript.cc

namespace {

// Sorted by language id (ProfileFor binary-searches it; the language completeness test checks the
// order). A row without find_request/add_header swaps header schemes and replaces hard-coded
// tokens, and reports URL and parameter findings as withheld.
constexpr const LanguageProfile* kProfiles[] = {
    &kBashProfile,
    &kCProfile,
    &kCppProfile,
    &kCsharpProfile,
    &kGoProfile,
    &kJavaProfile,
    &kJavaScriptProfile,
    &kPhpProfile,
    &kPythonProfile,
    &kRubyProfile,
    &kTsxProfile,
    &kTypeScriptProfile,
};

}  // namespace

std::span<const LanguageProfile* const> AllProfiles() { return kProfiles; }

const LanguageProfile* ProfileFor(std::string_view language_id) {
  const auto it = std::lower_bound(std::begin(kProfiles), std::end(kProfiles), language_id,
                                   [](const LanguageProfile* p, std::string_view key) { return p->id < key; });
  if (it == std::end(kProfiles) || (*it)->id != language_id) return nullptr;
  return *it;
}

}  // namespace authshift::rewriters::oauth
