#include "scanner/engine/ir_matcher.h"

#include <algorithm>
#include <set>

#include "scanner/engine/context_matcher.h"
#include "scanner/ir/flow.h"
#include "scanner/ir/form_body.h"
#include "scanner/ir/url.h"

namespace authshift::engine {

std::string LiteralText(const ir::Facts& f, ir::ExprId id, std::string_view source) {
  if (id == ir::kNoExpr) return {};
  ir::StringValue v = ir::Flatten(f, id, source);
  return v.AllLiteral() ? v.Joined() : std::string();
}

TextMatch SpanMatch(ir::Span s) {
  TextMatch t;
  t.begin = t.match_begin = s.begin;
  t.end = t.match_end = s.end;
  return t;
}

namespace {

bool Full(const RE2* re, std::string_view s) {
  return re == nullptr || RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), *re);
}

// The maximal string expressions of a file: strings and joins that are not part of a larger join.
std::vector<ir::ExprId> StringRoots(const ir::Facts& f) {
  std::vector<bool> inner(f.exprs.size(), false);
  for (const auto& e : f.exprs) {
    if (e.kind == ir::ExprKind::kConcat) {
      for (ir::ExprId c : e.children) inner[c] = true;
    }
  }
  std::vector<ir::ExprId> out;
  for (ir::ExprId i = 0; i < f.exprs.size(); ++i) {
    const auto& e = f.exprs[i];
    if (!inner[i] && (e.kind == ir::ExprKind::kString || e.kind == ir::ExprKind::kConcat)) out.push_back(i);
  }
  return out;
}

// The source span for a range of the joined text: exact when it maps 1:1, otherwise the span of the
// part that holds `begin`.
ir::Span SpanFor(const ir::StringValue& v, const std::vector<uint32_t>& pob, size_t begin, size_t end,
                 std::string_view source) {
  ir::Span s;
  if (JoinedToSource(v, pob, begin, end, source, &s)) return s;
  if (begin < pob.size()) return v.parts[pob[begin]].span;
  return v.parts.empty() ? ir::Span{} : v.parts.back().span;
}

// The literal expression that holds byte `at` of the joined text (kNone in a hole or past the end).
uint32_t StringAt(const ir::StringValue& v, const std::vector<uint32_t>& pob, size_t at) {
  if (at >= pob.size()) return core::FactIds::kNone;
  const ir::StrPart& part = v.parts[pob[at]];
  return part.hole ? core::FactIds::kNone : part.expr;
}

std::vector<uint32_t> ValueExprs(const ir::StringValue& v, const std::vector<uint32_t>& pob, size_t begin,
                                 size_t end) {
  std::set<uint32_t> ids;
  for (size_t i = begin; i < end && i < pob.size(); ++i) ids.insert(v.parts[pob[i]].expr);
  return {ids.begin(), ids.end()};
}

bool ArgMatches(const ir::Call& call, const FlowSink& sink, ir::ExprId* value) {
  if (!RE2::PartialMatch(call.callee, *sink.callee) && !RE2::PartialMatch(call.method, *sink.callee)) return false;
  if (!sink.arg_name.empty()) {
    for (const auto& a : call.args) {
      if (a.name == sink.arg_name) {
        *value = a.value;
        return true;
      }
    }
    return false;
  }
  if (sink.arg_index >= 0 && static_cast<size_t>(sink.arg_index) < call.args.size() &&
      call.args[static_cast<size_t>(sink.arg_index)].name.empty()) {
    *value = call.args[static_cast<size_t>(sink.arg_index)].value;
    return true;
  }
  return false;
}

// True when an argument of `call` (or the URL of the curl handle it configures) is a URL with a
// scheme and a resolved host that is not Zoho's.
bool SentElsewhere(const ir::Facts& f, const ir::Call& call, std::string_view source) {
  std::vector<ir::ExprId> urls = ir::CurlHandleUrls(f, call);
  for (const auto& a : call.args) urls.push_back(a.value);
  for (ir::ExprId v : urls) {
    if (v == ir::kNoExpr) continue;
    ir::ParsedUrl u = ir::ParseUrl(ir::Flatten(f, v, source));
    if (u.has_scheme && !u.host_unresolved && !u.host.empty() && !ir::IsZohoHost(u.host)) return true;
  }
  return false;
}

// True when the request object that `call` fills (`request.AddParameter(…)`) is handed to a method
// of a client built for a resolved non-Zoho URL (`client.Execute(request)`, `client = new
// RestClient("https://api.example.com/…")`): RestSharp-style requests name their host elsewhere.
bool ExecutedElsewhere(const ir::Facts& f, const ir::Call& call, std::string_view source) {
  if (call.receiver == ir::kNoExpr || f.exprs[call.receiver].kind != ir::ExprKind::kName) return false;
  const ir::ExprId request = ir::Deref(f, call.receiver);
  if (request == ir::kNoExpr || request == call.receiver) return false;
  for (const ir::Call& x : f.calls) {
    if (x.self == call.self || x.receiver == ir::kNoExpr) continue;
    const bool takes = std::any_of(x.args.begin(), x.args.end(), [&](const ir::Arg& a) {
      return a.value != ir::kNoExpr && f.exprs[a.value].kind == ir::ExprKind::kName && ir::Deref(f, a.value) == request;
    });
    if (!takes) continue;
    const ir::ExprId client = ir::Deref(f, x.receiver);
    for (const ir::Call& c : f.calls) {
      if (c.self == client && client != ir::kNoExpr && SentElsewhere(f, c, source)) return true;
    }
  }
  return false;
}

// Entries whose map flows into one of the sinks (or every entry when there are no sinks).
std::vector<uint32_t> CandidateEntries(const IrMatcher& m, const ir::Facts& f, std::string_view source) {
  std::vector<uint32_t> out;
  if (m.flows_to.empty()) {
    for (uint32_t i = 0; i < f.entries.size(); ++i) out.push_back(i);
    return out;
  }
  std::set<uint32_t> seen;
  for (const auto& call : f.calls) {
    if (m.skip_sent_elsewhere && (SentElsewhere(f, call, source) || ExecutedElsewhere(f, call, source))) continue;
    for (const auto& sink : m.flows_to) {
      ir::ExprId v = ir::kNoExpr;
      if (!ArgMatches(call, sink, &v) || v == ir::kNoExpr) continue;
      for (uint32_t e : ir::EntriesOf(f, v)) seen.insert(e);
    }
  }
  return {seen.begin(), seen.end()};
}


// A string the frontend split into `k=v&…` form entries (the entries' container is the string).
bool IsFormBody(const ir::Facts& f, ir::ExprId root) {
  auto it = f.entries_by_container.find(root);
  if (it == f.entries_by_container.end()) return false;
  const ir::ExprKind k = f.exprs[root].kind;
  return k == ir::ExprKind::kString || k == ir::ExprKind::kConcat;
}

std::vector<TextMatch> UrlParams(const Rule& rule, const IrContext& ctx) {
  const IrMatcher& m = rule.ir;
  std::vector<TextMatch> out;
  for (ir::ExprId root : StringRoots(ctx.facts)) {
    if (m.skip_form_bodies && IsFormBody(ctx.facts, root)) continue;
    ir::StringValue v = ir::Flatten(ctx.facts, root, ctx.source);
    ir::ParsedUrl u = ir::ParseUrl(v);
    bool host_ok = false;
    if (m.host_mode == HostMode::kAny) {
      host_ok = true;
    } else if (m.host_mode == HostMode::kZoho) {
      host_ok = (!u.host.empty() && ir::IsZohoHost(u.host)) ||
                ((u.host_unresolved || !u.has_scheme) && ctx.zoho_context);
    } else {
      host_ok = !u.host.empty() && Full(m.host.get(), u.host);
    }
    if (!host_ok) continue;
    if (m.path && !Full(m.path.get(), u.path)) continue;
    if (m.path_not && RE2::PartialMatch(u.path, *m.path_not)) continue;
    for (const auto& p : u.params) {
      if (!RE2::PartialMatch(p.name, *m.name)) continue;
      // Not a URL: prose ("the old ?authtoken= parameter is gone") has spaces before the query,
      // and a literal value that is no token (a regex "[^&]*", a mask "****") is a look-alike.
      std::string_view before(u.joined.data(), p.joint);
      if (!u.has_scheme && before.find(' ') != std::string_view::npos) continue;
      if (!p.value_has_hole && !p.literal_value.empty() &&
          !RE2::FullMatch(p.literal_value, R"([0-9A-Za-z._~%{}$-]+)")) {
        continue;
      }
      if (m.value && (p.value_has_hole || !RE2::PartialMatch(p.literal_value, *m.value))) continue;
      ir::Span name_span = SpanFor(v, u.part_of_byte, p.name_begin, p.value_begin, ctx.source);
      TextMatch t = SpanMatch(name_span);
      t.value_exprs = ValueExprs(v, u.part_of_byte, p.value_begin, p.value_end);
      t.facts.string = StringAt(v, u.part_of_byte, p.name_begin);
      // Only a token-shaped literal is called a secret.
      if (!p.value_has_hole && RE2::FullMatch(p.literal_value, "[0-9A-Za-z]{16,}")) {
        ir::Span sec;
        if (JoinedToSource(v, u.part_of_byte, p.value_begin, p.value_end, ctx.source, &sec)) {
          t.has_secret = true;
          t.secret_begin = sec.begin;
          t.secret_end = sec.end;
        }
      }
      const ir::Span whole = ctx.facts.exprs[root].span;
      // A token-shaped literal written inside the URL's expression on a line of its own (a
      // `.format(` argument below the template): that line is named too, it is where the secret is.
      if (t.has_secret && whole.begin <= t.secret_begin && t.secret_end <= whole.end && name_span.end < t.secret_begin &&
          ctx.source.substr(name_span.end, t.secret_begin - name_span.end).find('\n') != std::string_view::npos) {
        t.related.push_back({t.secret_begin, t.secret_end, "the hard-coded token it sends"});
      }
      // A parameter name written elsewhere (`final String P = "authtoken";` joined in later): the
      // URL it is joined into is named too, since that is the line a migration rewrites.
      if (name_span.begin < whole.begin || name_span.end > whole.end) {
        t.related.push_back({whole.begin, whole.end, "the URL it is joined into"});
      }
      // Deluge: the getUrl/postUrl the URL goes to is the line the migration rewrites.
      if (ctx.language == "deluge") {
        ir::FlowSeeds seeds;
        seeds.exprs.push_back(root);
        AddSinks(ctx, seeds, name_span, &t);
      }
      out.push_back(std::move(t));
    }
  }
  return out;
}

}  // namespace

void AddSinks(const IrContext& ctx, const ir::FlowSeeds& seeds, ir::Span self, TextMatch* t) {
  // Flow is followed for the first matches only: a huge generated file (a Postman export with
  // thousands of entries) must not cost a walk per entry.
  if (ctx.flows_left != nullptr) {
    if (*ctx.flows_left == 0) return;
    --*ctx.flows_left;
  }
  for (const ir::Span& s : ir::SinksOf(ctx.facts, ctx.source, seeds, self)) {
    t->related.push_back({s.begin, s.end, "the request that sends it"});
  }
}

namespace {

std::vector<TextMatch> Entries(const Rule& rule, const IrContext& ctx, bool header) {
  const IrMatcher& m = rule.ir;
  std::vector<TextMatch> out;
  for (uint32_t i : CandidateEntries(m, ctx.facts, ctx.source)) {
    const ir::MapEntry& e = ctx.facts.entries[i];
    std::string key = LiteralText(ctx.facts, e.key, ctx.source);
    if (key.empty() || !RE2::PartialMatch(key, *m.name)) continue;
    ir::StringValue v = ir::Flatten(ctx.facts, e.value, ctx.source);
    std::vector<uint32_t> pob;
    std::string joined = v.Joined(&pob);
    if (header && m.value && !RE2::PartialMatch(joined, *m.value)) continue;
    if (!header && m.value && (!v.AllLiteral() || !RE2::PartialMatch(joined, *m.value))) continue;
    TextMatch t = SpanMatch(e.span);
    t.value_exprs = ValueExprs(v, pob, 0, joined.size());
    t.facts.entry = i;
    // A literal token after the header scheme, or a literal parameter value, is a secret.
    size_t value_begin = 0;
    if (header) {
      size_t sp = joined.find(' ');
      value_begin = sp == std::string::npos ? joined.size() : sp + 1;
    }
    ir::Span sec;
    if (value_begin < joined.size() && joined.find(ir::kHoleMark, value_begin) == std::string::npos &&
        JoinedToSource(v, pob, value_begin, joined.size(), ctx.source, &sec)) {
      t.has_secret = true;
      t.secret_begin = sec.begin;
      t.secret_end = sec.end;
    }
    AddSinks(ctx, ir::SeedsOfEntry(ctx.facts, e), e.span, &t);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<TextMatch> StringValues(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  for (ir::ExprId root : StringRoots(ctx.facts)) {
    ir::StringValue v = ir::Flatten(ctx.facts, root, ctx.source);
    std::vector<uint32_t> pob;
    std::string joined = v.Joined(&pob);
    re2::StringPiece in(joined);
    re2::StringPiece g;
    if (!rule.ir.value->Match(in, 0, joined.size(), RE2::UNANCHORED, &g, 1)) continue;
    auto b = static_cast<size_t>(g.data() - joined.data());
    TextMatch t = SpanMatch(SpanFor(v, pob, b, b + g.size(), ctx.source));
    t.facts.string = StringAt(v, pob, b);
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<TextMatch> Calls(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  for (uint32_t i = 0; i < ctx.facts.calls.size(); ++i) {
    const ir::Call& c = ctx.facts.calls[i];
    if (!RE2::PartialMatch(c.callee, *rule.ir.callee)) continue;
    if (rule.ir.callee_not && RE2::PartialMatch(c.callee, *rule.ir.callee_not)) continue;
    if (rule.ir.unless_last_arg && c.args.size() >= 2 && c.args.back().name.empty()) {
      const ir::Expr& last = ctx.facts.exprs[c.args.back().value];
      if (last.kind == ir::ExprKind::kString && RE2::FullMatch(last.text, *rule.ir.unless_last_arg)) continue;
    }
    if (!rule.ir.arg_missing.empty() &&
        std::any_of(c.args.begin(), c.args.end(), [&](const ir::Arg& a) { return a.name == rule.ir.arg_missing; })) {
      continue;
    }
    out.push_back(SpanMatch(c.span));
    out.back().facts.call = i;
  }
  return out;
}

// A binding reported over its statement, its string literal being the secret.
TextMatch BindingMatch(const ir::Facts& f, uint32_t binding, const ir::Expr& literal) {
  const ir::Binding& b = f.bindings[binding];
  TextMatch t = SpanMatch(b.span);
  t.facts.binding = binding;
  t.has_secret = true;
  t.secret_begin = literal.literal_span.begin;
  t.secret_end = literal.literal_span.end;
  return t;
}

std::vector<TextMatch> BindingsToSinks(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  if (ctx.sink_matches == nullptr) return out;
  std::set<uint32_t> flowed;
  for (const auto& [id, matches] : *ctx.sink_matches) {
    if (std::find(rule.ir.sinks.begin(), rule.ir.sinks.end(), id) == rule.ir.sinks.end()) continue;
    for (const auto& m : matches) flowed.insert(m.value_exprs.begin(), m.value_exprs.end());
  }
  for (uint32_t i = 0; i < ctx.facts.bindings.size(); ++i) {
    const ir::Binding& b = ctx.facts.bindings[i];
    if (b.value == ir::kNoExpr || b.op != "=") continue;
    const ir::Expr& e = ctx.facts.exprs[b.value];
    if (e.kind != ir::ExprKind::kString || flowed.count(b.value) == 0) continue;
    if (!RE2::PartialMatch(e.text, *rule.ir.value)) continue;
    out.push_back(BindingMatch(ctx.facts, i, e));
  }
  return out;
}

// `binding`: a name (a data file's dotted key path, or a variable) bound with "=" to a string
// literal; both matched by regex. The literal is the secret.
std::vector<TextMatch> Bindings(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  for (uint32_t i = 0; i < ctx.facts.bindings.size(); ++i) {
    const ir::Binding& b = ctx.facts.bindings[i];
    if (b.value == ir::kNoExpr || b.op != "=" || !RE2::PartialMatch(b.name, *rule.ir.name)) continue;
    const ir::Expr& e = ctx.facts.exprs[b.value];
    if (e.kind != ir::ExprKind::kString || !RE2::PartialMatch(e.text, *rule.ir.value)) continue;
    out.push_back(BindingMatch(ctx.facts, i, e));
  }
  return out;
}

}  // namespace

bool JoinedToSource(const ir::StringValue& value, const std::vector<uint32_t>& part_of_byte, size_t begin,
                    size_t end, std::string_view source, ir::Span* out) {
  if (begin >= end || end > part_of_byte.size()) return false;
  uint32_t part = part_of_byte[begin];
  if (part_of_byte[end - 1] != part) return false;
  const ir::StrPart& p = value.parts[part];
  if (p.hole) return false;
  if (p.span.end < p.span.begin || p.span.end > source.size()) return false;
  // 1:1 only when the literal's source characters are exactly its decoded text (no escapes).
  // Many matches in one long literal ask about the same part: the comparison is remembered for
  // the last part asked about (per thread), so n matches in a literal of n bytes stay linear.
  struct Verdict {
    const char* source = nullptr;
    ir::Span span;
    size_t length = 0;
    bool identical = false;
  };
  thread_local Verdict last;
  if (last.source != source.data() || last.span.begin != p.span.begin || last.span.end != p.span.end ||
      last.length != p.text.size()) {
    last = {source.data(), p.span, p.text.size(), source.substr(p.span.begin, p.span.end - p.span.begin) == p.text};
  }
  if (!last.identical) return false;
  // part_of_byte is non-decreasing: the part's first byte by binary search, not a walk back.
  auto first = std::lower_bound(part_of_byte.begin(), part_of_byte.begin() + static_cast<std::ptrdiff_t>(begin), part);
  size_t part_start = static_cast<size_t>(first - part_of_byte.begin());
  out->begin = static_cast<uint32_t>(p.span.begin + (begin - part_start));
  out->end = static_cast<uint32_t>(p.span.begin + (end - part_start));
  return true;
}

std::vector<TextMatch> MatchIr(const Rule& rule, const IrContext& ctx) {
  std::vector<TextMatch> out;
  switch (rule.kind) {
    case MatchKind::kUrlParam: out = UrlParams(rule, ctx); break;
    case MatchKind::kMapEntry: out = Entries(rule, ctx, false); break;
    case MatchKind::kHeader: out = Entries(rule, ctx, true); break;
    case MatchKind::kStringValue: out = StringValues(rule, ctx); break;
    case MatchKind::kCall: out = Calls(rule, ctx); break;
    case MatchKind::kBindingToSink: out = BindingsToSinks(rule, ctx); break;
    case MatchKind::kBinding: out = Bindings(rule, ctx); break;
    case MatchKind::kZohoKey: out = ZohoKeys(rule, ctx); break;
    case MatchKind::kZohoLiteral: out = ZohoLiterals(rule, ctx); break;
    case MatchKind::kText:
    case MatchKind::kSuppression: break;  // not IR matchers
  }
  DropReportedElsewhere(rule, ctx, &out);
  // Of matches over one span (entries sharing a word or a statement), the one on the first fact in
  // the file's facts stays: the finding names the same fact whoever looks it up.
  std::sort(out.begin(), out.end(), [](const TextMatch& a, const TextMatch& b) {
    return std::tie(a.begin, a.end, a.facts.entry, a.facts.binding, a.facts.call, a.facts.string) <
           std::tie(b.begin, b.end, b.facts.entry, b.facts.binding, b.facts.call, b.facts.string);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const TextMatch& a, const TextMatch& b) { return a.begin == b.begin && a.end == b.end; }),
            out.end());
  return out;
}

}  // namespace authshift::engine
