// An OAuth-or-Authtoken fallback (`if oauth … else <Authorization: Zoho-authtoken key>`): the
// Authtoken arm is removed, the OAuth arm kept. Relabelling the arm would send the legacy key as an
// OAuth token. The chain is read from the source text: brace languages on a copy whose comments
// and string contents are blanked, Python and Ruby by indentation. A chain that does not read
// cleanly keeps the old answer (withheld, removed by hand).
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rewriters/oauth/common/fixer.h"
#include "rewriters/oauth/common/values.h"
#include "scanner/core/strings.h"

namespace authshift::rewriters::oauth {

namespace {

constexpr size_t kNone = std::string::npos;

// The source with comments and the characters inside string literals blanked (same length, line
// breaks kept), so braces, parentheses and keywords can be counted.
std::string MaskCode(std::string_view src, std::string_view lang) {
  std::string out(src);
  const size_t n = src.size();
  const bool hash_comments = lang == "php";
  const bool backtick = lang == "javascript" || lang == "typescript" || lang == "tsx" || lang == "go";
  auto blank = [&](size_t b, size_t e) {
    for (size_t k = b; k < e && k < n; ++k) {
      if (out[k] != '\n') out[k] = ' ';
    }
  };
  size_t i = 0;
  while (i < n) {
    const char c = src[i];
    const char d = i + 1 < n ? src[i + 1] : '\0';
    if ((c == '/' && d == '/') || (hash_comments && c == '#')) {
      size_t e = src.find('\n', i);
      e = e == kNone ? n : e;
      blank(i, e);
      i = e;
    } else if (c == '/' && d == '*') {
      size_t e = src.find("*/", i + 2);
      e = e == kNone ? n : e + 2;
      blank(i, e);
      i = e;
    } else if (c == '"' || c == '\'' || (backtick && c == '`')) {
      const bool raw = c == '`' && lang == "go";
      size_t k = i + 1;
      while (k < n && src[k] != c) k += (src[k] == '\\' && !raw) ? size_t{2} : size_t{1};
      blank(i + 1, std::min(k, n));
      i = k + 1;
    } else {
      ++i;
    }
  }
  return out;
}

// The `{` that opens the innermost block holding `at`, or kNone.
size_t OpenAround(const std::string& m, size_t at) {
  int depth = 0;
  for (size_t k = at; k-- > 0;) {
    if (m[k] == '}') {
      ++depth;
    } else if (m[k] == '{') {
      if (depth == 0) return k;
      --depth;
    }
  }
  return kNone;
}

// The bracket matching the one at `at` (`{`→`}` forwards, `}`/`)`→`{`/`(` backwards), or kNone.
size_t Matching(const std::string& m, size_t at) {
  const char c = m[at];
  const bool forward = c == '{' || c == '(';
  const char open = (c == '{' || c == '}') ? '{' : '(';
  const char close = open == '{' ? '}' : ')';
  int depth = 0;
  for (size_t k = at;;) {
    if (m[k] == open) depth += forward ? 1 : -1;
    if (m[k] == close) depth += forward ? -1 : 1;
    if (depth == 0) return k;
    if (forward) {
      if (++k >= m.size()) return kNone;
    } else {
      if (k == 0) return kNone;
      --k;
    }
  }
}

// What opens a block: its text from the `}`, `;` or `{` before it (parentheses skipped), and that
// character's offset.
struct ArmHead {
  std::string text;  // trimmed: "else", "else if (…)", "if (…)", "elseif (…)"
  size_t stop = kNone;
};

ArmHead HeadOf(const std::string& m, size_t open) {
  ArmHead h;
  size_t k = open;
  while (k > 0) {
    --k;
    if (m[k] == ')') {
      size_t o = Matching(m, k);
      if (o == kNone) return h;
      k = o;
      continue;
    }
    if (m[k] == '}' || m[k] == ';' || m[k] == '{') {
      h.stop = k;
      break;
    }
  }
  size_t b = h.stop == kNone ? 0 : h.stop + 1;
  std::string_view t = std::string_view(m).substr(b, open - b);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front()))) t.remove_prefix(1);
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.remove_suffix(1);
  h.text = std::string(t);
  return h;
}

bool IsElseArm(const std::string& head) { return RE2::FullMatch(head, R"((?s)else(\s+if\b.*)?|elseif\b.*)"); }
bool IsIfArm(const std::string& head) { return RE2::FullMatch(head, R"((?s)if\b.*)"); }

// One line of the source: where it begins and ends (before its break), its indentation, and
// whether it holds code (not blank, not only a comment).
struct Line {
  size_t begin = 0;
  size_t end = 0;
  size_t indent = 0;
  bool code = false;
  std::string_view text;  // from the indentation on
};

std::vector<Line> SplitLines(std::string_view src) {
  std::vector<Line> lines;
  size_t b = 0;
  while (b <= src.size()) {
    size_t e = src.find('\n', b);
    e = e == kNone ? src.size() : e;
    Line l;
    l.begin = b;
    l.end = e > b && src[e - 1] == '\r' ? e - 1 : e;
    size_t i = b;
    while (i < l.end && (src[i] == ' ' || src[i] == '\t')) ++i;
    l.indent = i - b;
    l.text = src.substr(i, l.end - i);
    l.code = !l.text.empty() && l.text[0] != '#';
    lines.push_back(l);
    if (e == src.size()) break;
    b = e + 1;
  }
  return lines;
}

}  // namespace

std::optional<std::string> Fixer::RemoveFallbackBranch(size_t at) {
  // A string with the new scheme before this header, and an `else` between the two.
  static const RE2 kElse(R"(\b(else|elif|elsif|elseif)\b)");
  const ir::Expr* oauth = nullptr;
  for (const auto& e : facts_.exprs) {
    if (e.kind != ir::ExprKind::kString || e.span.end > at) continue;
    if (core::AsciiLowered(e.text).find(core::AsciiLowered(kNewScheme)) == std::string::npos) continue;
    std::string_view between = ctx_->Text({e.span.end, static_cast<uint32_t>(at)});
    if (std::count(between.begin(), between.end(), '\n') > 12) continue;
    if (RE2::PartialMatch(between, kElse)) oauth = &e;
  }
  if (oauth == nullptr) return std::nullopt;
  const std::string manual = "an OAuth branch already sends Zoho-oauthtoken (line " +
                             std::to_string(LineOf(oauth->span.begin)) +
                             "): remove this Authtoken fallback branch by hand instead of relabelling it";
  const std::string_view lang = ctx_->profile().id;
  std::optional<std::pair<size_t, size_t>> cut;  // the bytes that go
  if (lang == "python" || lang == "ruby") {
    cut = IndentedFallbackArm(at, oauth->span.begin);
  } else if (lang != "bash") {
    cut = BracedFallbackArm(at, oauth->span.begin);
  }
  if (!cut) throw Withhold{manual};
  // A name the arm assigns and code after it reads (`headers = {…}` in both arms) would be left
  // unset on that path: removed by hand (the code after the chain needs a default).
  for (const ir::Binding& b : facts_.bindings) {
    if (b.span.begin < cut->first || b.span.end > cut->second) continue;
    for (const auto& e : facts_.exprs) {
      if (e.kind == ir::ExprKind::kName && e.text == b.name && e.span.begin >= cut->second) {
        throw Withhold{"the Authtoken fallback branch assigns '" + b.name + "', which line " +
                       std::to_string(LineOf(e.span.begin)) +
                       " reads: remove the branch by hand and give it a value on that path (the OAuth "
                       "branch at line " + std::to_string(LineOf(oauth->span.begin)) + " already sends Zoho-oauthtoken)"};
      }
    }
  }
  const uint32_t first = LineOf(src_.find_first_not_of(" \t\r\n", cut->first));
  const uint32_t last = LineOf(cut->second - 1);
  ctx_->Delete(cut->first, cut->second);
  return "the Authtoken fallback branch (lines " + std::to_string(first) + "-" + std::to_string(last) +
         ") was removed, the OAuth branch (line " + std::to_string(LineOf(oauth->span.begin)) +
         ") stays: a caller without an OAuth access token now gets no Authorization header instead of "
         "sending the legacy key" +
         DeleteDeadSecrets(*cut) + "; revoke the old Authtoken";
}

std::string Fixer::DeleteDeadSecrets(std::pair<size_t, size_t> cut) {
  // A hard-coded Authtoken (32 hex digits, alone or as a URL's authtoken= value) that the removed
  // arm read: deleted when nothing else reads it and no other file can, else named with the lines
  // that keep it.
  static const RE2 kSecret(R"((?i)([0-9a-f]{32}|.*[?&]authtoken=[0-9a-f]{32}\b.*))");
  const std::string_view lang = ctx_->profile().id;
  std::string note;
  std::set<const ir::Binding*> seen;
  for (ir::ExprId id = 0; id < facts_.exprs.size(); ++id) {
    const ir::Expr& e = facts_.exprs[id];
    if (e.kind != ir::ExprKind::kName || e.span.begin < cut.first || e.span.end > cut.second) continue;
    const ir::Binding* b = ctx_->BindingOf(id);
    if (b == nullptr || !seen.insert(b).second || b->value == ir::kNoExpr) continue;
    const ir::Expr& v = facts_.exprs[b->value];
    if (v.kind != ir::ExprKind::kString || !RE2::FullMatch(v.text, kSecret)) continue;
    if (b->span.begin >= cut.first && b->span.end <= cut.second) continue;
    std::string where;
    for (ir::ExprId r : ctx_->ReadsOf(*b)) {
      const ir::Span rs = facts_.exprs[r].span;
      if (rs.begin < cut.first || rs.end > cut.second)
        where += (where.empty() ? "" : ", ") + std::to_string(LineOf(rs.begin));
    }
    // Any other mention of the name (an export list, a read the facts do not resolve) keeps it.
    const RE2 word("(\\b" + RE2::QuoteMeta(b->name) + "\\b)");
    re2::StringPiece rest(src_.data(), src_.size());
    size_t guard = 0;
    for (re2::StringPiece m; where.empty() && guard < 64 && RE2::PartialMatch(rest, word, &m); ++guard) {
      const size_t at = static_cast<size_t>(m.data() - src_.data());
      if ((at < b->span.begin || at >= b->span.end) && (at < cut.first || at >= cut.second))
        where = std::to_string(LineOf(at));
      rest.remove_prefix(static_cast<size_t>(m.data() + m.size() - rest.data()));
    }
    std::optional<ir::Span> lines = FileLocalConstantLines(*ctx_, *b);
    const bool file_local = lines || b->scope != 0 || lang == "javascript" || lang == "typescript" ||
                            lang == "tsx" || (lang == "ruby" && std::islower(static_cast<unsigned char>(b->name[0])));
    const size_t lb = ctx_->LineBegin(b->span.begin);
    const size_t le = src_.find('\n', b->span.end);
    const std::string_view after = src_.substr(b->span.end, (le == std::string_view::npos ? src_.size() : le) - b->span.end);
    // The declaration alone on its lines (a `const`/`let`/`var` keyword before it at most).
    static const RE2 kDeclStart(R"([ \t]*((const|let|var)[ \t]+)?)");
    const bool alone = RE2::FullMatch(src_.substr(lb, b->span.begin - lb), kDeclStart) &&
                       after.find_first_not_of(" \t\r;") == std::string_view::npos;
    if (where.empty() && file_local && (lines || alone)) {
      if (lines) {
        ctx_->Delete(lines->begin, lines->end);
      } else {
        ctx_->Delete(lb, le == std::string_view::npos ? src_.size() : le + 1);
      }
      note += "; the hard-coded Authtoken '" + b->name + "' it read is deleted";
    } else {
      const std::string why = !where.empty() ? "still read on line " + where
                              : !file_local  ? std::string("other files may read it")
                                             : std::string("its declaration shares its line with other code");
      note += "; the hard-coded Authtoken '" + b->name + "' stays (" + why + "): delete it by hand once nothing needs it";
    }
  }
  return note;
}

std::optional<std::pair<size_t, size_t>> Fixer::BracedFallbackArm(size_t at, size_t oauth) const {
  const std::string m = MaskCode(src_, ctx_->profile().id);
  // The innermost enclosing block that is an `else` arm (an object literal around the header is
  // passed over), at most three blocks out.
  size_t open = at;
  ArmHead head;
  for (int level = 0; level < 3; ++level) {
    open = OpenAround(m, open);
    if (open == kNone) return std::nullopt;
    head = HeadOf(m, open);
    if (IsElseArm(head.text)) break;
    if (IsIfArm(head.text)) return std::nullopt;  // inside a nested `if`, or the first arm itself
  }
  if (!IsElseArm(head.text) || head.stop == kNone || m[head.stop] != '}') return std::nullopt;
  const size_t close = Matching(m, open);
  if (close == kNone) return std::nullopt;
  // The arm must be the chain's last: an arm after it would take its cases.
  size_t next = m.find_first_not_of(" \t\r\n", close + 1);
  if (next != kNone && RE2::PartialMatch(m.substr(next, 8), R"(^else(if)?\b)")) return std::nullopt;
  // The arms before it, back to the `if`: one of them holds the OAuth string.
  bool oauth_in_chain = false;
  for (size_t prev_close = head.stop; prev_close != kNone;) {
    const size_t prev_open = Matching(m, prev_close);
    if (prev_open == kNone) return std::nullopt;
    if (oauth > prev_open && oauth < prev_close) oauth_in_chain = true;
    ArmHead ph = HeadOf(m, prev_open);
    if (IsIfArm(ph.text)) break;
    if (!IsElseArm(ph.text) || ph.text == "else" || ph.stop == kNone || m[ph.stop] != '}') return std::nullopt;
    prev_close = ph.stop;
  }
  if (!oauth_in_chain) return std::nullopt;
  return std::make_pair(head.stop + 1, close + 1);
}

std::optional<std::pair<size_t, size_t>> Fixer::IndentedFallbackArm(size_t at, size_t oauth) const {
  const bool ruby = ctx_->profile().id == "ruby";
  const RE2 arm(ruby ? R"((elsif|else)\b.*)" : R"((elif\b|else\s*:).*)");
  const RE2 first(ruby ? R"((if|elsif)\b.*)" : R"((if|elif)\b.*)");
  const std::vector<Line> lines = SplitLines(src_);
  size_t l = 0;
  while (l + 1 < lines.size() && lines[l + 1].begin <= at) ++l;
  // The arm's head: this line when it begins the arm (`else: h = …`), else the nearest line above
  // indented less, passing over the lines of a statement split across lines.
  size_t h = l;
  if (!RE2::FullMatch(lines[l].text, arm)) {
    size_t cur = lines[l].indent;
    for (h = l; h-- > 0 && l - h < 16;) {
      if (!lines[h].code || lines[h].indent >= cur) continue;
      if (RE2::FullMatch(lines[h].text, arm)) break;
      cur = lines[h].indent;
      if (cur == 0) return std::nullopt;
    }
    if (h >= l || !RE2::FullMatch(lines[h].text, arm)) return std::nullopt;
  }
  const size_t j = lines[h].indent;
  // The arm ends before the next code line indented no deeper than its head: the end of a Ruby
  // chain, or any statement in Python; another arm there would take its cases.
  size_t last = h;
  size_t k = h + 1;
  for (; k < lines.size(); ++k) {
    if (!lines[k].code) continue;
    if (lines[k].indent <= j) break;
    last = k;
  }
  if (k < lines.size() && lines[k].indent == j) {
    if (RE2::FullMatch(lines[k].text, arm)) return std::nullopt;
    if (ruby && !RE2::FullMatch(lines[k].text, R"(end\b.*)")) return std::nullopt;
  } else if (ruby) {
    return std::nullopt;
  }
  // The arms above, back to the `if`: one of them holds the OAuth string.
  size_t top = h;
  for (;;) {
    size_t p = top;
    while (p-- > 0 && (!lines[p].code || lines[p].indent > j)) {
    }
    if (p == kNone || lines[p].indent != j) return std::nullopt;
    if (RE2::FullMatch(lines[p].text, first)) {
      top = p;
      if (lines[p].text.substr(0, 2) == "if") break;
      continue;
    }
    return std::nullopt;
  }
  if (oauth < lines[top].begin || oauth >= lines[h].begin) return std::nullopt;
  const size_t end = std::min(src_.size(), lines[last].end + (src_.substr(lines[last].end, 2) == "\r\n" ? 2 : 1));
  return std::make_pair(lines[h].begin, end);
}

}  // namespace authshift::rewriters::oauth
