// The OAuth rewriter's language table, and the small shared pieces of the language files.
#include <re2/re2.h>

#include <algorithm>
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

std::vector<const ir::Arg*> WrittenArgs(const ir::Call& call) {
  std::vector<const ir::Arg*> out;
  for (const auto& x : call.args) {
    bool inner = std::any_of(call.args.begin(), call.args.end(), [&](const ir::Arg& o) {
      return &o != &x && o.span.begin <= x.span.begin && x.span.end <= o.span.end &&
             (o.span.end - o.span.begin) > (x.span.end - x.span.begin);
    });
    // The properties of an options object bound to a variable are listed too, outside the call.
    bool outside = x.span.begin < call.span.begin || x.span.end > call.span.end;
    if (!inner && !outside) out.push_back(&x);
  }
  return out;
}

void AppendArgument(Context& ctx, const ir::Call& call, const std::string& text) {
  std::string_view src = ctx.src();
  size_t close = call.span.end;
  while (close > call.span.begin && src[close - 1] != ')') --close;
  if (close == call.span.begin) throw Withhold{"cannot find the call's closing parenthesis"};
  --close;
  std::vector<const ir::Arg*> args = WrittenArgs(call);
  if (args.empty()) {
    ctx.Insert(close, text.substr(2));
    return;
  }
  uint32_t last = 0;
  const ir::Arg* last_arg = nullptr;
  for (const ir::Arg* a : args) {
    if (a->span.end >= last) {
      last = a->span.end;
      last_arg = a;
    }
  }
  size_t p = last;
  while (p < close && (src[p] == ' ' || src[p] == '\t')) ++p;
  bool trailing_comma = p < close && src[p] == ',';
  size_t q = trailing_comma ? p + 1 : last;
  while (q < close && (src[q] == ' ' || src[q] == '\t' || src[q] == '\r')) ++q;
  if (q < close && src[q] == '\n') {
    std::string ind(ctx.IndentAt(last_arg->span.begin));
    if (trailing_comma) {
      ctx.Insert(p + 1, std::string(ctx.Eol()) + ind + text.substr(2) + ",");
    } else {
      ctx.Insert(last, "," + std::string(ctx.Eol()) + ind + text.substr(2));
    }
    return;
  }
  ctx.Insert(last, text);
}

void GoPrepareLookup(Context& ctx, std::string_view expr) {
  if (expr.rfind("os.", 0) == 0) GoEnsureImport(ctx, "os");
}

bool IsAuthorizationKey(const Context& ctx, ir::ExprId key) {
  if (key == ir::kNoExpr) return false;
  std::string k = ir::Flatten(ctx.facts(), key, ctx.src()).Joined();
  std::transform(k.begin(), k.end(), k.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return k == "authorization" || k.find(".authorization") != std::string::npos;
}

}  // namespace authshift::rewriters::oauth
