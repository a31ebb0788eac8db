// Bash commands (see lang/bash.cc): a command is a call of its name; curl, wget and HTTPie options
// become named arguments (headers, data, form, params, url).
#include "scanner/frontends/treesitter/lowering.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace authshift::frontends::treesitter {

// The literal text of a word (a string, or a join of strings), or false.
bool Lowering::StaticText(ir::ExprId id, std::string* out) const {
  if (id == ir::kNoExpr) return false;
  const ir::Expr& x = facts_.exprs[id];
  if (x.kind == ir::ExprKind::kString) {
    *out = x.text;
    return true;
  }
  if (x.kind != ir::ExprKind::kConcat) return false;
  out->clear();
  for (ir::ExprId c : x.children) {
    if (facts_.exprs[c].kind != ir::ExprKind::kString) return false;
    *out += facts_.exprs[c].text;
  }
  return true;
}

// The parts of a word: a join's children, or the word itself.
std::vector<ir::ExprId> Lowering::WordParts(ir::ExprId id) const {
  if (id == ir::kNoExpr) return {};
  const ir::Expr& x = facts_.exprs[id];
  if (x.kind == ir::ExprKind::kConcat) return x.children;
  return {id};
}

// A new string over [b, e) of the literal `lit` (1:1 sub-spans when written as decoded).
ir::ExprId Lowering::SubString(ir::ExprId lit, size_t b, size_t e) {
  const ir::Expr x = facts_.exprs[lit];
  const ir::Span ls = x.literal_span;
  const bool exact = ls.end >= ls.begin && ls.end <= source_.size() &&
                     source_.substr(ls.begin, ls.end - ls.begin) == x.text;
  const ir::Span s = exact ? ir::Span{static_cast<uint32_t>(ls.begin + b), static_cast<uint32_t>(ls.begin + e)} : ls;
  return AddString(x.text.substr(b, e - b), s, s);
}

// One expression for a run of parts: the part itself, a join, or "" at `at`.
ir::ExprId Lowering::JoinParts(std::vector<ir::ExprId> parts, ir::Span at) {
  if (parts.size() == 1) return parts[0];
  if (parts.empty()) return AddString(std::string(), {at.end, at.end}, {at.end, at.end});
  ir::Span s = facts_.exprs[parts.front()].span;
  s.end = std::max(s.end, facts_.exprs[parts.back()].span.end);
  ir::ExprId e = Add(ir::ExprKind::kConcat, s);
  facts_.exprs[e].children = std::move(parts);
  return e;
}

// Splits a word `k=v&k2=v2` (pairs split on `pair_sep` when non-zero, key and value on the
// first `kv_sep`) at literal characters only, and adds each pair as an entry of `map`.
// `skip` literal bytes at the start of the word are dropped (an option's attached name).
void Lowering::AddPairs(ir::ExprId word, ir::Span word_span, char pair_sep, std::string_view kv_sep, ir::ExprId map,
              size_t skip) {
  std::vector<ir::ExprId> key;
  std::vector<ir::ExprId> value;
  bool in_value = false;
  auto finish = [&]() {
    std::string k;
    bool literal_key = !key.empty();
    for (ir::ExprId p : key) {
      if (facts_.exprs[p].kind != ir::ExprKind::kString) literal_key = false;
      if (literal_key) k += facts_.exprs[p].text;
    }
    if (literal_key && in_value && !k.empty()) {
      ir::MapEntry e;
      e.key = JoinParts(key, word_span);
      e.value = JoinParts(value, facts_.exprs[e.key].span);
      e.container = map;
      e.origin = ir::EntryOrigin::kLiteral;
      e.span = word_span;
      e.scope = scope_;
      facts_.entries.push_back(e);
    }
    key.clear();
    value.clear();
    in_value = false;
  };
  for (ir::ExprId p : WordParts(word)) {
    const ir::Expr& x = facts_.exprs[p];
    if (x.kind != ir::ExprKind::kString) {
      (in_value ? value : key).push_back(p);
      continue;
    }
    const std::string text = x.text;
    size_t run = std::min(skip, text.size());
    skip -= run;
    for (size_t i = run; i <= text.size(); ++i) {
      const bool end = i == text.size();
      const bool at_pair = !end && pair_sep != 0 && text[i] == pair_sep;
      const bool at_kv = !end && !in_value && text.compare(i, kv_sep.size(), kv_sep) == 0;
      if (!end && !at_pair && !at_kv) continue;
      if (i > run) (in_value ? value : key).push_back(SubString(p, run, i));
      if (at_pair) finish();
      if (at_kv) {
        in_value = true;
        i += kv_sep.size() - 1;
      }
      run = i + 1;
    }
  }
  finish();
}

ir::ExprId Lowering::NewMap(ir::Span span, std::string_view arg, ir::Call* call) {
  ir::ExprId m = Add(ir::ExprKind::kMap, span);
  call->args.push_back({std::string(arg), m, span});
  return m;
}

// A header line word (`Name: value`) as an entry of the call's "headers" map.
void Lowering::AddHeader(ir::ExprId word, ir::Span span, ir::Call* call, ir::ExprId* headers) {
  ir::MapEntry e;
  if (!HeaderLine(word, &e)) return;
  if (*headers == ir::kNoExpr) *headers = NewMap(span, "headers", call);
  e.container = *headers;
  e.origin = ir::EntryOrigin::kLiteral;
  e.span = span;
  e.scope = scope_;
  facts_.entries.push_back(e);
}

// @command (Bash): a command is a call of its name with every word as a positional argument;
// curl, wget and HTTPie options also become named arguments (see lang/bash.cc).
ir::ExprId Lowering::Command(const RoleMatch& m) {
  TSNode name_node = m.Part("name");
  ir::Call call;
  call.span = SpanOf(m.node);
  std::string callee(TextOf(name_node, source_));
  if (const size_t slash = callee.rfind('/'); slash != std::string::npos) callee.erase(0, slash + 1);
  call.callee = call.method = callee;
  std::vector<std::pair<ir::ExprId, ir::Span>> words;
  for (TSNode c : NamedChildren(m.node)) {
    if (ts_node_eq(c, name_node) || ts_node_is_extra(c)) continue;
    const std::string_view type = ts_node_type(c);
    if (type == "variable_assignment" || type.find("redirect") != std::string_view::npos) {
      Lower(c, false);
      continue;
    }
    const ir::ExprId w = Expr(c);
    words.emplace_back(w, SpanOf(c));
    call.args.push_back({std::string(), w, SpanOf(c)});
  }
  const bool curl = callee == "curl";
  const bool wget = callee == "wget";
  const bool httpie = callee == "http" || callee == "https" || callee == "xh" || callee == "xhs";
  if (curl || wget || httpie) CommandOptions(words, curl, wget, &call);
  ir::ExprId e = Add(ir::ExprKind::kCall, call.span, call.callee);
  call.self = e;
  facts_.calls.push_back(std::move(call));
  facts_.exprs[e].call = static_cast<uint32_t>(facts_.calls.size() - 1);
  return e;
}

// What an option's value is (the next word, or attached: `-Hx`, `--header=x`).
enum class Lowering::CommandOption : uint8_t { kNone, kHeader, kData, kUrlencode, kForm, kUrl, kSkip };

namespace {

using Next = Lowering::CommandOption;
using OptionTable = std::vector<std::pair<std::string_view, Next>>;

// The options of curl, wget and HTTPie that take a value.
const OptionTable& OptionsOf(bool curl, bool wget) {
  static const OptionTable kCurl = {
      {"-H", Next::kHeader}, {"--header", Next::kHeader}, {"-d", Next::kData}, {"--data", Next::kData},
      {"--data-raw", Next::kData}, {"--data-binary", Next::kData}, {"--data-ascii", Next::kData},
      {"--data-urlencode", Next::kUrlencode}, {"-F", Next::kForm}, {"--form", Next::kForm},
      {"--form-string", Next::kForm}, {"--url", Next::kUrl}, {"-X", Next::kSkip}, {"--request", Next::kSkip},
      {"-u", Next::kSkip}, {"--user", Next::kSkip}, {"-o", Next::kSkip}, {"--output", Next::kSkip},
      {"-A", Next::kSkip}, {"--user-agent", Next::kSkip}, {"-e", Next::kSkip}, {"--referer", Next::kSkip},
      {"-b", Next::kSkip}, {"--cookie", Next::kSkip}, {"-c", Next::kSkip}, {"--cookie-jar", Next::kSkip},
      {"-m", Next::kSkip}, {"--max-time", Next::kSkip}, {"--connect-timeout", Next::kSkip},
      {"--retry", Next::kSkip}, {"-w", Next::kSkip}, {"--write-out", Next::kSkip}, {"-T", Next::kSkip},
      {"--upload-file", Next::kSkip}, {"-x", Next::kSkip}, {"--proxy", Next::kSkip}, {"-K", Next::kSkip},
      {"--config", Next::kSkip}, {"--cacert", Next::kSkip}, {"-E", Next::kSkip}, {"--cert", Next::kSkip},
      {"--key", Next::kSkip}, {"--resolve", Next::kSkip}, {"-r", Next::kSkip}, {"--range", Next::kSkip},
      {"--oauth2-bearer", Next::kSkip}, {"--json", Next::kSkip}};
  static const OptionTable kWget = {
      {"--header", Next::kHeader}, {"--post-data", Next::kData}, {"--body-data", Next::kData},
      {"-O", Next::kSkip}, {"--output-document", Next::kSkip}, {"-o", Next::kSkip}, {"-U", Next::kSkip},
      {"--user-agent", Next::kSkip}, {"-e", Next::kSkip}, {"-t", Next::kSkip}, {"-T", Next::kSkip},
      {"-P", Next::kSkip}, {"--method", Next::kSkip}, {"--user", Next::kSkip}, {"--password", Next::kSkip}};
  static const OptionTable kHttpie = {
      {"-a", Next::kSkip}, {"--auth", Next::kSkip}, {"-A", Next::kSkip}, {"--auth-type", Next::kSkip},
      {"-o", Next::kSkip}, {"--output", Next::kSkip}, {"-p", Next::kSkip}, {"--print", Next::kSkip},
      {"--session", Next::kSkip}, {"--verify", Next::kSkip}, {"--timeout", Next::kSkip}};
  return curl ? kCurl : wget ? kWget : kHttpie;
}

}  // namespace

// The named arguments a command's options build, created on first use.
struct Lowering::CommandArgs {
  ir::Call* call = nullptr;
  ir::ExprId headers = ir::kNoExpr;
  ir::ExprId data = ir::kNoExpr;
  ir::ExprId form = ir::kNoExpr;
  ir::ExprId params = ir::kNoExpr;
  ir::ExprId url = ir::kNoExpr;
};

// Applies option `what` to its value `word`; `skip` > 0: the value is attached to the option and
// starts `skip` bytes into the word.
void Lowering::ApplyOption(CommandOption what, ir::ExprId word, ir::Span span, size_t skip, CommandArgs* a) {
  switch (what) {
    case Next::kHeader: {
      ir::ExprId w = word;
      if (skip > 0) {
        // An attached value: the word without its option.
        std::vector<ir::ExprId> parts = WordParts(word);
        if (parts.empty() || facts_.exprs[parts[0]].kind != ir::ExprKind::kString) return;
        const std::string& t = facts_.exprs[parts[0]].text;
        if (skip > t.size()) return;
        if (skip == t.size()) {
          parts.erase(parts.begin());
        } else {
          parts[0] = SubString(parts[0], skip, t.size());
        }
        if (parts.empty()) return;
        w = JoinParts(std::move(parts), span);
      }
      AddHeader(w, span, a->call, &a->headers);
      return;
    }
    case Next::kData:
      if (a->data == ir::kNoExpr) a->data = NewMap(span, "data", a->call);
      AddPairs(word, span, '&', "=", a->data, skip);
      return;
    case Next::kUrlencode:
      if (a->data == ir::kNoExpr) a->data = NewMap(span, "data", a->call);
      AddPairs(word, span, 0, "=", a->data, skip);
      return;
    case Next::kForm:
      if (a->form == ir::kNoExpr) a->form = NewMap(span, "form", a->call);
      AddPairs(word, span, 0, "=", a->form, skip);
      return;
    case Next::kUrl:
      if (a->url == ir::kNoExpr && skip == 0) a->url = word;
      return;
    case Next::kNone:
    case Next::kSkip:
      return;
  }
}

// An option word (`first`: its literal start; `known`: the word is all literal): applies an
// attached value, or returns the option whose value is the next word (kNone when none).
Lowering::CommandOption Lowering::OptionWord(const std::string& first, bool known, bool curl, bool wget, ir::ExprId word,
                                             ir::Span span, CommandArgs* a) {
  const OptionTable& table = OptionsOf(curl, wget);
  const size_t eq = first.rfind("--", 0) == 0 ? first.find('=') : std::string::npos;
  const std::string opt = eq == std::string::npos ? first : first.substr(0, eq);
  for (const auto& [name, what] : table) {
    if (first == name && known) return what;
    if (eq != std::string::npos && opt == name) {
      ApplyOption(what, word, span, eq + 1, a);  // --header=value
      return Next::kNone;
    }
    if (name.size() == 2 && name[1] != '-' && first.size() > 2 && first[1] != '-' && first.compare(0, 2, name) == 0) {
      ApplyOption(what, word, span, 2, a);  // -Hvalue
      return Next::kNone;
    }
  }
  Next pending = Next::kNone;
  if (curl && first.size() > 2 && first[1] != '-') {
    // A cluster of flags ending in one that takes a value: `-sH` then the value.
    const char last = first.back();
    for (const auto& [name, what] : table) {
      if (name.size() == 2 && name[1] == last && known) pending = what;
    }
  }
  return pending;
}

// HTTPie request items after the URL: `H:v` (header), `k==v` (params), `k=v` / `k:=v` (data).
void Lowering::HttpieItem(const std::string& first, ir::ExprId word, ir::Span span, CommandArgs* a) {
  const size_t sep = first.find_first_of(":=");
  if (sep == std::string::npos || sep == 0) return;
  if (first.compare(sep, 2, "==") == 0) {
    if (a->params == ir::kNoExpr) a->params = NewMap(span, "params", a->call);
    AddPairs(word, span, 0, "==", a->params);
  } else if (first[sep] == '=' || first.compare(sep, 2, ":=") == 0) {
    if (a->data == ir::kNoExpr) a->data = NewMap(span, "data", a->call);
    AddPairs(word, span, 0, first[sep] == '=' ? "=" : ":=", a->data);
  } else {
    AddHeader(word, span, a->call, &a->headers);
  }
}

void Lowering::CommandOptions(const std::vector<std::pair<ir::ExprId, ir::Span>>& words, bool curl, bool wget,
                              ir::Call* call) {
  const bool httpie = !curl && !wget;
  CommandArgs a;
  a.call = call;
  bool get = false;
  bool options_done = false;
  Next pending = Next::kNone;
  bool method_seen = false;
  for (const auto& [word, span] : words) {
    if (pending != Next::kNone) {
      ApplyOption(pending, word, span, 0, &a);
      pending = Next::kNone;
      continue;
    }
    std::string text;
    const bool known = StaticText(word, &text);
    std::string first;  // the literal start of the word
    if (!WordParts(word).empty() && facts_.exprs[WordParts(word)[0]].kind == ir::ExprKind::kString) {
      first = facts_.exprs[WordParts(word)[0]].text;
    }
    if (!options_done && first == "--" && known) {
      options_done = true;
      continue;
    }
    if (!options_done && first.size() > 1 && first[0] == '-') {
      if (curl && known && (text == "--get" || (text[1] != '-' && text.find('G') != std::string::npos))) {
        get = true;  // -G, also in a cluster (-sG)
        if (text.size() == 2 || text == "--get") continue;
      }
      pending = OptionWord(first, known, curl, wget, word, span, &a);
      continue;
    }
    if (!httpie) {
      if (a.url == ir::kNoExpr) a.url = word;
      continue;
    }
    // HTTPie: [METHOD] URL then request items `H:v`, `k==v`, `k=v`, `k:=v`.
    if (a.url == ir::kNoExpr) {
      if (!method_seen && known && !text.empty() &&
          std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; })) {
        method_seen = true;
        continue;
      }
      a.url = word;
      continue;
    }
    HttpieItem(first, word, span, &a);
  }
  if (a.url != ir::kNoExpr) call->args.push_back({"url", a.url, facts_.exprs[a.url].span});
  if (get && a.data != ir::kNoExpr) call->args.push_back({"params", a.data, facts_.exprs[a.data].span});
}

}  // namespace authshift::frontends::treesitter
