// C/C++ string-literal tokens (lower.h: DecodeCString). Compiled into both the binary (the
// library semantics and the plain-lexer fallback) and the Clang plugin, which share no code at run
// time.
#include <string>
#include <string_view>

#include "scanner/core/utf8.h"
#include "scanner/frontends/clang/lower.h"

namespace authshift::frontends::clang_fe {

bool DecodeCString(std::string_view token, std::string* text, size_t* inner_begin, size_t* inner_end) {
  text->clear();
  size_t i = 0;
  if (token.substr(0, 2) == "u8") {
    i = 2;
  } else if (!token.empty() && (token[0] == 'u' || token[0] == 'U' || token[0] == 'L')) {
    i = 1;
  }
  if (i < token.size() && token[i] == 'R') {
    const size_t quote = i + 1;
    if (quote >= token.size() || token[quote] != '"') return false;
    const size_t open = token.find('(', quote);
    if (open == std::string_view::npos) return false;
    const std::string delim(token.substr(quote + 1, open - quote - 1));
    const std::string close = ")" + delim + "\"";
    if (token.size() < open + 1 + close.size() || token.substr(token.size() - close.size()) != close) return false;
    *inner_begin = open + 1;
    *inner_end = token.size() - close.size();
    *text = std::string(token.substr(*inner_begin, *inner_end - *inner_begin));
    return true;
  }
  if (i >= token.size() || token[i] != '"' || token.size() < i + 2 || token.back() != '"') return false;
  *inner_begin = i + 1;
  *inner_end = token.size() - 1;
  const std::string_view s = token.substr(*inner_begin, *inner_end - *inner_begin);
  for (size_t k = 0; k < s.size();) {
    if (s[k] != '\\' || k + 1 >= s.size()) {
      text->push_back(s[k++]);
      continue;
    }
    const char c = s[k + 1];
    k += 2;
    switch (c) {
      case 'n': text->push_back('\n'); break;
      case 't': text->push_back('\t'); break;
      case 'r': text->push_back('\r'); break;
      case 'a': text->push_back('\a'); break;
      case 'b': text->push_back('\b'); break;
      case 'f': text->push_back('\f'); break;
      case 'v': text->push_back('\v'); break;
      case 'e': text->push_back('\x1b'); break;
      case '\n': break;  // line continuation inside a literal
      case 'x': {
        uint32_t v = 0;
        size_t n = 0;
        while (k < s.size() && core::HexDigitValue(s[k]) >= 0 && n < 8) v = v * 16 + static_cast<uint32_t>(core::HexDigitValue(s[k++])), ++n;
        if (v < 0x100) {
          text->push_back(static_cast<char>(v));
        } else {
          core::AppendUtf8(v, text);
        }
        break;
      }
      case 'u':
      case 'U': {
        const size_t n = c == 'u' ? 4 : 8;
        uint32_t v = 0;
        size_t got = 0;
        while (got < n && k < s.size() && core::HexDigitValue(s[k]) >= 0) v = v * 16 + static_cast<uint32_t>(core::HexDigitValue(s[k++])), ++got;
        core::AppendUtf8(v, text);
        break;
      }
      default:
        if (c >= '0' && c <= '7') {
          uint32_t v = static_cast<uint32_t>(c - '0');
          size_t n = 1;
          while (n < 3 && k < s.size() && s[k] >= '0' && s[k] <= '7') v = v * 8 + static_cast<uint32_t>(s[k++] - '0'), ++n;
          text->push_back(static_cast<char>(v & 0xFF));
        } else {
          text->push_back(c);  // \\ \' \" \? and unknown escapes
        }
        break;
    }
  }
  return true;
}

}  // namespace authshift::frontends::clang_fe
