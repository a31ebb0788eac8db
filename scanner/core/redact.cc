#include "scanner/core/redact.h"

#include <re2/re2.h>

#include <algorithm>

namespace authshift::core {
namespace {

bool IsAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The characters a secret value is made of (the value group of kValue below).
bool IsValueChar(char c) {
  return IsAlnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '%' || c == '-';
}

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Calls `on(begin, end)` for every match of group `group` of `re` in `text`, scanning forward
// from the end of each match (linear: RE2 never backtracks).
template <typename On>
void ForEachGroup(const RE2& re, std::string_view text, int group, On on) {
  re2::StringPiece input(text.data(), text.size());
  std::vector<re2::StringPiece> g(static_cast<size_t>(group) + 1);
  size_t cursor = 0;
  while (cursor <= text.size() && re.Match(input, cursor, text.size(), RE2::UNANCHORED, g.data(), group + 1)) {
    const re2::StringPiece& v = g[static_cast<size_t>(group)];
    size_t b = static_cast<size_t>(v.data() - text.data());
    size_t e = b + v.size();
    on(b, e, g);
    cursor = std::max(e, static_cast<size_t>(g[0].data() - text.data()) + 1);
  }
}

// A value assigned to a secret-named key (group 2), or following the Zoho-authtoken scheme.
const RE2& ValuePattern() {
  static const RE2 kValue(
      "(?i)([a-z0-9_.-]*(?:authtoken|auth_token|password|passwd|secret|token|api[_-]?key)[a-z0-9_.-]*"
      "[\"']?\\s*(?:=>|[=:])\\s*[\"']?|zoho-auth"  // split: the project scans itself (dogfood test)
      "token\\s+)"
      "([A-Za-z0-9._~+/%-]{5,})");
  return kValue;
}

// A Zoho OAuth token: 1000.<id> or 1000.<id>.<id> (group 1).
const RE2& OAuthPattern() {
  static const RE2 kOAuth("(?:^|[^0-9A-Za-z.])(1000\\.[0-9A-Za-z]{8,}(?:\\.[0-9A-Za-z]{8,})?)");
  return kOAuth;
}

// 32 letters and digits standing alone (group 1): an Authtoken's shape.
const RE2& TokenPattern() {
  static const RE2 kToken("(?:^|[^0-9A-Za-z])([0-9A-Za-z]{32})(?:[^0-9A-Za-z]|$)");
  return kToken;
}

std::vector<MaskSpan> Merge(std::vector<MaskSpan> spans) {
  std::sort(spans.begin(), spans.end(), [](const MaskSpan& a, const MaskSpan& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  std::vector<MaskSpan> out;
  for (const MaskSpan& s : spans) {
    if (s.end <= s.begin) continue;
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

// The redacted text of line[b, e) given its spans (sorted, disjoint, none cut by b or e), and
// where line offsets `mark_begin`/`mark_end` land in it.
Snippet Render(std::string_view line, size_t b, size_t e, const std::vector<MaskSpan>& spans, size_t mark_begin,
               size_t mark_end) {
  Snippet s;
  bool have_begin = false;
  bool have_end = false;
  size_t pos = b;
  auto plain = [&](size_t upto) {
    if (!have_begin && mark_begin >= pos && mark_begin <= upto) {
      s.begin = s.text.size() + (mark_begin - pos);
      have_begin = true;
    }
    if (!have_end && mark_end >= pos && mark_end <= upto) {
      s.end = s.text.size() + (mark_end - pos);
      have_end = true;
    }
    s.text.append(line.substr(pos, upto - pos));
    pos = upto;
  };
  for (const MaskSpan& sp : spans) {
    if (sp.end <= b || sp.begin >= e) continue;
    plain(sp.begin);
    if (!have_begin && mark_begin < sp.end) {
      s.begin = s.text.size();
      have_begin = true;
    }
    s.text += RedactSecret(line.substr(sp.begin, sp.end - sp.begin));
    if (!have_end && mark_end <= sp.end) {
      s.end = s.text.size();
      have_end = true;
    }
    pos = sp.end;
  }
  plain(e);
  if (!have_begin) s.begin = s.text.size();
  if (!have_end) s.end = s.text.size();
  s.end = std::max(s.end, s.begin);
  return s;
}

// line[b, e) redacted, shown with "…" where it was cut. Secrets are looked for in a wider
// context (so a key just before `b` still masks its value), which is extended to whole values
// (bounded); a value cut by the context's own limit is masked whole.
Snippet Window(std::string_view line, size_t b, size_t e, size_t mark_begin, size_t mark_end,
               const std::vector<std::string>& secrets) {
  constexpr size_t kContext = 512;
  constexpr size_t kValueReach = 4096;
  size_t cb = b > kContext ? b - kContext : 0;
  size_t ce = std::min(line.size(), e + kContext);
  for (size_t n = 0; cb > 0 && n < kValueReach && IsValueChar(line[cb - 1]); ++n) --cb;
  for (size_t n = 0; ce < line.size() && n < kValueReach && IsValueChar(line[ce]); ++n) ++ce;
  std::vector<MaskSpan> spans = SecretSpans(line.substr(cb, ce - cb), secrets);
  for (MaskSpan& s : spans) {
    s.begin += cb;
    s.end += cb;
  }
  if (cb > 0 && IsValueChar(line[cb - 1]) && IsValueChar(line[cb])) {
    size_t r = cb;
    while (r < ce && IsValueChar(line[r])) ++r;
    spans.push_back({cb, r});
  }
  if (ce < line.size() && IsValueChar(line[ce]) && ce > cb && IsValueChar(line[ce - 1])) {
    size_t l = ce;
    while (l > cb && IsValueChar(line[l - 1])) --l;
    spans.push_back({l, ce});
  }
  spans = Merge(std::move(spans));
  // No span is cut by the window: it grows to whole spans (each shown in constant size).
  for (const MaskSpan& s : spans) {
    if (s.begin < b && s.end > b) b = s.begin;
    if (s.begin < e && s.end > e) e = s.end;
  }
  while (b > 0 && b < line.size() && IsContinuation(line[b])) --b;
  while (e < line.size() && IsContinuation(line[e])) ++e;
  Snippet s = Render(line, b, e, spans, mark_begin, mark_end);
  if (b > 0) {
    s.text.insert(0, "…");
    s.begin += 3;
    s.end += 3;
  }
  if (e < line.size()) s.text += "…";
  return s;
}

}  // namespace

std::string RedactSecret(std::string_view secret) {
  constexpr size_t kShown = 4;
  if (secret.size() <= kShown) return "****";
  return std::string(secret.substr(0, kShown)) + "********";
}

std::vector<MaskSpan> SecretSpans(std::string_view text, const std::vector<std::string>& secrets) {
  std::vector<MaskSpan> spans;
  for (const std::string& s : secrets) {
    if (s.size() <= 4) continue;  // too short to search for safely; the patterns below still apply
    for (size_t pos = text.find(s); pos != std::string_view::npos; pos = text.find(s, pos + s.size())) {
      spans.push_back({pos, pos + s.size()});
    }
  }
  ForEachGroup(ValuePattern(), text, 2, [&](size_t b, size_t e, const std::vector<re2::StringPiece>& g) {
    std::string_view value = text.substr(b, e - b);
    std::string_view prefix(g[1].data(), g[1].size());
    char last = prefix.empty() ? ' ' : prefix.back();
    // A literal (quoted, or right after `=`) or a value holding a digit; not an identifier such
    // as `token: this.token`.
    bool literal = last == '"' || last == '\'' || last == '=';
    if (literal || value.find_first_of("0123456789") != std::string_view::npos) spans.push_back({b, e});
  });
  ForEachGroup(OAuthPattern(), text, 1, [&](size_t b, size_t e, const auto&) { spans.push_back({b, e}); });
  ForEachGroup(TokenPattern(), text, 1, [&](size_t b, size_t e, const auto&) {
    if (text.substr(b, e - b).find_first_of("0123456789") != std::string_view::npos) spans.push_back({b, e});
  });
  return Merge(std::move(spans));
}

std::string RedactText(std::string_view text, const std::vector<std::string>& secrets) {
  return Render(text, 0, text.size(), SecretSpans(text, secrets), 0, 0).text;
}

std::string RedactAll(std::string_view text) { return RedactText(text, {}); }

std::string RedactPreview(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return RedactAll(text);
  return Window(text, 0, max_bytes, 0, 0, {}).text;
}

Snippet MaskedSnippet(std::string_view line, size_t match_begin, size_t match_end,
                      const std::vector<std::string>& secrets) {
  match_begin = std::min(match_begin, line.size());
  match_end = std::clamp(match_end, match_begin, line.size());
  size_t shown_end = std::min(match_end, match_begin + kSnippetMatch);
  size_t b = match_begin > kSnippetContext ? match_begin - kSnippetContext : 0;
  size_t e = std::min(line.size(), shown_end + kSnippetContext);
  return Window(line, b, e, match_begin, shown_end, secrets);
}

}  // namespace authshift::core
