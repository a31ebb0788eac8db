#include "scanner/ir/format_template.h"

#include <algorithm>

namespace authshift::ir {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Digits at text[*j], advanced past; their value in *value (saturating, never read when empty).
std::string_view Digits(std::string_view text, size_t* j, size_t* value = nullptr) {
  const size_t b = *j;
  size_t v = 0;
  while (*j < text.size() && IsDigit(text[*j])) {
    v = std::min<size_t>(v * 10 + static_cast<size_t>(text[*j] - '0'), 1U << 20);
    ++*j;
  }
  if (value != nullptr) *value = v;
  return text.substr(b, *j - b);
}

// A 1-based source index as a 0-based argument index (0 in the source is no argument).
std::optional<size_t> OneBased(size_t v) { return v == 0 ? std::nullopt : std::optional<size_t>(v - 1); }

std::optional<FormatPlaceholder> ParsePercent(std::string_view text, size_t pos) {
  FormatPlaceholder ph;
  ph.begin = pos;
  size_t j = pos + 1;
  if (j >= text.size() || text[j] == '%') return std::nullopt;
  // Argument selection before the flags: `%(name)`, `%{name}` (complete), `%<name>`, `%N$`.
  if (text[j] == '(' || text[j] == '{' || text[j] == '<') {
    const char close = text[j] == '(' ? ')' : text[j] == '{' ? '}' : '>';
    const size_t e = text.find(close, j + 1);
    if (e == std::string_view::npos || e == j + 1) return std::nullopt;
    ph.name = text.substr(j + 1, e - j - 1);
    if (close == '}') {
      ph.end = e + 1;
      return ph;
    }
    j = e + 1;
  } else if (IsDigit(text[j])) {
    size_t k = j;
    size_t v = 0;
    Digits(text, &k, &v);
    if (k < text.size() && text[k] == '$') {
      ph.index = OneBased(v);
      if (!ph.index) return std::nullopt;
      j = k + 1;
    }
  }
  const size_t flags = j;
  while (j < text.size() && std::string_view("-+ #0'").find(text[j]) != std::string_view::npos) ++j;
  ph.flags = text.substr(flags, j - flags);
  if (j < text.size() && text[j] == '*') {
    ++ph.stars;
    ++j;
  } else {
    ph.width = Digits(text, &j);
  }
  if (j < text.size() && text[j] == '.') {
    ++j;
    if (j < text.size() && text[j] == '*') {
      ++ph.stars;
      ++j;
    } else {
      ph.precision = Digits(text, &j);
    }
  }
  if (j < text.size() && text[j] == '[' && !ph.index && ph.name.empty()) {  // Go `%[2]s`
    size_t k = j + 1;
    size_t v = 0;
    if (!Digits(text, &k, &v).empty() && k < text.size() && text[k] == ']' && OneBased(v)) {
      ph.index = OneBased(v);
      j = k + 1;
    }
  }
  const size_t length = j;
  while (j < text.size() && std::string_view("hljztLq").find(text[j]) != std::string_view::npos) ++j;
  ph.length = text.substr(length, j - length);
  if (j >= text.size() || !IsAlpha(text[j])) return std::nullopt;
  ph.conversion = text[j];
  ph.end = j + 1;
  return ph;
}

std::optional<FormatPlaceholder> ParseBrace(std::string_view text, size_t pos) {
  if (pos + 1 < text.size() && text[pos + 1] == '{') return std::nullopt;
  const size_t close = text.find('}', pos + 1);
  if (close == std::string_view::npos) return std::nullopt;
  FormatPlaceholder ph;
  ph.begin = pos;
  ph.end = close + 1;
  const std::string_view content = text.substr(pos + 1, close - pos - 1);
  const size_t field_end = std::min(content.find_first_of(":!.[,"), content.size());
  const std::string_view field = content.substr(0, field_end);
  if (!field.empty() && IsDigit(field[0])) {
    size_t k = 0;
    size_t v = 0;
    Digits(field, &k, &v);
    ph.index = v;
  } else {
    ph.name = field;
  }
  const size_t bang = content.find('!');
  const size_t colon = content.find(':');
  const size_t comma = content.find(',');
  if (bang != std::string_view::npos && bang + 1 < content.size() && (colon == std::string_view::npos || bang < colon)) {
    ph.conversion = content[bang + 1];
  }
  if (colon != std::string_view::npos) ph.spec = content.substr(colon + 1);
  ph.aligned = comma != std::string_view::npos && comma < colon;
  return ph;
}

}  // namespace

bool FormatPlaceholder::IsPlainNext(FormatSyntax syntax) const {
  if (index || !name.empty() || stars != 0) return false;
  if (syntax == FormatSyntax::kBrace) {
    if (aligned) return false;
    return (conversion == 0 || conversion == 'r' || conversion == 's' || conversion == 'a') &&
           spec.find_first_of("{}") == std::string_view::npos;
  }
  return length.empty() && flags.find('\'') == std::string_view::npos && (conversion == 's' || conversion == 'v');
}

std::optional<FormatPlaceholder> ParsePlaceholder(std::string_view text, size_t pos, FormatSyntax syntax) {
  if (pos >= text.size()) return std::nullopt;
  if (syntax == FormatSyntax::kPercent) return text[pos] == '%' ? ParsePercent(text, pos) : std::nullopt;
  return text[pos] == '{' ? ParseBrace(text, pos) : std::nullopt;
}

std::vector<FormatPiece> ParseFormatTemplate(std::string_view text, FormatSyntax syntax) {
  std::vector<FormatPiece> out;
  auto literal = [&](size_t begin, size_t end, std::string_view decoded, bool escaped) {
    if (out.empty() || out.back().placeholder) {
      FormatPiece p;
      p.begin = begin;
      out.push_back(std::move(p));
    }
    out.back().end = end;
    out.back().text += decoded;
    out.back().escaped = out.back().escaped || escaped;
  };
  const bool brace = syntax == FormatSyntax::kBrace;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const bool special = brace ? (c == '{' || c == '}') : c == '%';
    if (!special) {
      literal(i, i + 1, text.substr(i, 1), false);
      ++i;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == c) {  // `%%`, `{{`, `}}`
      literal(i, i + 2, text.substr(i, 1), true);
      i += 2;
      continue;
    }
    if (std::optional<FormatPlaceholder> ph = ParsePlaceholder(text, i, syntax)) {
      FormatPiece p;
      p.placeholder = true;
      p.begin = ph->begin;
      p.end = ph->end;
      p.ph = *ph;
      out.push_back(std::move(p));
      i = ph->end;
      continue;
    }
    literal(i, i + 1, text.substr(i, 1), false);
    ++i;
  }
  return out;
}

std::optional<size_t> ArgumentIndex(const FormatPlaceholder& ph, size_t* next) {
  if (ph.index) return ph.index;
  if (!ph.name.empty()) return std::nullopt;
  *next += static_cast<size_t>(ph.stars);
  return (*next)++;
}

}  // namespace authshift::ir
