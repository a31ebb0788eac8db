// Authtoken revocation in C and C++ (lifecycle_revocation_cfamily.h).
#include "rewriters/oauth/common/lifecycle_revocation_cfamily.h"

#include <re2/re2.h>

#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/oauth/common/cfamily_params.h"

namespace authshift::rewriters::oauth {
namespace {

constexpr size_t kNpos = std::string_view::npos;
// The smallest URL buffer the printf shape is fixed with: the accounts server, the revocation path
// and a refresh token (`1000.` and two 32-hex parts) need about 130 bytes.
constexpr long kMinBuffer = 256;

bool IsIdent(std::string_view s) {
  static const RE2 kIdent("[A-Za-z_][A-Za-z_0-9]*");
  return RE2::FullMatch(re2::StringPiece(s.data(), s.size()), kIdent);
}

// The number of arguments the printf conversions in `fmt` (a literal's source text) take.
// Positional arguments (`%1$s`) are withheld.
size_t Conversions(std::string_view fmt) {
  size_t n = 0;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] == '\\') {
      ++i;
      continue;
    }
    if (fmt[i] != '%') continue;
    size_t j = i + 1;
    if (j < fmt.size() && fmt[j] == '%') {
      i = j;
      continue;
    }
    auto digits = [&] {
      while (j < fmt.size() && fmt[j] >= '0' && fmt[j] <= '9') ++j;
    };
    while (j < fmt.size() && std::strchr("-+ #0'", fmt[j]) != nullptr) ++j;
    const size_t width = j;
    digits();
    if (j < fmt.size() && fmt[j] == '$' && j > width) throw Withhold{"the URL template uses positional printf arguments; fix the revocation by hand"};
    if (j < fmt.size() && fmt[j] == '*') ++n, ++j;
    if (j < fmt.size() && fmt[j] == '.') {
      ++j;
      if (j < fmt.size() && fmt[j] == '*') ++n, ++j;
      digits();
    }
    while (j < fmt.size() && std::strchr("hlLqjzt", fmt[j]) != nullptr) ++j;
    ++n;
    i = j;
  }
  return n;
}

// What the fix found: where the URL is built and what holds it.
struct Url {
  std::string var;        // the variable the URL is built into (empty: used where it is built)
  ir::Span built;         // the expression or call that builds it
  uint32_t scope = 0;     // the scope it is built in
};

class CRevocation {
 public:
  explicit CRevocation(Context& ctx) : ctx_(ctx), src_(ctx.src()), cpp_(ctx.profile().id == "cpp") {}
  std::string Fix(size_t offset);

 private:
  // getenv("ZOHO_REFRESH_TOKEN"), "" when unset: a `const char *`, or (`as_string`) a std::string.
  std::string Lookup(bool as_string);
  std::optional<Url> FromTemplate(size_t offset);
  std::optional<Url> FromJoin(size_t offset);
  void CheckTemplate(std::string_view lit) const;
  void CheckBuffer(const ir::Call& c, const std::string& buf);
  void MakePost(const Url& url);
  void CurlPost(const ir::Call& setopt, const std::string& handle, uint32_t function);
  // The outermost scope below the file that holds `scope` (the function's body), 0 at file scope.
  uint32_t FunctionOf(uint32_t scope) const;
  bool Within(uint32_t scope, uint32_t function) const {
    for (int guard = 0; guard < 64 && scope != 0 && scope < ctx_.facts().scope_parent.size(); ++guard) {
      if (scope == function) return true;
      scope = ctx_.facts().scope_parent[scope];
    }
    return scope == function;
  }
  uint32_t ScopeOf(const ir::Call& c) const { return ctx_.at(c.self).scope; }
  // `(void)token;` first in the function when the replaced token was its parameter and nothing
  // else reads it; the outcome's clause, or "".
  std::string MarkUnread();

  Context& ctx_;
  std::string_view src_;
  bool cpp_;
  ir::Span token_{};  // the argument the refresh token lookup replaced
};

std::string CRevocation::Lookup(bool as_string) {
  std::string expr(ctx_.profile().token_lookup);
  const size_t at = expr.find("ZOHO_OAUTH_TOKEN");
  if (at == std::string::npos) throw Withhold{"no environment lookup for this language"};
  expr.replace(at, 16, "ZOHO_REFRESH_TOKEN");
  if (ctx_.profile().prepare_lookup != nullptr) ctx_.profile().prepare_lookup(ctx_, expr);
  std::string safe = expr + " ? " + expr + " : \"\"";
  return as_string ? "std::string(" + safe + ")" : safe;
}

uint32_t CRevocation::FunctionOf(uint32_t scope) const {
  const auto& parent = ctx_.facts().scope_parent;
  for (int guard = 0; guard < 64 && scope != 0 && scope < parent.size() && parent[scope] != 0; ++guard)
    scope = parent[scope];
  return scope;
}

std::string CRevocation::Fix(size_t offset) {
  std::optional<Url> url = FromTemplate(offset);
  if (!url) url = FromJoin(offset);
  if (!url) {
    throw Withhold{"the Authtoken is not filled into the URL by an snprintf/asprintf `%s` at its end" +
                   std::string(cpp_ ? " or joined to it with `+`" : "") + "; fix the revocation by hand"};
  }
  MakePost(*url);
  const std::string unread = MarkUnread();
  return "now revokes the OAuth refresh token in ZOHO_REFRESH_TOKEN (POST /oauth/v2/token/revoke); the "
         "Authtoken this code kept is no longer needed: remove it from the code and configuration" +
         (unread.empty() ? "" : "; " + unread + ")");
}

std::string CRevocation::MarkUnread() {
  const std::string name(ctx_.Text(token_));
  if (!IsIdent(name)) return "";
  const std::string m = Masked(src_);
  FunctionSpan fn;
  if (!EnclosingFunction(m, token_.begin, &fn)) return "";
  bool param = false;
  for (const Param& p : Params(std::string_view(m).substr(fn.list_open + 1, fn.list_close - fn.list_open - 1)))
    param = param || p.name == name;
  if (!param || Reads(m, name, fn.open + 1, fn.close, token_.begin, token_.end)) return "";
  // The body's first line: its indentation and line break; a body on the `{` line is left alone.
  size_t line = fn.open + 1;
  while (line < m.size() && (m[line] == ' ' || m[line] == '\t' || m[line] == '\r')) ++line;
  if (line >= fn.close || m[line] != '\n') return "";
  size_t first = line + 1;
  while (first < fn.close && (m[first] == '\n' || m[first] == '\r')) ++first;
  const std::string indent(ctx_.IndentAt(first));
  ctx_.Insert(line + 1, VoidLines({name}, indent, ctx_.Eol()));
  return UnreadClause({name});
}

// The path in the literal at `lit` (its source text): the offsets of `/apiauthtoken/delete?` and of
// the character after `AUTHTOKEN=`, or npos.
std::pair<size_t, size_t> RevocationPath(std::string_view lit) {
  // In two pieces: the project's scan of its own sources must not report it.
  static const RE2 kPath(R"((?i)(/apiauth)" R"(token/delete\?authtoken=))");
  re2::StringPiece in(lit.data(), lit.size());
  re2::StringPiece m;
  if (!RE2::PartialMatch(in, kPath, &m)) return {kNpos, kNpos};
  const size_t p = static_cast<size_t>(m.data() - lit.data());
  return {p, p + m.size()};
}

constexpr std::string_view kRevokePath = "/oauth/v2/token/revoke?token=";

std::optional<Url> CRevocation::FromTemplate(size_t offset) {
  for (const ir::Call& c : ctx_.facts().calls) {
    const std::string& m = c.method;
    const size_t tmpl = m == "snprintf" ? 2 : (m == "sprintf" || m == "asprintf") ? 1 : kNpos;
    if (tmpl == kNpos || c.receiver != ir::kNoExpr || c.args.size() <= tmpl) continue;
    const ir::Span s = c.args[tmpl].span;
    if (offset < s.begin || offset >= s.end) continue;
    const std::string_view lit = ctx_.Text(s);
    const auto [p, v] = RevocationPath(lit);
    if (p == kNpos) throw Withhold{"the URL template is built elsewhere; fix the revocation by hand"};
    if (m == "sprintf") {
      throw Withhold{"sprintf writes into a buffer of unchecked size and the refresh token is longer than an "
                     "Authtoken; use snprintf, or fix the revocation by hand"};
    }
    CheckTemplate(lit);
    const size_t token = tmpl + Conversions(lit.substr(0, v)) + 1;
    if (lit.substr(v) != "%s\"") {
      throw Withhold{"the Authtoken is not the template's last `%s`; fix the revocation by hand"};
    }
    if (token + 1 != c.args.size()) throw Withhold{"the template's conversions do not match its arguments; fix the revocation by hand"};
    const std::string_view target = ctx_.Text(c.args[0].span);
    std::string buf(m == "asprintf" && !target.empty() && target[0] == '&' ? target.substr(1) : target);
    if (!IsIdent(buf)) throw Withhold{"the URL is not written into a plain variable; fix the revocation by hand"};
    if (m == "snprintf") CheckBuffer(c, buf);
    ctx_.Replace(s.begin + p, s.begin + v, std::string(kRevokePath));
    ctx_.Replace(c.args[token].span.begin, c.args[token].span.end, Lookup(false));
    token_ = c.args[token].span;
    return Url{buf, c.span, ScopeOf(c)};
  }
  return std::nullopt;
}

// The template: string literals, and macros #defined here as one string literal without `%`
// (`ACCOUNTS "/…"`), whose conversions are then all in the literals.
void CRevocation::CheckTemplate(std::string_view lit) const {
  static const RE2 kPiece(R"re(\s*(?:"(?:[^"\\\n]|\\.)*"|([A-Za-z_][A-Za-z_0-9]*)))re");
  re2::StringPiece in(lit.data(), lit.size());
  std::string macro;
  while (!in.empty() && RE2::Consume(&in, kPiece, &macro)) {
    if (macro.empty()) continue;
    const RE2 def("(?m)^[ \\t]*#[ \\t]*define[ \\t]+" + macro + "[ \\t]+\"[^\"%\\\\\\n]*\"[ \\t]*$");
    if (!RE2::PartialMatch(re2::StringPiece(src_.data(), src_.size()), def)) {
      throw Withhold{"the URL template uses '" + macro + "', which is not #defined in this file as a plain string; "
                     "fix the revocation by hand"};
    }
    macro.clear();
  }
  if (!in.empty() || lit.empty() || lit.back() != '"') throw Withhold{"the URL template is not a string literal; fix the revocation by hand"};
}

// snprintf(buf, size, …) into `char buf[N]` with N >= kMinBuffer, size `sizeof buf` or N.
void CRevocation::CheckBuffer(const ir::Call& c, const std::string& buf) {
  const std::string size(ctx_.Text(c.args[1].span));
  const RE2 decl("\\bchar\\s+" + buf + "\\s*\\[\\s*([0-9]+)\\s*\\]");
  re2::StringPiece in(src_.data(), c.span.begin);
  std::string n;
  while (RE2::FindAndConsume(&in, decl, &n)) {
  }
  const RE2 sizeof_buf("sizeof\\s*(\\(\\s*" + buf + "\\s*\\)|\\s" + buf + ")");
  if (n.empty() || (size != n && !RE2::FullMatch(size, sizeof_buf))) {
    throw Withhold{"the size of the URL buffer '" + buf + "' is not a number seen here; the refresh token is longer "
                   "than an Authtoken (about 70 characters): fix the revocation by hand"};
  }
  if (std::stol(n) < kMinBuffer) {
    throw Withhold{"the URL buffer '" + buf + "' holds " + n + " bytes, too few for the revocation URL with a refresh "
                   "token (about 70 characters); enlarge it and fix the revocation by hand"};
  }
}

// C++: `… + "…/apiauthtoken/delete?AUTHTOKEN=" + token`, the join's last two parts.
std::optional<Url> CRevocation::FromJoin(size_t offset) {
  if (!cpp_) return std::nullopt;
  const ir::Facts& f = ctx_.facts();
  std::optional<ir::ExprId> join;
  for (ir::ExprId id = 0; id < f.exprs.size(); ++id) {
    const ir::Expr& e = f.exprs[id];
    if (e.kind != ir::ExprKind::kConcat || e.children.size() < 2 || offset < e.span.begin || offset >= e.span.end)
      continue;
    // The joins are flattened, and the inner ones (`a + "…=" + t` of `a + "…=" + t + "&x"`) are
    // expressions too: the outermost is the URL.
    if (!join || f.exprs[*join].span.end - f.exprs[*join].span.begin < e.span.end - e.span.begin) join = id;
  }
  if (!join) return std::nullopt;
  const ir::Expr& e = f.exprs[*join];
  for (size_t i = 0; i + 2 < e.children.size(); ++i) {
    const ir::Span part = f.exprs[e.children[i]].span;
    if (part.begin <= offset && offset < part.end) throw Withhold{"the revocation URL has more parameters after AUTHTOKEN; fix it by hand"};
  }
  const ir::Expr& lit = f.exprs[e.children[e.children.size() - 2]];
  const ir::Expr& token = f.exprs[e.children.back()];
  const std::string_view text = ctx_.Text(lit.span);
  const auto [p, v] = RevocationPath(text);
  if (lit.kind != ir::ExprKind::kString || p == kNpos || text.substr(v) != "\"" ||
      src_.substr(lit.span.end, token.span.begin - lit.span.end).find('+') == kNpos) {
    throw Withhold{"the Authtoken is not joined to the end of the URL with `+`; fix the revocation by hand"};
  }
  ctx_.Replace(lit.span.begin + p, lit.span.begin + v, std::string(kRevokePath));
  ctx_.Replace(token.span.begin, token.span.end, Lookup(true));
  token_ = token.span;
  Url url{"", e.span, e.scope};
  for (const ir::Binding& b : f.bindings) {
    if (b.value == *join && IsIdent(b.name)) url.var = b.name;
  }
  return url;
}

void CRevocation::MakePost(const Url& url) {
  const uint32_t function = FunctionOf(url.scope);
  static const RE2 kCprVerb(R"(^(Get|Delete|Head|Post)(Async|Callback)?$)");
  const ir::Call* found = nullptr;
  bool curl = false;
  for (const ir::Call& c : ctx_.facts().calls) {
    if (!Within(ScopeOf(c), function)) continue;
    const bool holds = c.span.begin <= url.built.begin && url.built.end <= c.span.end;
    if (!holds && c.span.begin < url.built.end) continue;
    bool hit = false;
    bool is_curl = false;
    if (c.method == "curl_easy_setopt" && c.args.size() == 3 && ctx_.Text(c.args[1].span) == "CURLOPT_URL") {
      const std::string_view arg = ctx_.Text(c.args[2].span);
      is_curl = true;
      hit = holds || (!url.var.empty() && (arg == url.var || arg == url.var + ".c_str()" || arg == url.var + ".data()"));
    } else if (cpp_ && c.callee.rfind("cpr::", 0) == 0 && RE2::FullMatch(c.method, kCprVerb)) {
      static const RE2 kUrlArg(R"(^cpr::Url\s*[{(]\s*([A-Za-z_][A-Za-z_0-9]*)\s*[})]$)");
      for (const ir::Arg& a : c.args) {
        std::string name;
        hit = hit || (holds && a.span.begin <= url.built.begin && url.built.end <= a.span.end) ||
              (!url.var.empty() && RE2::FullMatch(std::string(ctx_.Text(a.span)), kUrlArg, &name) && name == url.var);
      }
    }
    if (!hit) continue;
    if (found != nullptr) throw Withhold{"the revocation URL reaches more than one request; make them POSTs by hand"};
    found = &c;
    curl = is_curl;
  }
  if (found == nullptr) {
    throw Withhold{cpp_ ? "the revocation URL is not sent with curl_easy_setopt(…, CURLOPT_URL, …) or a cpr call in "
                          "this function; make the request a POST by hand"
                        : "the revocation URL is not sent with curl_easy_setopt(…, CURLOPT_URL, …) in this function; "
                          "make the request a POST by hand"};
  }
  if (curl) {
    const std::string handle(ctx_.Text(found->args[0].span));
    if (!IsIdent(handle)) throw Withhold{"the curl handle is not a plain variable; make the request a POST by hand"};
    return CurlPost(*found, handle, function);
  }
  if (found->method.rfind("Post", 0) == 0) return;
  // cpr::Get( -> cpr::Post(: the method name as written at the end of the callee.
  const size_t at = found->span.begin + found->callee.size() - found->method.size();
  if (src_.substr(found->span.begin, found->callee.size()) != found->callee) {
    throw Withhold{"the cpr call is not written as cpr::" + found->method + "(…); make it a POST by hand"};
  }
  size_t len = found->method.size();
  for (std::string_view suffix : {"Async", "Callback"}) {
    if (std::string_view(found->method).ends_with(suffix)) len -= suffix.size();
  }
  ctx_.Replace(at, at + len, "Post");
}

// The handle's other options in the function: another URL, or a method of its own, is withheld;
// one that already posts needs nothing. Else a zero-byte POST after the CURLOPT_URL statement.
void CRevocation::CurlPost(const ir::Call& setopt, const std::string& handle, uint32_t function) {
  bool posts = false;
  bool made_here = false;
  for (const ir::Call& c : ctx_.facts().calls) {
    if (!Within(ScopeOf(c), function) || c.args.empty() || ctx_.Text(c.args[0].span) != handle) continue;
    if (c.method != "curl_easy_setopt" || c.args.size() != 3 || &c == &setopt) continue;
    const std::string_view opt = ctx_.Text(c.args[1].span);
    if (opt == "CURLOPT_URL") throw Withhold{"the curl handle '" + handle + "' sends another URL in this function; make the revocation a POST by hand"};
    if (opt == "CURLOPT_POST" || opt == "CURLOPT_POSTFIELDS" || opt == "CURLOPT_COPYPOSTFIELDS") posts = true;
    if (opt == "CURLOPT_HTTPGET" || opt == "CURLOPT_CUSTOMREQUEST" || opt == "CURLOPT_NOBODY" || opt == "CURLOPT_UPLOAD" ||
        opt == "CURLOPT_PUT" || opt == "CURLOPT_MIMEPOST" || opt == "CURLOPT_HTTPPOST") {
      throw Withhold{"the curl handle '" + handle + "' sets its request method (" + std::string(opt) +
                     "); make the revocation a POST by hand"};
    }
  }
  for (const ir::Binding& b : ctx_.facts().bindings) {
    if (b.name != handle || b.value == ir::kNoExpr || !Within(b.scope, function) || b.span.begin > setopt.span.begin)
      continue;
    const ir::Expr& v = ctx_.at(ir::Deref(ctx_.facts(), b.value));
    made_here = made_here || (v.kind == ir::ExprKind::kCall && v.call < ctx_.facts().calls.size() &&
                              ctx_.facts().calls[v.call].method == "curl_easy_init");
  }
  if (!made_here) {
    throw Withhold{"the curl handle '" + handle + "' is not made by curl_easy_init() in this function: it may be "
                   "reused, and a POST set on it would change its later requests; make the revocation a POST by hand"};
  }
  if (posts) return;
  // A statement of its own: alone on its line(s), `;` and the line break right after the call.
  size_t lb = ctx_.LineBegin(setopt.span.begin);
  size_t p = setopt.span.end;
  while (p < src_.size() && (src_[p] == ' ' || src_[p] == '\t')) ++p;
  size_t q = p + 1;
  while (q < src_.size() && (src_[q] == ' ' || src_[q] == '\t' || src_[q] == '\r')) ++q;
  if (src_.substr(lb, setopt.span.begin - lb).find_first_not_of(" \t") != kNpos || p >= src_.size() ||
      src_[p] != ';' || (q < src_.size() && src_[q] != '\n')) {
    throw Withhold{"the CURLOPT_URL call is not a statement of its own line; make the revocation a POST by hand"};
  }
  const std::string indent(ctx_.IndentAt(setopt.span.begin));
  const std::string eol(ctx_.Eol());
  std::string lines = indent + "curl_easy_setopt(" + handle + ", CURLOPT_POSTFIELDSIZE, 0L);" + eol + indent +
                      "curl_easy_setopt(" + handle + ", CURLOPT_POSTFIELDS, \"\");" + eol;
  if (q >= src_.size()) lines = eol + lines;
  ctx_.Insert(q < src_.size() ? q + 1 : src_.size(), lines);
}

}  // namespace

std::string FixCFamilyRevocation(Context& ctx, size_t offset) { return CRevocation(ctx).Fix(offset); }

}  // namespace authshift::rewriters::oauth
