// token-source `refresh`: the helper table, the call written into a request and the line that
// loads the helper.
#include "rewriters/oauth/common/refresh.h"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <vector>

#include "rewriters/oauth/common/context.h"
#include "scanner/core/embedded.h"

namespace authshift::rewriters::oauth {

const std::vector<core::EmbeddedFile>& RefreshHelperFiles();  // generated (cmake/EmbedFiles.cmake)

namespace {

// Sorted by language id. The Java and Go helpers
// belong to the fixed file's package (no load line; RefreshHelperFileText adds the package
// declaration); the C# helper is an internal class of the global namespace (no using needed).
constexpr RefreshHelper kHelpers[] = {
    {"bash", "zoho_oauth.sh", "zoho_oauth.sh.txt",
     ". \"$(dirname \"${BASH_SOURCE[0]}\")/zoho_oauth.sh\"", "\"$(zoho_oauth_access_token %A)\""},
    {"c", "zoho_oauth.h", "zoho_oauth.h.txt", "#include \"zoho_oauth.h\"",
     "zoho_oauth_access_token(%A)"},
    {"cpp", "zoho_oauth.h", "zoho_oauth.h.txt", "#include \"zoho_oauth.h\"",
     "zoho_oauth_access_token(%A)"},
    {"csharp", "ZohoOAuth.cs", "ZohoOAuth.cs.txt", "", "ZohoOAuth.AccessToken(%A)"},
    {"go", "zoho_oauth.go", "zoho_oauth.go.txt", "", "zohoAccessToken(%A)"},
    {"java", "ZohoOAuth.java", "ZohoOAuth.java.txt", "", "ZohoOAuth.accessToken(%A)"},
    {"javascript", "zohoOAuth.cjs", "zohoOAuth.cjs.txt",
     "const { zohoAccessToken } = require(%Q./zohoOAuth.cjs%Q);", "(await zohoAccessToken(%A))",
     true, "import { zohoAccessToken } from %Q./zohoOAuth.cjs%Q;"},
    {"php", "ZohoOAuth.php", "ZohoOAuth.php.txt", "require_once __DIR__ . %Q/ZohoOAuth.php%Q;",
     "zoho_oauth_access_token(%A)"},
    {"python", "zoho_oauth.py", "zoho_oauth.py.txt", "import zoho_oauth",
     "zoho_oauth.access_token(%A)"},
    {"ruby", "zoho_oauth.rb", "zoho_oauth.rb.txt", "require_relative %Qzoho_oauth%Q",
     "ZohoOAuth.access_token(%A)"},
    {"tsx", "zohoOAuth.ts", "zohoOAuth.ts.txt", "import { zohoAccessToken } from %Q./zohoOAuth%Q;",
     "(await zohoAccessToken(%A))", true},
    {"typescript", "zohoOAuth.ts", "zohoOAuth.ts.txt", "import { zohoAccessToken } from %Q./zohoOAuth%Q;",
     "(await zohoAccessToken(%A))", true},
};

std::string Expand(std::string_view pattern, char quote, std::string_view accounts) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] == 'Q') {
      out += quote;
      ++i;
    } else if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] == 'A') {
      out += quote;
      out += accounts;
      out += quote;
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

// Lines that load other code, per language: the helper's line goes after the last of them.
const RE2& LoadLines(std::string_view language) {
  static const RE2 kPython(R"((?m)^(import|from)\s)");
  static const RE2 kJs(R"((?m)^(const|let|var)\s+[^=\n]*=\s*require\(|^import\s)");
  // PHP: `declare(strict_types=1)` and `namespace` must come first; the load line goes after them.
  static const RE2 kPhp(R"((?m)^(require|require_once|include|include_once|use|namespace|declare)\b)");
  static const RE2 kRuby(R"((?m)^require(_relative)?\s)");
  static const RE2 kC(R"((?m)^\s*#\s*include\s)");
  static const RE2 kBash(R"((?m)^(\.|source)\s)");
  if (language == "python") return kPython;
  if (language == "javascript" || language == "typescript" || language == "tsx") return kJs;
  if (language == "php") return kPhp;
  if (language == "ruby") return kRuby;
  if (language == "c" || language == "cpp") return kC;
  return kBash;
}

// The offset where the load line goes: after the last top-level load line; else after the file's
// head (a shebang, comments, blank lines, `<?php`, `'use strict';`, `set -…`). npos when the head
// is followed by something the line must not precede (a Python docstring).
size_t LoadPoint(std::string_view src, std::string_view language) {
  size_t pos = 0;
  size_t after_last = std::string_view::npos;
  size_t after_head = 0;
  bool in_head = true;
  static const RE2 kHead(
      R"(^(#!.*|#.*|//.*|\s*|<\?php\s*|['"]use strict['"];?\s*|set -.*|# -\*-.*|/\*.*\*/\s*)$)");
  while (pos < src.size()) {
    size_t e = src.find('\n', pos);
    size_t next = e == std::string_view::npos ? src.size() : e + 1;
    std::string_view line = src.substr(pos, next - pos);
    std::string_view body = line.substr(0, line.find_last_not_of("\r\n") + 1);
    if (line.find_first_not_of("\r\n") == std::string_view::npos) body = {};
    if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), LoadLines(language)) &&
        line.find_first_of(" \t") != 0) {
      after_last = next;
    }
    if (in_head && RE2::FullMatch(re2::StringPiece(body.data(), body.size()), kHead) &&
        (language == "c" || language == "cpp" || body.rfind("#include", 0) != 0)) {
      if (!body.empty()) after_head = next;
    } else {
      in_head = false;
    }
    pos = next;
  }
  if (after_last != std::string_view::npos) return after_last;
  if (language == "python" && after_head < src.size() &&
      (src[after_head] == '"' || src[after_head] == '\'')) {
    return std::string_view::npos;
  }
  return after_head;
}

}  // namespace

std::unique_ptr<NamedHelper> MakeNamedHelper(std::string_view language, std::string_view spec) {
  const size_t colon = spec.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const std::string module(spec.substr(0, colon));
  const std::string function(spec.substr(colon + 1));
  auto n = std::make_unique<NamedHelper>();
  n->spec = std::string(spec);
  bool async = false;
  if (language == "python") {
    n->load_line = "from " + module + " import " + function;
    n->call = function + "(%A)";
  } else if (language == "javascript" || language == "typescript" || language == "tsx") {
    n->esm_load_line = "import { " + function + " } from %Q" + module + "%Q;";
    n->load_line = language == "javascript" ? "const { " + function + " } = require(%Q" + module + "%Q);"
                                            : n->esm_load_line;
    n->call = "(await " + function + "(%A))";
    async = true;
  } else if (language == "java" || language == "csharp") {
    n->call = module + "." + function + "(%A)";  // fully qualified: no import
  } else {
    return nullptr;
  }
  n->helper = RefreshHelper{language, "", "", n->load_line, n->call, async, n->esm_load_line};
  return n;
}

const RefreshHelper* RefreshHelperFor(std::string_view language) {
  const auto it = std::lower_bound(std::begin(kHelpers), std::end(kHelpers), language,
                                   [](const RefreshHelper& h, std::string_view key) { return h.language < key; });
  if (it == std::end(kHelpers) || it->language != language) return nullptr;
  return &*it;
}

std::string_view RefreshHelperText(const RefreshHelper& h) {
  for (const auto& f : RefreshHelperFiles()) {
    if (f.name == h.data) return f.data;
  }
  return {};
}

std::string RefreshCall(const Context& ctx, const RefreshHelper& h, std::string_view accounts) {
  // Shell words: the URL needs no quotes; elsewhere the file's usual quote.
  if (h.language == "bash") {
    std::string out(h.call);
    out.replace(out.find("%A"), 2, accounts);
    return out;
  }
  const bool c_family = h.language == "c" || h.language == "cpp" || h.language == "java" ||
                        h.language == "csharp" || h.language == "go";
  return Expand(h.call, c_family ? '"' : ctx.Quote(), accounts);
}

std::string RefreshHelperFileText(const Context& ctx, const RefreshHelper& h) {
  std::string text(RefreshHelperText(h));
  // The Java class and the Go functions live in the package of the file that calls them.
  static const RE2 kJavaPackage(R"((?m)^\s*package\s+([\w.]+)\s*;)");
  static const RE2 kGoPackage(R"((?m)^package\s+(\w+))");
  const bool java = h.language == "java";
  if (!java && h.language != "go") return text;
  std::string package;
  if (RE2::PartialMatch(re2::StringPiece(ctx.src().data(), ctx.src().size()), java ? kJavaPackage : kGoPackage,
                        &package))
    text = "package " + package + (java ? ";" : "") + "\n\n" + text;
  return text;
}

void AddRefreshLoad(Context& ctx, const RefreshHelper& h) {
  if (h.load_line.empty()) return;  // nothing to load (Java: a class of the same package)
  std::string_view src = ctx.src();
  // The shell helper is Bash: a script run by sh (dash) could not source it.
  static const RE2 kPosixSh(R"(^#!\s*(/usr)?/bin/(env\s+)?(sh|dash|ash)\s*(\n|\r|$))");
  if (h.language == "bash" && RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), kPosixSh)) {
    throw Withhold{"the script runs under sh, and the refresh helper " + std::string(h.file) +
                   " needs bash; make it a bash script first"};
  }
  std::string_view load = h.load_line;
  // An ES module has no require: it imports the helper's named export.
  static const RE2 kEsm(R"((?m)^(import|export)\s)");
  if (!h.esm_load_line.empty() && RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), kEsm))
    load = h.esm_load_line;
  // A module of a package (it imports its siblings relatively) imports the added helper the same way.
  static const RE2 kRelative(R"((?m)^from \.+[\w.]* import\s)");
  if (h.language == "python" && !h.file.empty() &&
      RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), kRelative))
    load = "from . import zoho_oauth";
  const std::string line = Expand(load, h.language == "c" || h.language == "cpp" ? '"' : ctx.Quote(), "");
  if (src.find(line) != std::string_view::npos) return;  // already loaded (a file fixed before)
  size_t at = LoadPoint(src, h.language);
  if (at == std::string_view::npos) {
    throw Withhold{"cannot find where to load " + std::string(h.file.empty() ? "the configured helper" : h.file) +
                   " (no import line); add `" + line + "` and the header by hand"};
  }
  std::string text = line + std::string(ctx.Eol());
  // A last line without a newline: the load line starts a new one.
  if (at == src.size() && at > 0 && src[at - 1] != '\n') text = std::string(ctx.Eol()) + line;
  // After the head but before the code, a blank line keeps the load line apart.
  ctx.Insert(at, text);
}

}  // namespace authshift::rewriters::oauth
