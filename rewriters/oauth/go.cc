// Go: the header for net/http (docs/architecture.md). A request made with http.NewRequest gets
// `req.Header.Set("Authorization", …)` after it (after its error check); the shorthands
// http.Get/Head/Post/PostForm become NewRequest + Header.Set + Client.Do when the statement allows
// it (`return http.Get(u)`, or `resp, err := http.Get(u)` followed by an error check that leaves).
#include <re2/re2.h>

#include <algorithm>

#include "rewriters/oauth/clients.h"
#include "scanner/core/strings.h"

namespace authshift::rewriters::oauth {

// Adds `"pkg"` to the file's import block (sorted place) unless imported; throws Withhold.
void GoEnsureImport(Context& ctx, std::string_view pkg);

namespace {

enum class Kind { kNewRequest, kGet, kHead, kPost, kPostForm };

struct Site {
  Kind kind;
  int url_index = 0;
  int body_index = -1;
};

// The client a shorthand call is made on: "http.DefaultClient" for the package functions.
std::string ClientOf(const Context& ctx, const ir::Call& c) {
  std::string_view r = ctx.Text(c.receiver);
  return r == "http" ? std::string("http.DefaultClient") : std::string(r);
}

bool IsClient(const Context& ctx, ir::ExprId recv) {
  if (recv == ir::kNoExpr) return false;
  std::string_view r = ctx.Text(recv);
  if (r == "http" || r == "http.DefaultClient") return true;
  ir::ExprId d = ir::Deref(ctx.facts(), recv);
  return d != recv && ctx.Text(d).find("http.Client{") != std::string_view::npos;
}

std::optional<Site> Classify(const Context& ctx, const ir::Call& c) {
  std::string_view m = c.method;
  if (c.callee == "http.NewRequest") return Site{Kind::kNewRequest, 1, 2};
  if (c.callee == "http.NewRequestWithContext") return Site{Kind::kNewRequest, 2, 3};
  if (!IsClient(ctx, c.receiver)) return std::nullopt;
  if (m == "Get") return Site{Kind::kGet, 0, -1};
  if (m == "Head") return Site{Kind::kHead, 0, -1};
  if (m == "Post") return Site{Kind::kPost, 0, 2};
  if (m == "PostForm") return Site{Kind::kPostForm, 0, 1};
  return std::nullopt;
}

const ir::Arg* Written(const ir::Call& c, int i) {
  std::vector<const ir::Arg*> a = WrittenArgs(c);
  return i >= 0 && static_cast<size_t>(i) < a.size() ? a[static_cast<size_t>(i)] : nullptr;
}

// `if err != nil {` … `}` starting on the line after `end`: [begin of that line, end of its `}`
// line), or nullopt.
std::optional<std::pair<size_t, size_t>> ErrCheckAfter(const Context& ctx, size_t end,
                                                       std::string_view err) {
  std::string_view src = ctx.src();
  size_t nl = src.find('\n', end);
  if (nl == std::string_view::npos) return std::nullopt;
  size_t b = nl + 1;
  size_t p = b;
  while (p < src.size() && (src[p] == ' ' || src[p] == '\t')) ++p;
  std::string head = "if " + std::string(err) + " != nil {";
  if (src.substr(p, head.size()) != head) return std::nullopt;
  int depth = 0;
  for (size_t q = p; q < src.size(); ++q) {
    char ch = src[q];
    if (ch == '"' || ch == '`' || ch == '\'') {
      size_t close = src.find(ch, q + 1);
      while (close != std::string_view::npos && ch != '`' && src[close - 1] == '\\')
        close = src.find(ch, close + 1);
      if (close == std::string_view::npos) return std::nullopt;
      q = close;
      continue;
    }
    if (ch == '{') ++depth;
    if (ch == '}' && --depth == 0) {
      size_t le = src.find('\n', q);
      if (le == std::string_view::npos) le = src.size();
      if (le > q + 1 && src[le - 1] == '\r') --le;
      if (src.substr(q + 1, le - q - 1).find_first_not_of(" \t") != std::string_view::npos)
        return std::nullopt;  // `} else {`
      return std::make_pair(b, le);
    }
  }
  return std::nullopt;
}

// True when the error-check block always leaves (its last statement returns, panics, exits or
// jumps).
bool Leaves(std::string_view block) {
  size_t close = block.rfind('}');
  if (close == std::string_view::npos) return false;
  std::string_view body = block.substr(0, close);
  size_t e = body.find_last_not_of(" \t\r\n");
  if (e == std::string_view::npos) return false;
  size_t lb = body.rfind('\n', e);
  std::string_view last = body.substr(lb == std::string_view::npos ? 0 : lb + 1, e - lb);
  static const RE2 kLeave(
      R"(^\s*(return\b|panic\(|log\.Fatal|log\.Panic|os\.Exit\(|continue\b|break\b|t\.Fatal|goto\b).*)");
  return RE2::FullMatch(re2::StringPiece(last.data(), last.size()), kLeave);
}

void CheckNoAuthorization(const Context& ctx, const ir::Binding& req) {
  for (const auto& e : ctx.facts().entries) {
    if (e.container_name != req.name + ".Header" ||
        ir::Resolve(ctx.facts(), req.name, e.span.begin, e.scope) != &req)
      continue;
    ir::StringValue k = ir::Flatten(ctx.facts(), e.key, ctx.src());
    if (core::AsciiLowered(k.Joined()) == "authorization")
      throw Withhold{"the request already sends an Authorization header"};
  }
  for (const auto& c : ctx.facts().calls) {
    if (c.callee == req.name + ".SetBasicAuth" &&
        ir::Resolve(ctx.facts(), req.name, c.span.begin, ctx.at(c.self).scope) == &req)
      throw Withhold{"the request already sends an Authorization header"};
  }
}

// `a + "/x?" + v.Encode()` as gofmt prints it among several arguments (`a+"/x?"+v.Encode()`):
// each ` + ` outside strings (and not already edited) loses its spaces. Any other expression
// (spaces elsewhere outside strings) is kept as written.
void CompactJoin(Context& ctx, size_t begin, size_t end) {
  std::string_view e = ctx.src().substr(begin, end - begin);
  std::vector<size_t> joins;
  for (size_t p = 0; p < e.size(); ++p) {
    char ch = e[p];
    if (ch == '"' || ch == '`' || ch == '\'') {
      size_t close = e.find(ch, p + 1);
      while (close != std::string_view::npos && ch != '`' && e[close - 1] == '\\')
        close = e.find(ch, close + 1);
      if (close == std::string_view::npos) return;
      p = close;
      continue;
    }
    if (ch == ' ') {
      if (e.substr(p, 3) != " + ") return;
      joins.push_back(begin + p);
      p += 2;
      continue;
    }
    if (ch == '\t' || ch == '\n' || ch == '\r') return;
  }
  for (size_t j : joins) {
    if (!ctx.Edited(j, j + 3)) ctx.Replace(j, j + 3, "+");
  }
}

// A shorthand call rewritten into NewRequest + Header.Set + Do.
void RewriteShorthand(Context& ctx, const ir::Call& c, const Site& s, const std::string& set) {
  std::string_view src = ctx.src();
  const ir::Expr& call = ctx.at(c.self);
  size_t lb = ctx.LineBegin(c.span.begin);
  std::string ind(ctx.IndentAt(c.span.begin));
  size_t stmt = lb + ind.size();
  std::string_view before = src.substr(stmt, c.span.begin - stmt);
  StatementLineEnd(ctx, c.span.end);
  // `req` must be a new name here.
  for (const auto& b : ctx.facts().bindings) {
    if (b.name == "req" && b.scope == call.scope)
      throw Withhold{"'req' is already declared here; rewrite the request by hand"};
  }
  if (ir::Resolve(ctx.facts(), "req", c.span.begin, call.scope) != nullptr)
    throw Withhold{"'req' is already declared here; rewrite the request by hand"};
  static const RE2 kDecl(R"((\w+),\s*(\w+)\s*:=\s*)");
  std::string resp;
  std::string err;
  bool is_return = before == "return ";
  std::optional<std::pair<size_t, size_t>> check;
  if (!is_return) {
    if (!RE2::FullMatch(re2::StringPiece(before.data(), before.size()), kDecl, &resp, &err))
      throw Withhold{"http." + c.method +
                     " is not in a `return` or `resp, err :=` statement; rewrite it as "
                     "http.NewRequest + req.Header.Set by hand"};
    check = ErrCheckAfter(ctx, c.span.end, err);
    if (!check || !Leaves(src.substr(check->first, check->second - check->first)))
      throw Withhold{"no error check that leaves follows http." + c.method +
                     "; rewrite it as http.NewRequest + req.Header.Set by hand"};
    std::string_view block = src.substr(check->first, check->second - check->first);
    if (RE2::PartialMatch(re2::StringPiece(block.data(), block.size()),
                          RE2("\\b" + RE2::QuoteMeta(resp) + "\\b")))
      throw Withhold{"the error check reads '" + resp + "'; rewrite the request by hand"};
  }
  std::string method = s.kind == Kind::kGet    ? "http.MethodGet"
                       : s.kind == Kind::kHead ? "http.MethodHead"
                                               : "http.MethodPost";
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  size_t want = s.kind == Kind::kPost ? 3 : s.kind == Kind::kPostForm ? 2 : 1;
  if (args.size() != want) throw Withhold{"unexpected arguments to http." + c.method};
  // The opening: everything up to the URL becomes the NewRequest call.
  ctx.Replace(
      stmt, args[0]->span.begin,
      std::string(is_return ? "req, err" : "req, " + err) + " := http.NewRequest(" + method + ", ");
  std::string eol(ctx.Eol());
  if (s.kind == Kind::kPost) {
    ctx.Replace(args[0]->span.end, args[2]->span.begin, ", ");
  } else if (s.kind == Kind::kPostForm) {
    GoEnsureImport(ctx, "strings");
    ctx.Replace(args[0]->span.end, args[1]->span.begin, ", strings.NewReader(");
    ctx.Insert(args[1]->span.end, ".Encode())");
  } else {
    // The URL becomes one of several arguments: gofmt writes a `+` join there without spaces.
    CompactJoin(ctx, args[0]->span.begin, args[0]->span.end);
    ctx.Insert(args[0]->span.end, ", nil");
  }
  std::string lines;
  if (is_return) {
    lines += eol + ind + "if err != nil {" + eol + ind + "\treturn nil, err" + eol + ind + "}";
  } else {
    lines += eol + std::string(src.substr(check->first, check->second - check->first));
  }
  lines += eol + ind + set;
  if (s.kind == Kind::kPost) {
    lines += eol + ind + "req.Header.Set(\"Content-Type\", " +
             std::string(ctx.Text(args[1]->value)) + ")";
  } else if (s.kind == Kind::kPostForm) {
    lines += eol + ind + "req.Header.Set(\"Content-Type\", \"application/x-www-form-urlencoded\")";
  }
  std::string client = ClientOf(ctx, c);
  lines += eol + ind + (is_return ? "return " : resp + ", " + err + " := ") + client + ".Do(req)";
  ctx.Insert(call.span.end, lines);
}

}  // namespace

void GoEnsureImport(Context& ctx, std::string_view pkg) {
  std::string_view src = ctx.src();
  RE2 has("(?m)^\\s*(import\\s+)?(\\w+\\s+)?\"" + RE2::QuoteMeta(std::string(pkg)) + "\"\\s*$");
  if (RE2::PartialMatch(re2::StringPiece(src.data(), src.size()), has)) return;
  size_t block = src.find("import (");
  if (block == std::string_view::npos) {
    // No import block: a declaration of its own after the last one-line import (`import "net/http"`),
    // or after the package clause when there is none; gofmt keeps consecutive import declarations.
    static const RE2 kSingle(R"((?m)^import\s+(?:[\w.]+\s+)?"[^"\n]*"[ \t]*(?://[^\n]*)?$)");
    static const RE2 kPackage(R"((?m)^package\s+\w+[ \t]*(?://[^\n]*)?$)");
    re2::StringPiece in(src.data(), src.size()), hit;
    size_t end = std::string_view::npos;
    for (size_t at = 0; kSingle.Match(in, at, in.size(), RE2::UNANCHORED, &hit, 1); at = end) {
      end = static_cast<size_t>(hit.data() - src.data()) + hit.size();
    }
    const std::string decl = "import \"" + std::string(pkg) + "\"";
    if (end != std::string_view::npos) {
      ctx.Insert(end, std::string(ctx.Eol()) + decl);
      return;
    }
    if (kPackage.Match(in, 0, in.size(), RE2::UNANCHORED, &hit, 1)) {
      end = static_cast<size_t>(hit.data() - src.data()) + hit.size();
      ctx.Insert(end, std::string(ctx.Eol()) + std::string(ctx.Eol()) + decl);
      return;
    }
    throw Withhold{"cannot add the \"" + std::string(pkg) + "\" import; fix it by hand"};
  }
  size_t pos = src.find('\n', block);
  if (pos == std::string_view::npos) throw Withhold{"cannot add the import"};
  ++pos;
  std::string quoted = "\"" + std::string(pkg) + "\"";
  while (pos < src.size()) {
    size_t e = src.find('\n', pos);
    if (e == std::string_view::npos) break;
    std::string_view line = src.substr(pos, e - pos);
    size_t q = line.find('"');
    if (line.find(')') != std::string_view::npos && q == std::string_view::npos) break;
    if (q != std::string_view::npos && line.substr(q) > std::string_view(quoted)) break;
    pos = e + 1;
  }
  ctx.Insert(pos, "\t" + quoted + std::string(ctx.Eol()));
}

std::optional<Request> GoFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  std::vector<ir::ExprId> encoded =
      is_map ? ctx.EncodersOf(value, {"Encode"}) : std::vector<ir::ExprId>{};
  auto holds = [&](ir::ExprId v) { return CarriesEntry(ctx, v, value, encoded); };
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    auto site = Classify(ctx, c);
    if (!site) continue;
    const ir::Arg* url = Written(c, site->url_index);
    const ir::Arg* body = Written(c, site->body_index);
    bool hit = false;
    if (is_map) {
      hit = (url != nullptr && holds(url->value)) || (body != nullptr && holds(body->value));
    } else {
      hit = url != nullptr && ctx.BuiltFrom(url->value, value, ir::kInString);
    }
    if (!hit) continue;
    if (found) {
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = Request{i, "net/http", {}};
  }
  // `s.client.Get(u)` on a client whose type is not visible: named in the reason.
  for (uint32_t i = 0; !found && !is_map && i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    if (c.receiver == ir::kNoExpr || Classify(ctx, c) ||
        (c.method != "Get" && c.method != "Head" && c.method != "Post" && c.method != "PostForm"))
      continue;
    const ir::Arg* url = Written(c, 0);
    if (url == nullptr || !ctx.BuiltFrom(url->value, value, ir::kInString)) continue;
    found = Request{i, "net/http",
                    "'" + std::string(ctx.Text(c.receiver)) +
                        "' is not visibly an *http.Client; "
                        "rewrite the call as http.NewRequest + req.Header.Set + Do by hand"};
  }
  // `q := req.URL.Query()` … `req.URL.RawQuery = q.Encode()`: the values go to the request that
  // `req` holds (made by http.NewRequest).
  for (const auto& b : ctx.facts().bindings) {
    static constexpr std::string_view kRaw = ".URL.RawQuery";
    if (!is_map || b.name.size() <= kRaw.size() ||
        b.name.compare(b.name.size() - kRaw.size(), kRaw.size(), kRaw) != 0 || !holds(b.value))
      continue;
    std::string req = b.name.substr(0, b.name.size() - kRaw.size());
    const ir::Binding* holder = ir::Resolve(ctx.facts(), req, b.span.begin, b.scope);
    for (uint32_t i = 0; holder != nullptr && i < calls.size(); ++i) {
      auto site = Classify(ctx, calls[i]);
      if (!site || site->kind != Kind::kNewRequest ||
          ir::BindingOfValue(ctx.facts(), calls[i].self) != holder)
        continue;
      if (found && found->call != i) {
        MarkAmbiguous(ctx, &*found, i);
      } else if (!found) {
        found = Request{i, "net/http", {}};
      }
    }
  }
  return found;
}

void GoAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  auto site = Classify(ctx, c);
  if (!site) throw Withhold{"not a known HTTP call"};
  std::string hv = ctx.HeaderValue(token);
  if (site->kind == Kind::kNewRequest) {
    const ir::Binding* b = ir::BindingOfValue(ctx.facts(), c.self);
    if (b == nullptr)
      throw Withhold{
          "the request from http.NewRequest is not held in a variable; add the header "
          "by hand"};
    CheckNoAuthorization(ctx, *b);
    std::string set = b->name + ".Header.Set(\"Authorization\", " + hv + ")";
    // After the error check that follows the declaration, else right after it.
    std::string_view stmt = ctx.Text(b->span);
    static const RE2 kErr(R"(^\w+\s*,\s*(\w+)\s*:?=)");
    std::string err;
    if (RE2::PartialMatch(re2::StringPiece(stmt.data(), stmt.size()), kErr, &err) && err != "_") {
      if (auto check = ErrCheckAfter(ctx, b->span.end, err)) {
        StatementLineEnd(ctx, b->span.end);
        ctx.Insert(check->second,
                   std::string(ctx.Eol()) + std::string(ctx.IndentAt(b->span.begin)) + set);
        return;
      }
    }
    InsertLineAfter(ctx, b->span.begin, b->span.end, set);
    return;
  }
  RewriteShorthand(ctx, c, *site, "req.Header.Set(\"Authorization\", " + hv + ")");
}

void GoPrepareLookup(Context& ctx, std::string_view expr) {
  if (expr.rfind("os.", 0) == 0) GoEnsureImport(ctx, "os");
}

// An import line (`"os"` in a block, or `import "os"`, no alias) whose package the file used before
// the fix and no longer uses after it (the old token's `os.Getenv` went with its local): Go
// refuses to compile an unused import, so the line goes.
void GoDropUnusedImports(Context& ctx, std::string_view before, std::string_view after) {
  static const RE2 kLine(R"re((?m)(^[ \t]*(?:import[ \t]+)?"(?:[\w.-]+/)*([A-Za-z_]\w*)"[ \t]*\r?\n))re");
  static const RE2 kVersion(R"(v\d+)");
  re2::StringPiece rest(before.data(), before.size());
  re2::StringPiece line;
  std::string id;
  while (RE2::FindAndConsume(&rest, kLine, &line, &id)) {
    if (RE2::FullMatch(id, kVersion)) continue;  // `…/v2`: the package name is not the last element
    const RE2 use("(?:^|[^\\w.])" + RE2::QuoteMeta(id) + "\\.");
    const re2::StringPiece old_text(before.data(), before.size());
    const re2::StringPiece new_text(after.data(), after.size());
    if (!RE2::PartialMatch(old_text, use) || RE2::PartialMatch(new_text, use)) continue;
    const size_t at = static_cast<size_t>(line.data() - before.data());
    ctx.Delete(at, at + line.size());
  }
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kGoProfile = {"go", "os.Getenv(\"ZOHO_OAUTH_TOKEN\")", "+", GoPrepareLookup, GoFindRequest,
                                            GoAddHeader, nullptr, false, /*keeps_bare_printf=*/true,
                                            ConstantStyle::kConstOrBlock, UnusedLocals::kRejected,
                                            GoDropUnusedImports};

}  // namespace authshift::rewriters::oauth
