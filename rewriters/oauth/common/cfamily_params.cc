// C and C++ function heads and parameters (cfamily_params.h).
#include "rewriters/oauth/common/cfamily_params.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>

namespace authshift::rewriters::oauth {

std::string Masked(std::string_view src) {
  std::string m(src);
  size_t i = 0;
  auto blank = [&](size_t from, size_t to) {
    for (size_t k = from; k < to && k < m.size(); ++k) {
      if (m[k] != '\n' && m[k] != '\r') m[k] = ' ';
    }
  };
  while (i < m.size()) {
    if (m.compare(i, 2, "//") == 0) {
      const size_t e = std::min(m.find('\n', i), m.size());
      blank(i, e);
      i = e;
    } else if (m.compare(i, 2, "/*") == 0) {
      const size_t e = std::min(m.find("*/", i + 2), m.size() - 2) + 2;
      blank(i, e);
      i = e;
    } else if (m[i] == 'R' && m.compare(i + 1, 1, "\"") == 0 && (i == 0 || !std::isalnum(static_cast<unsigned char>(m[i - 1])))) {
      const size_t paren = m.find('(', i);
      if (paren == std::string::npos) break;
      const std::string close = ")" + m.substr(i + 2, paren - i - 2) + "\"";
      const size_t e = std::min(m.find(close, paren), m.size());
      blank(i + 2, e);
      i = e + close.size();
    } else if (m[i] == '"' || m[i] == '\'') {
      const char q = m[i];
      size_t k = i + 1;
      while (k < m.size() && m[k] != q && m[k] != '\n') k += m[k] == '\\' ? size_t{2} : size_t{1};
      blank(i + 1, k);
      i = k + 1;
    } else {
      ++i;
    }
  }
  return m;
}

std::vector<Param> Params(std::string_view list) {
  static const RE2 kName(R"(([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)?$)");
  static const RE2 kTypeOnly(R"(^(?:const\s+|unsigned\s+|signed\s+|struct\s+)*[\w:]+\s*[*&]*$)");
  std::vector<Param> out;
  int angle = 0;
  size_t from = 0;
  for (size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && list[i] == '<') ++angle;
    if (i < list.size() && list[i] == '>') --angle;
    if (i < list.size() && (list[i] != ',' || angle > 0)) continue;
    std::string p(list.substr(from, i - from));
    p.erase(0, p.find_first_not_of(" \t\r\n"));
    p.erase(p.find_last_not_of(" \t\r\n") + 1);
    if (const size_t eq = p.find('='); eq != std::string::npos) p.erase(p.find_last_not_of(" \t", eq - 1) + 1);
    from = i + 1;
    if (p.empty() || p == "void") continue;
    std::string name;
    // `const char *` alone, `int` alone: unnamed.
    const bool unnamed = p.find_first_of(" *&") == std::string::npos || (RE2::FullMatch(p, kTypeOnly) && p.back() != '_' &&
                          (p.back() == '*' || p.back() == '&'));
    if (!unnamed) RE2::PartialMatch(p, kName, &name);
    out.push_back({p, name});
  }
  return out;
}


bool EnclosingFunction(const std::string& m, size_t at, FunctionSpan* out) {
  static const RE2 kHeadEnd(R"(\)\s*(?:const\s*)?(?:noexcept\s*)?(?:override\s*)?(?:->\s*[\w:<>*& ]+)?$)");
  std::vector<size_t> opens;  // the enclosing `{`, innermost first
  int depth = 0;
  for (size_t i = std::min(at, m.size()); i-- > 0;) {
    if (m[i] == '}') ++depth;
    if (m[i] == '{' && depth-- == 0) {
      opens.push_back(i);
      depth = 0;
    }
  }
  for (auto it = opens.rbegin(); it != opens.rend(); ++it) {
    const size_t open = *it;
    size_t from = open;
    while (from > 0 && m[from - 1] != ';' && m[from - 1] != '{' && m[from - 1] != '}') --from;
    const std::string_view head = std::string_view(m).substr(from, open - from);
    if (!RE2::PartialMatch(re2::StringPiece(head.data(), head.size()), kHeadEnd)) continue;
    const size_t close_paren = m.rfind(')', open);
    int parens = 0;
    size_t k = close_paren + 1;
    while (k-- > from) {
      if (m[k] == ')') ++parens;
      if (m[k] == '(' && --parens == 0) break;
    }
    if (parens != 0 || k < from) return false;
    int braces = 0;
    size_t close = open;
    for (; close < m.size(); ++close) {
      if (m[close] == '{') ++braces;
      if (m[close] == '}' && --braces == 0) break;
    }
    if (close >= m.size()) return false;
    *out = {k, close_paren, open, close};
    return true;
  }
  return false;
}

bool Reads(const std::string& m, const std::string& name, size_t from, size_t to, size_t skip_from, size_t skip_to) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
  for (size_t i = m.find(name, from); i != std::string::npos && i + name.size() <= to; i = m.find(name, i + 1)) {
    if (i >= skip_from && i < skip_to) continue;
    if ((i > 0 && word(m[i - 1])) || (i + name.size() < m.size() && word(m[i + name.size()]))) continue;
    size_t b = i;
    while (b > 0 && (m[b - 1] == ' ' || m[b - 1] == '\t')) --b;
    if (b > 0 && (m[b - 1] == '.' || (b > 1 && m[b - 1] == '>' && m[b - 2] == '-'))) continue;
    return true;
  }
  return false;
}

std::string VoidLines(const std::vector<std::string>& names, const std::string& indent, std::string_view eol) {
  std::string out;
  for (const std::string& n : names) out += indent + "(void)" + n + ";" + std::string(eol);
  return out;
}

std::string UnreadClause(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string list;
  for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
  return list + (names.size() == 1 ? " is" : " are") + " no longer read (kept in the signature, marked (void)";
}

}  // namespace authshift::rewriters::oauth
