#include "scanner/frontends/text/sections.h"

#include <string>
#include <utility>
#include <vector>

#include "scanner/core/utf8.h"

namespace authshift::frontends::text {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (IsSpace(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (IsSpace(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// TOML basic-string escapes; an unknown escape is kept as written.
std::string DecodeTomlBasic(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    const char c = s[++i];
    switch (c) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case '"': out.push_back('"'); break;
      case '\\': out.push_back('\\'); break;
      case 'u':
      case 'U': {
        const size_t n = c == 'u' ? 4 : 8;
        uint32_t cp = 0;
        bool ok = i + n < s.size();
        for (size_t k = 1; ok && k <= n; ++k) {
          const int h = core::HexDigitValue(s[i + k]);
          if (h < 0) ok = false;
          cp = cp * 16 + static_cast<uint32_t>(h < 0 ? 0 : h);
        }
        if (!ok) {
          out.push_back('\\');
          out.push_back(c);
          break;
        }
        core::AppendUtf8(cp, &out);
        i += n;
        break;
      }
      default:
        out.push_back('\\');
        out.push_back(c);
    }
  }
  return out;
}

// A dotted TOML name with its quoted parts unquoted: `zoho."books" . api` -> "zoho.books.api".
std::string TomlName(std::string_view s) {
  std::string out;
  std::string part;
  bool first = true;
  auto flush = [&] {
    out += (first ? "" : ".") + part;
    part.clear();
    first = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' || c == '\'') {
      const size_t close = s.find(c, i + 1);
      if (close == std::string_view::npos) {
        part += s.substr(i + 1);
        break;
      }
      part += s.substr(i + 1, close - i - 1);
      i = close;
    } else if (c == '.') {
      flush();
    } else if (!IsSpace(c)) {
      part.push_back(c);
    }
  }
  flush();
  return out;
}

class SectionLowering {
 public:
  SectionLowering(std::string_view source, SectionDialect dialect) : src_(source), toml_(dialect == SectionDialect::kToml) {
    facts_.scope_parent.push_back(0);
  }

  ir::Facts Run(size_t* errors) {
    for (size_t i = 0; i < src_.size();) {
      size_t nl = src_.find('\n', i);
      if (nl == std::string_view::npos) nl = src_.size();
      Line(static_cast<uint32_t>(i), static_cast<uint32_t>(nl));
      i = nl + 1;
    }
    if (errors != nullptr) *errors = 0;  // loose formats: nothing is reported as a syntax error
    return std::move(facts_);
  }

 private:
  void Line(uint32_t begin, uint32_t end) {
    if (!open_delimiter_.empty()) {  // inside a TOML multi-line string
      if (src_.substr(begin, end - begin).find(open_delimiter_) != std::string_view::npos) open_delimiter_ = {};
      return;
    }
    uint32_t b = begin;
    while (b < end && IsSpace(src_[b])) ++b;
    uint32_t e = end;
    while (e > b && (IsSpace(src_[e - 1]) || src_[e - 1] == '\r')) --e;
    if (b == e) return;
    const char first = src_[b];
    if (first == '#' || (!toml_ && first == ';')) {
      facts_.comments.push_back({b, e});
      return;
    }
    const std::string_view line = src_.substr(b, e - b);
    if (first == '[') {
      const bool array = toml_ && line.size() >= 2 && line[1] == '[';
      const size_t open = array ? 2 : 1;
      const size_t close = line.find(array ? "]]" : "]", open);
      if (close == std::string_view::npos) return;
      const std::string_view name = line.substr(open, close - open);
      section_ = toml_ ? TomlName(name) : std::string(Trim(name));
      return;
    }
    size_t sep = toml_ ? FindTomlSeparator(line) : line.find_first_of("=:");
    if (sep == std::string_view::npos || sep == 0) return;  // array items, continuation lines
    const std::string key = toml_ ? TomlName(line.substr(0, sep)) : std::string(Trim(line.substr(0, sep)));
    if (key.empty()) return;
    uint32_t vb = b + static_cast<uint32_t>(sep) + 1;
    while (vb < e && IsSpace(src_[vb])) ++vb;
    const ir::ExprId value = Value(vb, e);
    ir::Binding bind;
    bind.name = section_.empty() ? key : section_ + "." + key;
    bind.value = value;
    bind.span = {b, value == ir::kNoExpr ? e : facts_.at(value).span.end};
    facts_.bindings.push_back(std::move(bind));
  }

  // TOML: the `=` outside quotes.
  static size_t FindTomlSeparator(std::string_view line) {
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"' || line[i] == '\'') {
        const size_t close = line.find(line[i], i + 1);
        if (close == std::string_view::npos) return std::string_view::npos;
        i = close;
      } else if (line[i] == '=') {
        return i;
      }
    }
    return std::string_view::npos;
  }

  // The value starting at `vb` (line content ends at `e`).
  ir::ExprId Value(uint32_t vb, uint32_t e) {
    if (vb >= e) return facts_.Add(ir::ExprKind::kString, {vb, vb}, "", 0);
    const char q = src_[vb];
    if (q == '"' || q == '\'') {
      if (const std::string_view delim = q == '"' ? "\"\"\"" : "'''"; toml_ && src_.substr(vb, 3) == delim) {
        if (src_.substr(vb + 3, e - vb - 3).find(delim) == std::string_view::npos) open_delimiter_ = delim;
        return facts_.Add(ir::ExprKind::kOther, {vb, e}, std::string(src_.substr(vb, e - vb)), 0);
      }
      size_t close = vb + 1;
      while (close < e && src_[close] != q) close += (q == '"' && src_[close] == '\\') ? size_t{2} : size_t{1};
      if (close >= e) return facts_.Add(ir::ExprKind::kOther, {vb, e}, std::string(src_.substr(vb, e - vb)), 0);
      const std::string_view inner = src_.substr(vb + 1, close - vb - 1);
      std::string text = toml_ && q == '"' ? DecodeTomlBasic(inner) : std::string(inner);
      const ir::ExprId id = facts_.Add(ir::ExprKind::kString, {vb, static_cast<uint32_t>(close + 1)}, std::move(text), 0);
      facts_.exprs[id].literal_span = {vb + 1, static_cast<uint32_t>(close)};
      return id;
    }
    if (toml_) return facts_.Add(ir::ExprKind::kOther, {vb, e}, std::string(src_.substr(vb, e - vb)), 0);
    // INI: the rest of the line, up to an inline comment (` ;` / ` #`).
    uint32_t ve = vb;
    while (ve < e && !((src_[ve] == ';' || src_[ve] == '#') && IsSpace(src_[ve - 1]))) ++ve;
    while (ve > vb && IsSpace(src_[ve - 1])) --ve;
    const ir::ExprId id = facts_.Add(ir::ExprKind::kString, {vb, ve}, std::string(src_.substr(vb, ve - vb)), 0);
    facts_.exprs[id].literal_span = {vb, ve};
    return id;
  }

  std::string_view src_;
  bool toml_;
  std::string_view open_delimiter_;  // TOML: the delimiter of the multi-line string being skipped
  ir::Facts facts_;
  std::string section_;
};

}  // namespace

ir::Facts LowerSections(std::string_view source, SectionDialect dialect, size_t* parse_errors) {
  return SectionLowering(source, dialect).Run(parse_errors);
}

}  // namespace authshift::frontends::text
