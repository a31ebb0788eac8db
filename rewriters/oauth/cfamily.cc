// C and C++: the token lookup's #include, and the Authorization header for libcurl
// (curl_slist_append + CURLOPT_HTTPHEADER), Qt Network (QNetworkRequest::setRawHeader) and cpr
// (cpr::Header). Works on the IR facts the Clang frontend builds (scanner/frontends/clang): the
// shared fixer removes the parameter, this file finds the request and writes the header in the
// library's idiom. No LibTooling code here (see README "C and C++").
#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "rewriters/oauth/clients.h"
#include "scanner/core/strings.h"

namespace authshift::rewriters::oauth {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool IsC(const Context& ctx) { return ctx.profile().id == "c"; }

// Adds `#include <header>` after the last #include unless one of `have` is already included.
// `before`: above the last #include instead (two new includes of one fix never share an offset).
void EnsureInclude(Context& ctx, std::string_view header, std::initializer_list<std::string_view> have,
                   bool before = false) {
  std::string_view src = ctx.src();
  size_t pos = 0;
  size_t after_last = kNpos;
  while (pos < src.size()) {
    size_t e = src.find('\n', pos);
    size_t next = e == kNpos ? src.size() : e + 1;
    std::string_view line = src.substr(pos, next - pos);
    size_t k = line.find_first_not_of(" \t");
    if (k != kNpos && line.substr(k).rfind("#include", 0) == 0) {
      for (std::string_view h : have) {
        if (line.find("<" + std::string(h) + ">") != kNpos) return;
      }
      after_last = before ? pos : next;
    }
    pos = next;
  }
  if (after_last == kNpos)
    throw Withhold{"no #include lines to add <" + std::string(header) + "> to; add the header by hand"};
  std::string line = "#include <" + std::string(header) + ">";
  if (!before && after_last == src.size() && !src.empty() && src.back() != '\n') {
    ctx.Insert(after_last, std::string(ctx.Eol()) + line);
  } else {
    ctx.Insert(after_last, line + std::string(ctx.Eol()));
  }
}

// The file's indentation step (the first indented line's), two spaces by default.
std::string IndentUnit(const Context& ctx) {
  std::string_view src = ctx.src();
  size_t pos = 0;
  while (pos < src.size()) {
    size_t e = src.find('\n', pos);
    size_t next = e == kNpos ? src.size() : e + 1;
    std::string_view line = src.substr(pos, next - pos);
    size_t k = line.find_first_not_of(" \t");
    if (k != kNpos && k > 0 && k <= 8 && line[k] != '\r' && line[k] != '\n' && line[k] != '*' &&
        line[k] != '/')
      return std::string(line.substr(0, k));
    pos = next;
  }
  return "  ";
}

const ir::Call* CallOf(const Context& ctx, ir::ExprId e) {
  if (e == ir::kNoExpr) return nullptr;
  e = ir::Deref(ctx.facts(), e);
  const ir::Expr& x = ctx.at(e);
  if (x.kind != ir::ExprKind::kCall || x.call >= ctx.facts().calls.size()) return nullptr;
  return &ctx.facts().calls[x.call];
}

// True when parameter entry `entry` belongs to the body / parameter object `arg`, or to what it is
// built from through constructors (`cpr::Payload{…}`).
bool HoldsParam(const Context& ctx, ir::ExprId arg, uint32_t entry) {
  const ir::MapEntry& m = ctx.facts().entries[entry];
  return ctx.BuiltFrom(
      arg, [&](ir::ExprId x) { return x == m.container || ctx.HoldsEntry(x, entry); },
      ir::kThroughConstructors);
}

bool IsCprVerb(const ir::Call& c) {
  if (c.callee.rfind("cpr::", 0) != 0) return false;
  static const RE2 kVerb("(Get|Post|Put|Patch|Delete|Head|Options)(Async|Callback)?");
  return RE2::FullMatch(c.method, kVerb);
}

std::string OptionOf(const Context& ctx, const ir::Call& c) {
  if (c.method != "curl_easy_setopt" || c.args.size() < 3) return {};
  return std::string(ctx.Text(c.args[1].value));
}

// Qt: the request `QNetworkRequest(url)` of a URL variable whose query is set from `query`.
bool QtQueryReaches(const Context& ctx, const ir::Call& req, const std::string& query) {
  if (req.args.empty() || query.empty()) return false;
  std::string url(ctx.Text(req.args[0].value));
  for (const ir::Call& c : ctx.facts().calls) {
    if (c.method != "setQuery" || c.receiver == ir::kNoExpr || c.args.size() != 1) continue;
    if (ctx.Text(c.receiver) == url && ctx.Text(c.args[0].value) == query) return true;
  }
  return false;
}

// A token that may be null at run time: the getenv lookup, the refresh helper's call, or a name whose hard-coded literal the
// fix turns into that lookup. Throws when such a constant cannot hold the lookup.
bool Nullable(const Context& ctx, const std::string& token) {
  if (token.find("getenv(") != kNpos || token.find("zoho_oauth_access_token(") != kNpos) return true;
  static const RE2 kIdent("[A-Za-z_][A-Za-z_0-9]*");
  if (!RE2::FullMatch(token, kIdent)) return false;
  for (const ir::Binding& b : ctx.facts().bindings) {
    if (b.name != token || b.value == ir::kNoExpr) continue;
    if (ctx.at(b.value).kind == ir::ExprKind::kName) {
      // An alias of a hard-coded token (`const char *token = ZOHO_AUTHTOKEN;`): it gets what the
      // literal's binding gets, getenv's result, under that binding's conditions.
      const ir::Binding* held = ctx.BindingOf(b.value);
      for (int guard = 0; guard < 8 && held != nullptr && ctx.at(held->value).kind == ir::ExprKind::kName; ++guard)
        held = ctx.BindingOf(held->value);
      if (held != nullptr && held != &b && ctx.at(held->value).kind == ir::ExprKind::kString) return Nullable(ctx, held->name);
      continue;
    }
    if (ctx.at(b.value).kind != ir::ExprKind::kString) continue;
    std::string_view line = ctx.src().substr(ctx.LineBegin(b.span.begin));
    line = line.substr(line.find_first_not_of(" \t") == kNpos ? 0 : line.find_first_not_of(" \t"));
    if (line.rfind('#', 0) == 0) return true;  // a #define: expanded where it is used
    static const RE2 kPointer(R"(^\s*(static\s+)?(const\s+)?char\s*\*\s*(const\s+)?[A-Za-z_])");
    std::string decl(ctx.Text(b.span));
    if (!RE2::PartialMatch(decl, kPointer))
      throw Withhold{"the hard-coded token '" + token +
                     "' is not a `const char *` constant (an array, constexpr or string object cannot hold "
                     "getenv's result); read the OAuth token at run time by hand and revoke the old Authtoken"};
    if (IsC(ctx) && b.scope == 0)
      throw Withhold{"the hard-coded token '" + token +
                     "' is a file-scope constant, which C cannot initialise with getenv; read the OAuth token "
                     "at run time by hand and revoke the old Authtoken"};
    return true;
  }
  return false;
}

// The statement that `call` is: it starts its line and ends with `;`. Returns the offset after `;`.
size_t StatementEnd(const Context& ctx, const ir::Call& c) {
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(c.span.begin);
  std::string_view before = src.substr(lb, c.span.begin - lb);
  size_t p = c.span.end;
  while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
  if (before.find_first_not_of(" \t") != kNpos || p >= src.size() || src[p] != ';')
    throw Withhold{"the request call is not a statement of its own; add the header by hand"};
  return p + 1;
}

// Offset of the next line after `off`, adding a line break at the end of the file if needed.
size_t NextLine(Context& ctx, size_t off, std::string* prefix) {
  size_t nl = ctx.src().find('\n', off);
  if (nl == kNpos) {
    *prefix = std::string(ctx.Eol());
    return ctx.src().size();
  }
  return nl + 1;
}

// A form body built by a printf template: the shared fixer removed `authtoken=%s` from the
// template; the argument that filled it goes too.
void RemoveFormArgument(Context& ctx, const ir::Call& c) {
  const ir::ExprId body = ir::Deref(ctx.facts(), c.args[2].value);
  const ir::Span bs = ctx.at(body).span;
  for (const ir::Call& pc : ctx.facts().calls) {
    if (pc.span.begin != bs.begin || pc.span.end != bs.end ||
        (pc.method != "snprintf" && pc.method != "sprintf" && pc.method != "asprintf"))
      continue;
    std::vector<const ir::Arg*> args = WrittenArgs(pc);
    for (const ir::MapEntry& e : ctx.facts().entries) {
      if (e.container != body || e.key == ir::kNoExpr || core::AsciiLowered(ctx.at(e.key).text) != "authtoken") continue;
      for (size_t k = 1; k < args.size(); ++k) {
        if (args[k]->value != e.value) continue;
        if (k + 1 < args.size()) {
          ctx.Delete(args[k]->span.begin, args[k + 1]->span.begin);
        } else {
          ctx.Delete(args[k - 1]->span.end, args[k]->span.end);
        }
      }
    }
  }
}

// The lowest brace depth reached in `code` relative to its start (strings, character literals and
// comments skipped): below 0 when `code` leaves the block it starts in.
int MinBraceDepth(std::string_view code) {
  int depth = 0;
  int low = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    const char ch = code[i];
    if (ch == '/' && i + 1 < code.size() && code[i + 1] == '/') {
      i = code.find('\n', i);
      if (i == kNpos) break;
    } else if (ch == '/' && i + 1 < code.size() && code[i + 1] == '*') {
      i = code.find("*/", i + 2);
      if (i == kNpos) break;
      ++i;
    } else if (ch == '"' || ch == '\'') {
      for (++i; i < code.size() && code[i] != ch && code[i] != '\n'; ++i) {
        if (code[i] == '\\') ++i;
      }
    } else if (ch == '{') {
      ++depth;
    } else if (ch == '}') {
      low = std::min(low, --depth);
    }
  }
  return low;
}

// Where `curl_slist_free_all(<list>);` goes: after each `curl_easy_cleanup(handle);` statement
// that follows offset `from` in the request's function and sees a variable declared there (the
// same block, or one nested in it). Empty when there is none, or when one of them cannot be
// handled (out of the block, or not a statement of its own): the list is then not freed, as before.
std::vector<std::pair<size_t, std::string>> CleanupsAfter(const Context& ctx, const ir::Call& req,
                                                          const std::string& handle, size_t from) {
  std::vector<std::pair<size_t, std::string>> out;
  const std::string_view src = ctx.src();
  const uint32_t scope = ctx.at(req.self).scope;
  if (scope == 0) return {};
  for (const ir::Call& o : ctx.facts().calls) {
    if (o.method != "curl_easy_cleanup" || o.args.size() != 1 || o.span.begin < from ||
        ctx.at(o.self).scope != scope || ctx.Text(o.args[0].value) != handle)
      continue;
    if (MinBraceDepth(src.substr(from, o.span.begin - from)) < 0) return {};
    // A statement of its own: alone on its line, after a `;`, `{` or `}` (not an unbraced `if` body).
    size_t lb = ctx.LineBegin(o.span.begin);
    if (src.substr(lb, o.span.begin - lb).find_first_not_of(" \t") != kNpos) return {};
    size_t prev = lb;
    while (prev > 0 && std::isspace(static_cast<unsigned char>(src[prev - 1])) != 0) --prev;
    if (prev > 0 && src[prev - 1] != ';' && src[prev - 1] != '{' && src[prev - 1] != '}') return {};
    size_t p = o.span.end;
    while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
    if (p >= src.size() || src[p] != ';') return {};
    size_t q = p + 1;
    while (q < src.size() && (src[q] == ' ' || src[q] == '\t' || src[q] == '\r')) ++q;
    if (q < src.size() && src[q] != '\n') return {};
    out.emplace_back(q < src.size() ? q + 1 : src.size(), std::string(ctx.IndentAt(o.span.begin)));
  }
  return out;
}

// True when another request setopt of `handle` in the function of `req` (`CURLOPT_URL`,
// `CURLOPT_POSTFIELDS`, `CURLOPT_COPYPOSTFIELDS`) also sends an authtoken: its fix would create a
// header list too, and two `zoho_headers` declarations (or two frees after one cleanup) collide.
bool OtherTokenRequest(const Context& ctx, const ir::Call& req, const std::string& handle) {
  for (const ir::Call& o : ctx.facts().calls) {
    if (&o == &req || ctx.at(o.self).scope != ctx.at(req.self).scope) continue;
    std::string opt = OptionOf(ctx, o);
    if ((opt != "CURLOPT_URL" && opt != "CURLOPT_POSTFIELDS" && opt != "CURLOPT_COPYPOSTFIELDS") ||
        ctx.Text(o.args[0].value) != handle)
      continue;
    if (core::AsciiLowered(ir::Flatten(ctx.facts(), o.args[2].value, ctx.src()).Joined()).find("authtoken") != kNpos)
      return true;
  }
  return false;
}

void CurlAddHeader(Context& ctx, const ir::Call& c, std::string token) {
  const bool c_lang = IsC(ctx);
  std::string opt = OptionOf(ctx, c);
  if (opt == "CURLOPT_POSTFIELDS" || opt == "CURLOPT_COPYPOSTFIELDS") RemoveFormArgument(ctx, c);
  // A literal left as the token (`"…?authtoken=" "tok"`): the lookup replaces it.
  if (!token.empty() && token.find('"') != kNpos) token = ctx.Lookup();
  const std::string handle(ctx.Text(c.args[0].value));
  const uint32_t scope = ctx.at(c.self).scope;
  const ir::Call* hh = nullptr;
  for (const ir::Call& o : ctx.facts().calls) {
    if (OptionOf(ctx, o) != "CURLOPT_HTTPHEADER" || ctx.Text(o.args[0].value) != handle ||
        ctx.at(o.self).scope != scope)
      continue;
    if (hh != nullptr) throw Withhold{"the handle gets two header lists; add the header by hand"};
    hh = &o;
  }
  const bool nullable = Nullable(ctx, token);
  const std::string eol(ctx.Eol());
  const std::string unit = IndentUnit(ctx);
  std::string list;
  std::vector<std::pair<size_t, std::string>> frees;  // new list: where it is freed, indentation
  size_t at = 0;
  std::string prefix;
  std::string ind;
  if (hh != nullptr) {
    const ir::Expr& l = ctx.at(hh->args[2].value);
    if (l.kind != ir::ExprKind::kName)
      throw Withhold{"the header list is not a variable; add the header by hand"};
    list = l.text;
    for (const ir::MapEntry& e : ctx.facts().entries) {
      if (e.container_name == list && e.key != ir::kNoExpr && core::AsciiLowered(ctx.at(e.key).text) == "authorization")
        throw Withhold{"the request already sends an Authorization header"};
    }
    StatementEnd(ctx, *hh);
    at = ctx.LineBegin(hh->span.begin);
    ind = std::string(ctx.IndentAt(hh->span.begin));
  } else {
    size_t end = StatementEnd(ctx, c);
    at = NextLine(ctx, end, &prefix);
    ind = std::string(ctx.IndentAt(c.span.begin));
    // A `curl_easy_cleanup(handle);` later in the function: the new list is held in a variable
    // and freed right after it (curl_slist_free_all(NULL) does nothing when the token was null).
    if (!RE2::PartialMatch(ctx.src(), RE2("\\bzoho_headers\\b")) && !OtherTokenRequest(ctx, c, handle)) {
      frees = CleanupsAfter(ctx, c, handle, end);
      if (!frees.empty()) list = "zoho_headers";
    }
  }
  std::vector<std::string> body;  // lines inside the null check / block
  std::string open;
  std::string value;              // the char * holding the header line
  std::string helper_token;  // refresh mode: the helper is asked once, its answer kept
  if (c_lang && token.find("zoho_oauth_access_token(") != kNpos) {
    helper_token = ind + "const char *zoho_token = " + token + ";" + eol;
    token = "zoho_token";
  }
  if (c_lang) {
    EnsureInclude(ctx, "stdio.h", {"stdio.h"}, true);
    open = nullable ? "if (" + token + " != NULL) {" : "{";
    body.push_back("char zoho_auth[1024];");
    body.push_back("snprintf(zoho_auth, sizeof zoho_auth, \"Authorization: Zoho-oauthtoken %s\", " + token + ");");
    value = "zoho_auth";
  } else {
    EnsureInclude(ctx, "string", {"string"}, true);
    std::string tok = token;
    if (nullable) {
      open = "if (const char* zoho_token = " + token + ") {";
      tok = "zoho_token";
    }
    value = "(\"Authorization: Zoho-oauthtoken \" + std::string(" + tok + ")).c_str()";
  }
  const std::string null = c_lang ? "NULL" : "nullptr";
  std::string declare;  // the new list's declaration, before the header code
  if (hh != nullptr) {
    body.push_back(list + " = curl_slist_append(" + list + ", " + value + ");");
  } else if (!list.empty()) {
    const std::string type = c_lang ? "struct curl_slist *" : "curl_slist* ";
    if (open.empty()) {
      body.push_back(type + list + " = curl_slist_append(" + null + ", " + value + ");");
    } else {
      declare = ind + type + list + " = " + null + ";" + eol;
      body.push_back(list + " = curl_slist_append(" + null + ", " + value + ");");
    }
    body.push_back("curl_easy_setopt(" + handle + ", CURLOPT_HTTPHEADER, " + list + ");");
    for (const auto& [off, indent] : frees) ctx.Insert(off, indent + "curl_slist_free_all(" + list + ");" + eol);
  } else {
    body.push_back("curl_easy_setopt(" + handle + ", CURLOPT_HTTPHEADER, curl_slist_append(" +
                   (c_lang ? "NULL" : "nullptr") + ", " + value + "));");
  }
  std::string text = prefix + helper_token + declare;
  if (open.empty()) {
    for (const auto& b : body) text += ind + b + eol;
  } else {
    text += ind + open + eol;
    for (const auto& b : body) text += ind + unit + b + eol;
    text += ind + "}" + eol;
  }
  ctx.Insert(at, text);
}

void QtAddHeader(Context& ctx, const ir::Call& c, const std::string& token) {
  std::string value = Nullable(ctx, token)
                          ? "QByteArray(\"Zoho-oauthtoken \") + QByteArray(" + token + ")"
                          : "(\"Zoho-oauthtoken \" + " + token + ").toUtf8()";
  const std::string eol(ctx.Eol());
  std::string_view src = ctx.src();
  // `QNetworkRequest request(url);`: the header is set on the next line.
  for (const ir::Binding& b : ctx.facts().bindings) {
    if (b.value != c.self) continue;
    for (const ir::Call& o : ctx.facts().calls) {
      if (o.method == "setRawHeader" && o.receiver != ir::kNoExpr && ctx.Text(o.receiver) == b.name &&
          !o.args.empty() && core::AsciiLowered(ctx.at(o.args[0].value).text) == "authorization")
        throw Withhold{"the request already sends an Authorization header"};
    }
    size_t semi = src.find(';', c.span.end);
    if (semi == kNpos || src.substr(c.span.end, semi - c.span.end).find_first_not_of(" \t)") != kNpos)
      throw Withhold{"cannot find the end of the request's declaration; add the header by hand"};
    std::string prefix;
    size_t at = NextLine(ctx, semi + 1, &prefix);
    ctx.Insert(at, prefix + std::string(ctx.IndentAt(c.span.begin)) + b.name +
                       ".setRawHeader(\"Authorization\", " + value + ");" + eol);
    return;
  }
  // A temporary `manager.get(QNetworkRequest(url))`: named on the line before, then used.
  size_t lb = ctx.LineBegin(c.span.begin);
  size_t prev = lb;
  while (prev > 0 && std::isspace(static_cast<unsigned char>(src[prev - 1])) != 0) --prev;
  if (prev > 0 && src[prev - 1] != ';' && src[prev - 1] != '{' && src[prev - 1] != '}')
    throw Withhold{"the request is built inside a statement that spans lines; add the header by hand"};
  if (ctx.Text(c.span).find("zoho_request") != kNpos || src.find("zoho_request") != kNpos)
    throw Withhold{"the name zoho_request is taken; add the header by hand"};
  size_t open = src.find('(', c.span.begin);
  if (open == kNpos || open >= c.span.end || src[c.span.end - 1] != ')')
    throw Withhold{"cannot read the request's arguments; add the header by hand"};
  std::string args(src.substr(open + 1, c.span.end - 1 - open - 1));
  std::string ind(ctx.IndentAt(c.span.begin));
  ctx.Insert(lb, ind + "QNetworkRequest zoho_request(" + args + ");" + eol + ind +
                     "zoho_request.setRawHeader(\"Authorization\", " + value + ");" + eol);
  ctx.Replace(c.span.begin, c.span.end, "zoho_request");
}

void CprAddHeader(Context& ctx, const ir::Call& c, const std::string& token) {
  std::string value = Nullable(ctx, token)
                          ? "std::string(\"Zoho-oauthtoken \") + (" + token + " != nullptr ? " + token + " : \"\")"
                          : "\"Zoho-oauthtoken \" + std::string(" + token + ")";
  std::string entry = "{\"Authorization\", " + value + "}";
  for (const ir::Arg* a : WrittenArgs(c)) {
    const ir::Call* h = CallOf(ctx, a->value);
    if (h == nullptr || h->callee != "cpr::Header") continue;
    if (ctx.at(a->value).kind != ir::ExprKind::kCall || h->args.size() != 1 ||
        ctx.at(h->args[0].value).kind != ir::ExprKind::kMap)
      throw Withhold{"the cpr::Header is not written in the call; add the header by hand"};
    if (ctx.HasKey(h->args[0].value, "authorization"))
      throw Withhold{"the request already sends an Authorization header"};
    ctx.AppendEntry(h->args[0].value, entry);
    return;
  }
  EnsureInclude(ctx, "string", {"string", "cpr/cpr.h"}, true);
  AppendArgument(ctx, c, ", cpr::Header{" + entry + "}");
}

}  // namespace

void CPrepareLookup(Context& ctx, std::string_view expr) {
  if (expr.find("getenv(") == kNpos || expr.find("qgetenv(") != kNpos) return;
  if (IsC(ctx)) {
    EnsureInclude(ctx, "stdlib.h", {"stdlib.h"});
  } else {
    EnsureInclude(ctx, "cstdlib", {"cstdlib", "stdlib.h"});
  }
}

std::optional<Request> CFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  std::string query;  // Qt: the QUrlQuery variable the entry is put into
  if (is_map) query = ctx.facts().entries[value].container_name;
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    std::string client;
    bool hit = false;
    if (std::string opt = OptionOf(ctx, c); !opt.empty()) {
      client = "libcurl";
      if (is_map) {
        hit = (opt == "CURLOPT_POSTFIELDS" || opt == "CURLOPT_COPYPOSTFIELDS") &&
              HoldsParam(ctx, c.args[2].value, value);
      } else {
        hit =
            opt == "CURLOPT_URL" && ctx.BuiltFrom(c.args[2].value, value, ir::kThroughConstructors);
      }
    } else if (IsCprVerb(c)) {
      client = "cpr";
      for (const ir::Arg& a : c.args) {
        const ir::Call* w = CallOf(ctx, a.value);
        if (w == nullptr) continue;
        if (is_map && (w->callee == "cpr::Parameters" || w->callee == "cpr::Payload" || w->callee == "cpr::Body")) {
          hit = hit || HoldsParam(ctx, a.value, value);
        } else if (!is_map && w->callee == "cpr::Url") {
          hit = hit || ctx.BuiltFrom(a.value, value, ir::kThroughConstructors);
        }
      }
    } else if (c.callee == "QNetworkRequest" && !c.args.empty()) {
      client = "Qt";
      hit = is_map ? QtQueryReaches(ctx, c, query)
                   : ctx.BuiltFrom(c.args[0].value, value, ir::kThroughConstructors);
    }
    if (!hit) continue;
    if (found) {
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = Request{i, client, {}};
  }
  return found;
}

void CAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  if (req.client == "libcurl") return CurlAddHeader(ctx, c, token);
  if (req.client == "Qt") return QtAddHeader(ctx, c, token);
  if (req.client == "cpr") return CprAddHeader(ctx, c, token);
  throw Withhold{"not a known HTTP call"};
}

// These languages' rows of the OAuth rewriter's table (profiles.cc).
// C and C++: no string join that is safe on a null getenv result, so concat is empty and a
// hard-coded token inside a header string is withheld with the recipe.
extern const LanguageProfile kCProfile = {"c",        "getenv(\"ZOHO_OAUTH_TOKEN\")",
                                          "",         CPrepareLookup,
                                          CFindRequest, CAddHeader,
                                          nullptr,    false,
                                          false,      ConstantStyle::kFileScope, UnusedLocals::kWarned};
extern const LanguageProfile kCppProfile = {"cpp", "std::getenv(\"ZOHO_OAUTH_TOKEN\")", "", CPrepareLookup, CFindRequest, CAddHeader,
                                            nullptr, false, false, ConstantStyle::kNone, UnusedLocals::kWarned};

}  // namespace authshift::rewriters::oauth
