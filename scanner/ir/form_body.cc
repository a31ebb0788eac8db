#include "scanner/ir/form_body.h"

#include <utility>

namespace authshift::ir {

ExprId AddString(Facts* f, std::string text, Span span, Span literal_span, uint32_t scope) {
  Expr e;
  e.kind = ExprKind::kString;
  e.text = std::move(text);
  e.span = span;
  e.literal_span = literal_span;
  e.scope = scope;
  return f->Add(std::move(e));
}

ExprId AddConcat(Facts* f, std::vector<ExprId> parts, Span span, uint32_t scope) {
  Expr e;
  e.kind = ExprKind::kConcat;
  e.children = std::move(parts);
  e.span = span;
  e.scope = scope;
  return f->Add(std::move(e));
}

ExprId SubString(std::string_view code, Facts* f, ExprId id, size_t b, size_t e) {
  const Expr s = f->exprs[id];
  const Span lit = s.literal_span;
  const bool exact = lit.end >= lit.begin && lit.end <= code.size() &&
                     code.substr(lit.begin, lit.end - lit.begin) == s.text;
  Span span = lit;
  if (exact) span = {static_cast<uint32_t>(lit.begin + b), static_cast<uint32_t>(lit.begin + e)};
  return AddString(f, s.text.substr(b, e - b), span, span, s.scope);
}

void AddFormEntries(std::string_view code, Facts* f, ExprId body) {
  const ExprId target = Deref(*f, body);
  if (target == kNoExpr) return;
  const StringValue v = Flatten(*f, target, code);
  std::vector<uint32_t> pob;
  const std::string joined = v.Joined(&pob);
  if (joined.find('=') == std::string::npos || joined.find("://") != std::string::npos) return;
  const uint32_t scope = f->exprs[target].scope;
  const Span whole = f->exprs[target].span;
  size_t pos = 0;
  while (pos <= joined.size()) {
    size_t amp = joined.find('&', pos);
    if (amp == std::string::npos) amp = joined.size();
    const size_t eq = joined.find('=', pos);
    if (eq != std::string::npos && eq < amp && eq > pos) {
      // The key: literal, within one part.
      bool ok = true;
      for (size_t i = pos; i < eq; ++i) ok = ok && pob[i] == pob[pos] && !v.parts[pob[i]].hole;
      if (ok) {
        const StrPart& kp = v.parts[pob[pos]];
        size_t part_start = pos;
        while (part_start > 0 && pob[part_start - 1] == pob[pos]) --part_start;
        MapEntry m;
        const ExprId key_src = kp.expr;
        if (f->exprs[key_src].kind == ExprKind::kString && f->exprs[key_src].text == kp.text) {
          m.key = SubString(code, f, key_src, pos - part_start, eq - part_start);
        } else {
          m.key = AddString(f, joined.substr(pos, eq - pos), kp.span, kp.span, scope);
        }
        std::vector<ExprId> parts;
        size_t i = eq + 1;
        Span last = f->exprs[m.key].span;
        while (i < amp) {
          const uint32_t p = pob[i];
          size_t j = i;
          while (j < amp && pob[j] == p) ++j;
          const StrPart& sp = v.parts[p];
          if (sp.hole) {
            parts.push_back(sp.expr);
          } else {
            size_t ps = i;
            while (ps > 0 && pob[ps - 1] == p) --ps;
            if (f->exprs[sp.expr].kind == ExprKind::kString && f->exprs[sp.expr].text == sp.text) {
              parts.push_back(SubString(code, f, sp.expr, i - ps, j - ps));
            } else {
              parts.push_back(AddString(f, joined.substr(i, j - i), sp.span, sp.span, scope));
            }
          }
          last = f->exprs[parts.back()].span;
          i = j;
        }
        if (parts.empty()) parts.push_back(AddString(f, "", last, last, scope));
        m.value = parts.size() == 1 ? parts[0] : AddConcat(f, parts, whole, scope);
        m.container = target;
        m.origin = EntryOrigin::kLiteral;
        const Span ks = f->exprs[m.key].span;
        m.span = (last.end >= ks.begin && ks.begin >= whole.begin && last.end <= whole.end) ? Span{ks.begin, last.end}
                                                                                             : ks;
        m.scope = scope;
        f->entries.push_back(m);
      }
    }
    if (amp == joined.size()) break;
    pos = amp + 1;
  }
}

namespace {
bool IsCurlSetopt(std::string_view method) { return method == "curl_setopt" || method == "curl_easy_setopt"; }

}  // namespace

std::vector<ExprId> CurlHandleUrls(const Facts& f, const Call& call) {
  std::vector<ExprId> out;
  if ((!IsCurlSetopt(call.method) && call.method != "curl_setopt_array") || call.args.empty() ||
      call.args[0].value == kNoExpr || f.exprs[call.args[0].value].kind != ExprKind::kName) {
    return out;
  }
  const std::string& handle = f.exprs[call.args[0].value].text;
  for (const Call& c : f.calls) {
    if (IsCurlSetopt(c.method) && c.args.size() >= 3 && c.args[0].value != kNoExpr &&
        c.args[1].value != kNoExpr && f.exprs[c.args[0].value].text == handle &&
        f.exprs[c.args[1].value].text == "CURLOPT_URL") {
      out.push_back(c.args[2].value);
    }
  }
  for (const Binding& b : f.bindings) {
    if (b.name != handle || b.value == kNoExpr || f.exprs[b.value].kind != ExprKind::kCall) continue;
    const Call& init = f.calls[f.exprs[b.value].call];
    if (init.method == "curl_init" && !init.args.empty()) out.push_back(init.args[0].value);
  }
  return out;
}

void AddCurlFormBodies(std::string_view code, Facts* f) {
  const size_t call_count = f->calls.size();
  for (size_t ci = 0; ci < call_count; ++ci) {
    const Call call = f->calls[ci];  // a copy: facts grow below
    if (IsCurlSetopt(call.method)) {
      if (call.args.size() < 3 || call.args[1].value == kNoExpr || call.args[2].value == kNoExpr) continue;
      const std::string& option = f->exprs[call.args[1].value].text;
      if (option == "CURLOPT_POSTFIELDS" || option == "CURLOPT_COPYPOSTFIELDS") AddFormEntries(code, f, call.args[2].value);
    } else if (call.method == "curl_setopt_array") {
      for (const Arg& a : call.args) {
        if (a.name == "CURLOPT_POSTFIELDS" && a.value != kNoExpr) AddFormEntries(code, f, a.value);
      }
    }
  }
}

}  // namespace authshift::ir
