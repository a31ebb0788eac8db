// PHP: the header for curl (CURLOPT_HTTPHEADER), Guzzle, file_get_contents with a stream context,
// Laravel's Http facade and the Requests library (`Requests::get($url, $headers)`: the second
// argument is the headers map itself).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>

#include "rewriters/oauth/clients.h"
#include "scanner/ir/flow.h"

namespace authshift::rewriters::oauth {
namespace {

enum class Kind {
  kCurlInit,
  kCurlSetopt,
  kCurlSetoptArray,
  kGuzzle,
  kFileGetContents,
  kLaravel,
  kRequests
};

struct Site {
  Kind kind;
  std::string client;
  int url_index = 0;       // positional; -1: in the curl_setopt_array map
  int options_index = -1;  // Guzzle's options array
};

bool IsVerb(std::string_view m) {
  return m == "get" || m == "post" || m == "put" || m == "patch" || m == "delete" || m == "head";
}

std::string_view ArgText(const Context& ctx, const ir::Call& c, size_t i) {
  std::vector<const ir::Arg*> a = WrittenArgs(c);
  return i < a.size() ? ctx.Text(a[i]->value) : std::string_view();
}

const ir::Arg* Written(const ir::Call& c, size_t i) {
  std::vector<const ir::Arg*> a = WrittenArgs(c);
  return i < a.size() ? a[i] : nullptr;
}

// The root of a call chain (`Http::asForm()->post(…)` -> the `Http` name).
ir::ExprId ChainRoot(const Context& ctx, const ir::Call& c) {
  ir::ExprId r = c.receiver;
  for (int guard = 0; guard < 16 && r != ir::kNoExpr && ctx.at(r).kind == ir::ExprKind::kCall;
       ++guard) {
    r = ctx.facts().calls[ctx.at(r).call].receiver;
  }
  return r;
}

std::optional<Site> Classify(const Context& ctx, const ir::Call& c) {
  std::string_view callee = c.callee;
  std::string_view m = c.method;
  if (callee == "curl_init") return Site{Kind::kCurlInit, "curl", 0, -1};
  if (callee == "curl_setopt" && ArgText(ctx, c, 1) == "CURLOPT_URL")
    return Site{Kind::kCurlSetopt, "curl", 2, -1};
  if (callee == "curl_setopt" && ArgText(ctx, c, 1) == "CURLOPT_POSTFIELDS")
    return Site{Kind::kCurlSetopt, "curl", -1, -1};
  if (callee == "curl_setopt_array") return Site{Kind::kCurlSetoptArray, "curl", -1, -1};
  // file($url, $flags, $context) reads the same stream as file_get_contents, one line an item.
  if (callee == "file_get_contents" || callee == "file")
    return Site{Kind::kFileGetContents, std::string(callee), 0};
  if (c.receiver == ir::kNoExpr) return std::nullopt;
  ir::ExprId root = ChainRoot(ctx, c);
  if (root != ir::kNoExpr && ctx.at(root).kind == ir::ExprKind::kName &&
      (ctx.at(root).text == "Http" ||
       ctx.at(root).text == "\\Illuminate\\Support\\Facades\\Http")) {
    if (IsVerb(m)) return Site{Kind::kLaravel, "Laravel Http", 0, -1};
    return std::nullopt;
  }
  std::string_view recv = ctx.Text(c.receiver);
  // Requests::get($url, $headers, $options), Requests::post($url, $headers, $data, $options),
  // Requests::request($url, $headers, $data, $type, $options) (WpOrg\Requests\Requests too).
  if (recv == "Requests" || recv.ends_with("\\Requests")) {
    if (IsVerb(m) || m == "request") return Site{Kind::kRequests, "Requests", 0, -1};
    return std::nullopt;
  }
  if (recv == "$this" || recv == "self" || recv == "static" || recv == "parent")
    return std::nullopt;
  if (m == "request") return Site{Kind::kGuzzle, "Guzzle", 1, 2};
  if (IsVerb(m)) return Site{Kind::kGuzzle, "Guzzle", 0, 1};
  return std::nullopt;
}

// The value of the entry of map literal `map` whose key is written `key` (a constant or a
// string), or kNoExpr.
ir::ExprId EntryValue(const Context& ctx, ir::ExprId map, std::string_view key,
                      const ir::MapEntry** out = nullptr) {
  if (map == ir::kNoExpr) return ir::kNoExpr;
  for (uint32_t e : ctx.LiteralEntries(map)) {
    const ir::MapEntry& me = ctx.facts().entries[e];
    const ir::Expr& k = ctx.at(me.key);
    if (k.text == key || ctx.Text(me.key) == key) {
      if (out != nullptr) *out = &me;
      return me.value;
    }
  }
  return ir::kNoExpr;
}

// The file's array style: `array(…)` when it writes arrays that way, else `[…]`.
bool LongArrays(const Context& ctx) {
  std::string_view s = ctx.src();
  static const RE2 kShort(R"((=|\(|,|=>)\s*\[)");
  static const RE2 kLong(R"(\barray\s*\()");
  // The majority style (a regex or a string may hold a stray `([`).
  auto count = [&](const RE2& re) {
    re2::StringPiece p(s.data(), s.size());
    int n = 0;
    while (RE2::FindAndConsume(&p, re)) ++n;
    return n;
  };
  return count(kLong) > count(kShort);
}

std::string Array(const Context& ctx, const std::string& items) {
  return LongArrays(ctx) ? "array(" + items + ")" : "[" + items + "]";
}

// Appends `item` to a list literal, keeping its layout.
void AppendItem(Context& ctx, ir::ExprId list, const std::string& item) {
  const ir::Expr& l = ctx.at(list);
  std::string_view src = ctx.src();
  if (l.children.empty()) {
    size_t open = src.find_first_of("([", l.span.begin);
    if (open == std::string_view::npos || open >= l.span.end)
      throw Withhold{"cannot find the header array's bracket"};
    ctx.Insert(open + 1, item);
    return;
  }
  const ir::Expr& last = ctx.at(l.children.back());
  size_t p = last.span.end;
  while (p < l.span.end && (src[p] == ' ' || src[p] == '\t')) ++p;
  bool trailing_comma = p < l.span.end && src[p] == ',';
  size_t q = trailing_comma ? p + 1 : last.span.end;
  while (q < l.span.end && (src[q] == ' ' || src[q] == '\t' || src[q] == '\r')) ++q;
  if (q < l.span.end && src[q] == '\n') {
    std::string ind(ctx.IndentAt(last.span.begin));
    if (trailing_comma) {
      ctx.Insert(p + 1, std::string(ctx.Eol()) + ind + item + ",");
    } else {
      ctx.Insert(last.span.end, "," + std::string(ctx.Eol()) + ind + item);
    }
    return;
  }
  ctx.Insert(last.span.end, ", " + item);
}

bool SendsAuthorization(const Context& ctx, ir::ExprId v) {
  if (v == ir::kNoExpr) return false;
  if (ctx.HasKey(v, "authorization")) return true;
  ir::ExprId lit = ctx.MapLiteral(v);
  if (lit != ir::kNoExpr && ctx.HasKey(lit, "authorization")) return true;
  ir::StringValue s = ir::Flatten(ctx.facts(), v, ctx.src());
  static const RE2 kLine(R"((?i)(^|\n)\s*authorization\s*:)");
  return RE2::PartialMatch(s.Joined(), kLine);
}

// A value read only by the call (a literal, or a variable bound to one and read once): the literal.
ir::ExprId OwnLiteral(const Context& ctx, ir::ExprId v, ir::ExprKind kind) {
  const ir::Expr& e = ctx.at(v);
  if (e.kind == kind) return v;
  if (e.kind != ir::ExprKind::kName) return ir::kNoExpr;
  const ir::Binding* b = ctx.BindingOf(v);
  if (b == nullptr || b->value == ir::kNoExpr || ctx.at(b->value).kind != kind ||
      ctx.ReadsOf(*b).size() != 1)
    return ir::kNoExpr;
  return b->value;
}

// Adds a header line to a CURLOPT_HTTPHEADER value.
void AddHeaderLine(Context& ctx, ir::ExprId v, const std::string& line) {
  if (SendsAuthorization(ctx, v))
    throw Withhold{"the request already sends an Authorization header"};
  ir::ExprId list = OwnLiteral(ctx, v, ir::ExprKind::kList);
  if (list != ir::kNoExpr) {
    AppendItem(ctx, list, line);
    return;
  }
  const ir::Expr& e = ctx.at(v);
  ctx.Replace(e.span.begin, e.span.end,
              "array_merge(" + std::string(ctx.Text(v)) + ", " + Array(ctx, line) + ")");
}

void AddCurlHeader(Context& ctx, const ir::Call& c, const Site& s, const std::string& hv) {
  const ir::Binding* handle = nullptr;
  std::string handle_text;
  if (s.kind == Kind::kCurlInit) {
    handle = ir::BindingOfValue(ctx.facts(), c.self);
    if (handle != nullptr) handle_text = handle->name;
  } else if (const ir::Arg* a = Written(c, 0)) {
    handle = ctx.BindingOf(a->value);
    handle_text = std::string(ctx.Text(a->value));
  }
  if (handle == nullptr)
    throw Withhold{"cannot follow the curl handle; add CURLOPT_HTTPHEADER by hand"};
  std::string line =
      ctx.Quoted("Authorization: Zoho-oauthtoken ") + std::string(ctx.profile().concat) + hv;
  std::vector<ir::ExprId> header_values;
  const ir::Call* array_call = nullptr;
  ir::ExprId array_map = ir::kNoExpr;
  for (const ir::Call& o : ctx.facts().calls) {
    if (o.callee != "curl_setopt" && o.callee != "curl_setopt_array") continue;
    const ir::Arg* h = Written(o, 0);
    if (h == nullptr || ctx.BindingOf(h->value) != handle) continue;
    if (o.callee == "curl_setopt") {
      if (ArgText(ctx, o, 1) == "CURLOPT_HTTPHEADER" && Written(o, 2) != nullptr)
        header_values.push_back(Written(o, 2)->value);
      continue;
    }
    const ir::Arg* m = Written(o, 1);
    ir::ExprId map = m == nullptr ? ir::kNoExpr : OwnLiteral(ctx, m->value, ir::ExprKind::kMap);
    if (map == ir::kNoExpr) throw Withhold{"curl_setopt_array options are not an array literal"};
    array_call = &o;
    array_map = map;
    ir::ExprId v = EntryValue(ctx, map, "CURLOPT_HTTPHEADER");
    if (v != ir::kNoExpr) header_values.push_back(v);
  }
  if (header_values.size() > 1)
    throw Withhold{
        "the curl handle sets CURLOPT_HTTPHEADER more than once; add the header by hand"};
  if (header_values.size() == 1) {
    AddHeaderLine(ctx, header_values[0], line);
    return;
  }
  if (array_call != nullptr) {
    ctx.AppendEntry(array_map, "CURLOPT_HTTPHEADER => " + Array(ctx, line));
    return;
  }
  // A statement of its own after the one that creates the handle or sets the URL.
  ir::Span stmt = s.kind == Kind::kCurlInit ? handle->span : c.span;
  InsertLineAfter(
      ctx, stmt.begin, stmt.end,
      "curl_setopt(" + handle_text + ", CURLOPT_HTTPHEADER, " + Array(ctx, line) + ");");
}

// `'Authorization' => 'Zoho-oauthtoken ' . $t` into a headers array (literal, or a variable used
// only here; anything else is merged).
void AddHeaderEntry(Context& ctx, ir::ExprId v, const std::string& entry) {
  if (SendsAuthorization(ctx, v))
    throw Withhold{"the request already sends an Authorization header"};
  ir::ExprId map = OwnLiteral(ctx, v, ir::ExprKind::kMap);
  if (map != ir::kNoExpr) {
    ctx.AppendEntry(map, entry);
    return;
  }
  const ir::Expr& e = ctx.at(v);
  if (e.kind == ir::ExprKind::kList && e.children.empty()) {
    AppendItem(ctx, v, entry);
    return;
  }
  ctx.Replace(e.span.begin, e.span.end,
              "array_merge(" + std::string(ctx.Text(v)) + ", " + Array(ctx, entry) + ")");
}

void AddGuzzleHeader(Context& ctx, const ir::Call& c, const Site& s, const std::string& entry) {
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  auto k = static_cast<size_t>(s.options_index);
  if (k < args.size()) {
    ir::ExprId opts = OwnLiteral(ctx, args[k]->value, ir::ExprKind::kMap);
    if (opts == ir::kNoExpr) {
      const ir::Expr& e = ctx.at(args[k]->value);
      if (e.kind == ir::ExprKind::kList && e.children.empty()) {
        AppendItem(ctx, args[k]->value, ctx.Quoted("headers") + " => " + Array(ctx, entry));
        return;
      }
      throw Withhold{"the request options are not an array literal; add the header by hand"};
    }
    ir::ExprId h = EntryValue(ctx, opts, "headers");
    if (h != ir::kNoExpr) {
      AddHeaderEntry(ctx, h, entry);
      return;
    }
    ctx.AppendEntry(opts, ctx.Quoted("headers") + " => " + Array(ctx, entry));
    return;
  }
  if (k == args.size()) {
    AppendArgument(ctx, c, ", " + Array(ctx, ctx.Quoted("headers") + " => " + Array(ctx, entry)));
    return;
  }
  throw Withhold{"cannot find where the request's options go; add the header by hand"};
}

void AddStreamHeader(Context& ctx, const ir::Call& c, const std::string& hv) {
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  std::string line =
      ctx.Quoted("Authorization: Zoho-oauthtoken ") + std::string(ctx.profile().concat) + hv;
  std::string fresh =
      "stream_context_create(" +
      Array(ctx, ctx.Quoted("http") + " => " + Array(ctx, ctx.Quoted("header") + " => " + line)) +
      ")";
  if (args.size() == 1) {
    // The second argument: file_get_contents' $use_include_path, file's $flags.
    AppendArgument(ctx, c, std::string(c.callee == "file" ? ", 0, " : ", false, ") + fresh);
    return;
  }
  if (args.size() == 2) {
    AppendArgument(ctx, c, ", " + fresh);
    return;
  }
  const ir::Expr& cx = ctx.at(args[2]->value);
  if (cx.kind == ir::ExprKind::kNull) {
    ctx.Replace(cx.span.begin, cx.span.end, fresh);
    return;
  }
  ir::ExprId call = OwnLiteral(ctx, args[2]->value, ir::ExprKind::kCall);
  if (call == ir::kNoExpr || ctx.facts().calls[ctx.at(call).call].callee != "stream_context_create")
    throw Withhold{"the stream context is not built here; add the header to it by hand"};
  const ir::Call& scc = ctx.facts().calls[ctx.at(call).call];
  const ir::Arg* opts = Written(scc, 0);
  ir::ExprId om = opts == nullptr ? ir::kNoExpr : OwnLiteral(ctx, opts->value, ir::ExprKind::kMap);
  ir::ExprId http = OwnLiteral(ctx, EntryValue(ctx, om, "http"), ir::ExprKind::kMap);
  if (om == ir::kNoExpr || http == ir::kNoExpr)
    throw Withhold{"the stream context's options are not an array literal"};
  ir::ExprId h = EntryValue(ctx, http, "header");
  if (h == ir::kNoExpr) {
    ctx.AppendEntry(http, ctx.Quoted("header") + " => " + line);
    return;
  }
  if (SendsAuthorization(ctx, h))
    throw Withhold{"the request already sends an Authorization header"};
  if (ctx.at(h).kind == ir::ExprKind::kList) {
    AppendItem(ctx, h, line);
    return;
  }
  // A header string: one more line, CRLF-terminated like the others.
  ir::StringValue sv = ir::Flatten(ctx.facts(), h, ctx.src());
  std::string j = sv.Joined();
  bool ends = j.size() >= 1 && j.back() == '\n';
  const ir::Expr& he = ctx.at(h);
  ctx.Insert(he.span.end,
             std::string(ends ? "" : " . \"\\r\\n\"") + " . " + line + " . \"\\r\\n\"");
}

void AddLaravelHeader(Context& ctx, const ir::Call& c, const std::string& entry) {
  // An existing withHeaders([...]) in the chain takes the entry; withToken() already authorises.
  ir::ExprId r = c.receiver;
  for (int guard = 0; guard < 16 && r != ir::kNoExpr && ctx.at(r).kind == ir::ExprKind::kCall;
       ++guard) {
    const ir::Call& o = ctx.facts().calls[ctx.at(r).call];
    if (o.method == "withToken" || o.method == "withBasicAuth" || o.method == "withDigestAuth")
      throw Withhold{"the request already sends an Authorization header"};
    if (o.method == "withHeaders") {
      const ir::Arg* a = Written(o, 0);
      if (a == nullptr) throw Withhold{"withHeaders() without an argument"};
      AddHeaderEntry(ctx, a->value, entry);
      return;
    }
    r = o.receiver;
  }
  ir::ExprId root = ChainRoot(ctx, c);
  if (root == ir::kNoExpr) throw Withhold{"cannot find the Http facade"};
  size_t at = ctx.at(root).span.end;
  if (ctx.src().substr(at, 2) != "::") throw Withhold{"cannot find Http::"};
  ctx.Insert(at + 2, "withHeaders(" + Array(ctx, entry) + ")->");
}

// Requests: the headers map is the second argument itself (no `'headers' =>` level).
void AddRequestsHeader(Context& ctx, const ir::Call& c, const std::string& entry) {
  std::vector<const ir::Arg*> args = WrittenArgs(c);
  if (args.size() == 1) {
    AppendArgument(ctx, c, ", " + Array(ctx, entry));
    return;
  }
  if (args.size() < 2) throw Withhold{"cannot find the request's URL argument"};
  const ir::Expr& h = ctx.at(args[1]->value);
  if (h.kind == ir::ExprKind::kList && h.children.empty()) {
    AppendItem(ctx, args[1]->value, entry);
    return;
  }
  AddHeaderEntry(ctx, args[1]->value, entry);
}

// The PHP method whose header precedes `at`: its name and its parameters' names, read from the
// source text (the facts hold no parameter lists).
struct Method {
  std::string name;
  std::vector<std::string> params;
  size_t params_begin = 0;  // the parameter list's text
  size_t params_end = 0;
};

std::optional<Method> EnclosingMethod(std::string_view src, size_t at) {
  static const RE2 kDef(R"(\bfunction\s+&?\s*(\w+)\s*\(([^{};]*?)\)\s*(?::\s*[\w\\?|]+\s*)?\{)");
  re2::StringPiece in(src.data(), std::min(at, src.size()));
  re2::StringPiece name;
  re2::StringPiece params;
  std::optional<Method> last;
  while (RE2::FindAndConsume(&in, kDef, &name, &params)) {
    Method m{std::string(name), {}, static_cast<size_t>(params.data() - src.data()),
             static_cast<size_t>(params.data() - src.data()) + params.size()};
    // One name per top-level comma-separated parameter (defaults may hold arrays and calls).
    int depth = 0;
    bool named = false;
    for (size_t i = 0; i < params.size(); ++i) {
      char ch = params[i];
      if (ch == '(' || ch == '[') ++depth;
      if (ch == ')' || ch == ']') --depth;
      if (ch == ',' && depth == 0) named = false;
      if (ch == '$' && depth == 0 && !named) {
        size_t e = i + 1;
        while (e < params.size() && (std::isalnum(static_cast<unsigned char>(params[e])) || params[e] == '_')) ++e;
        m.params.push_back(std::string(params.substr(i, e - i)));
        named = true;
      }
    }
    last = std::move(m);
  }
  return last;
}

size_t LineOf(const Context& ctx, size_t off) {
  return static_cast<size_t>(std::count(ctx.src().begin(), ctx.src().begin() + static_cast<long>(off), '\n')) + 1;
}

// A call of method `name` of this class: `$this->name(…)`, `self::name(…)`, `static::name(…)`.
bool CallsOwnMethod(const Context& ctx, const ir::Call& c, std::string_view name) {
  if (c.method != name || c.receiver == ir::kNoExpr) return false;
  std::string_view r = ctx.Text(c.receiver);
  return r == "$this" || r == "self" || r == "static";
}

// A URL built in one method (`return $base . '?…&authtoken=' . $this->token;`) and requested in
// another whose URL argument is a parameter (`function send($url) { curl_setopt($ch,
// CURLOPT_URL, $url); … }`): the request, when every call of that method passes the built URL (a
// helper that also requests other URLs would send the token to them).
std::optional<Request> RequestAcrossMethods(const Context& ctx, ir::ExprId value) {
  ir::FlowSeeds seeds;
  seeds.exprs.push_back(value);
  std::vector<bool> carries = ir::Carriers(ctx.facts(), ctx.src(), seeds);
  auto carrying = [&](ir::ExprId e) { return e != ir::kNoExpr && e < carries.size() && carries[e]; };
  const auto& calls = ctx.facts().calls;
  std::optional<Request> found;
  for (uint32_t i = 0; i < calls.size(); ++i) {
    auto site = Classify(ctx, calls[i]);
    if (!site || site->url_index < 0) continue;
    const ir::Arg* url = Written(calls[i], static_cast<size_t>(site->url_index));
    if (url == nullptr || ctx.at(url->value).kind != ir::ExprKind::kName) continue;
    std::optional<Method> m = EnclosingMethod(ctx.src(), ctx.at(url->value).span.begin);
    if (!m) continue;
    auto p = std::find(m->params.begin(), m->params.end(), ctx.at(url->value).text);
    if (p == m->params.end()) continue;
    // The name must still be the parameter where the request reads it (not reassigned).
    const ir::Binding* b = ctx.BindingOf(url->value);
    if (b == nullptr || b->span.begin < m->params_begin || b->span.end > m->params_end) continue;
    auto k = static_cast<size_t>(p - m->params.begin());
    size_t carried = 0;
    std::string other;  // the line of a call that passes another URL
    for (const ir::Call& c : calls) {
      if (!CallsOwnMethod(ctx, c, m->name)) continue;
      const ir::Arg* a = Written(c, k);
      if (a != nullptr && carrying(a->value)) {
        ++carried;
      } else if (other.empty()) {
        other = std::to_string(LineOf(ctx, c.span.begin));
      }
    }
    if (carried == 0) continue;
    Request r{i, site->client, {}};
    if (!other.empty()) {
      r.problem = m->name + "() also requests other URLs (line " + other +
                  "); add the Authorization: Zoho-oauthtoken header by hand where it requests the Zoho URL";
    }
    if (found) {
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = r;
  }
  return found;
}

}  // namespace

std::optional<Request> PhpFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  std::vector<ir::ExprId> encoded =
      is_map ? ctx.EncodersOf(value, {"http_build_query"}) : std::vector<ir::ExprId>{};
  auto holds = [&](ir::ExprId v) { return CarriesEntry(ctx, v, value, encoded); };
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    auto site = Classify(ctx, c);
    if (!site) continue;
    bool hit = false;
    std::vector<const ir::Arg*> args = WrittenArgs(c);
    if (site->kind == Kind::kCurlSetoptArray) {
      ir::ExprId map = args.size() > 1 ? ctx.MapLiteral(args[1]->value) : ir::kNoExpr;
      ir::ExprId u = EntryValue(ctx, map, "CURLOPT_URL");
      ir::ExprId body = EntryValue(ctx, map, "CURLOPT_POSTFIELDS");
      hit = is_map ? (holds(u) || holds(body)) : ctx.BuiltFrom(u, value, ir::kInString);
    } else if (is_map) {
      // curl_setopt($ch, CURLOPT_POSTFIELDS, $map) and file_get_contents($u, false, $ctx): the third.
      // … and the $data of Requests::post/put/patch/request($url, $headers, $data) (get, head and
      // delete take $options there).
      bool requests_data = site->kind == Kind::kRequests && c.method != "get" && c.method != "head" &&
                           c.method != "delete";
      if ((site->kind == Kind::kCurlSetopt && site->url_index < 0) || site->kind == Kind::kFileGetContents ||
          requests_data) {
        hit = args.size() > 2 && holds(args[2]->value);
      } else if (site->kind == Kind::kGuzzle) {
        for (std::string_view n : {"query", "form_params", "body"}) {
          const ir::Arg* a = ctx.ArgAt(c, -1, n);
          if (a != nullptr && holds(a->value)) hit = true;
        }
      } else if (site->kind == Kind::kLaravel) {
        hit = args.size() > 1 && holds(args[1]->value);
      }
      if (site->url_index >= 0 && static_cast<size_t>(site->url_index) < args.size())
        hit = hit || holds(args[static_cast<size_t>(site->url_index)]->value);
    } else if (site->url_index >= 0 && static_cast<size_t>(site->url_index) < args.size()) {
      hit = ctx.BuiltFrom(args[static_cast<size_t>(site->url_index)]->value, value, ir::kInString);
    }
    if (!hit) continue;
    if (found) {
      // curl: the URL given to curl_init and again to CURLOPT_URL of the same handle is one
      // request.
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = Request{i, site->client, {}};
  }
  if (!found && !is_map) return RequestAcrossMethods(ctx, value);
  return found;
}

void PhpAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  auto site = Classify(ctx, c);
  if (!site) throw Withhold{"not a known HTTP call"};
  std::string hv = ctx.HeaderValue(token);
  std::string entry = ctx.Quoted("Authorization") + " => " + hv;
  switch (site->kind) {
    case Kind::kCurlInit:
    case Kind::kCurlSetopt:
    case Kind::kCurlSetoptArray:
      AddCurlHeader(ctx, c, *site, token);
      return;
    case Kind::kGuzzle:
      AddGuzzleHeader(ctx, c, *site, entry);
      return;
    case Kind::kFileGetContents:
      AddStreamHeader(ctx, c, token);
      return;
    case Kind::kLaravel:
      AddLaravelHeader(ctx, c, entry);
      return;
    case Kind::kRequests:
      AddRequestsHeader(ctx, c, entry);
      return;
  }
}

// This language's row of the OAuth rewriter's table (profiles.cc).
extern const LanguageProfile kPhpProfile = {"php", "getenv('ZOHO_OAUTH_TOKEN')", " . ", nullptr, PhpFindRequest,
                                             PhpAddHeader, nullptr, false, false,
                                             ConstantStyle::kConstKeyword};

}  // namespace authshift::rewriters::oauth
