#include "scanner/engine/deluge_docs.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

#include "scanner/languages/languages.h"

namespace authshift::engine {
namespace {

struct Part {
  size_t begin = 0;  // byte range of the content (without the fence lines)
  size_t end = 0;
  bool fenced = false;
  std::string info;  // the fence's tag, lower-case, trimmed
};

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// The fenced blocks and the paragraphs between them, in order.
std::vector<Part> SplitDocument(std::string_view text) {
  std::vector<Part> parts;
  size_t pos = 0;
  size_t para = std::string_view::npos;  // start of the current paragraph
  auto close_para = [&](size_t end) {
    if (para != std::string_view::npos && end > para) parts.push_back({para, end, false, {}});
    para = std::string_view::npos;
  };
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    size_t indent = line.find_first_not_of(' ');
    bool fence_line = indent != std::string_view::npos && indent < 4 &&
                      (line.substr(indent, 3) == "```" || line.substr(indent, 3) == "~~~");
    if (fence_line) {
      close_para(pos);
      std::string_view fence = line.substr(indent, 3);
      std::string info(Trim(line.substr(indent + 3)));
      for (char& c : info) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t body = std::min(eol + 1, text.size());
      size_t close = body;
      size_t end = text.size();
      while (close < text.size()) {
        size_t e2 = text.find('\n', close);
        if (e2 == std::string_view::npos) e2 = text.size();
        std::string_view l2 = text.substr(close, e2 - close);
        size_t i2 = l2.find_first_not_of(' ');
        if (i2 != std::string_view::npos && l2.substr(i2, 3) == fence) {
          end = close;
          break;
        }
        close = e2 + 1;
      }
      parts.push_back({body, std::max(body, end), true, info});
      pos = close < text.size() ? text.find('\n', close) : text.size();
      pos = pos == std::string_view::npos ? text.size() : pos + 1;
      continue;
    }
    if (Trim(line).empty()) {
      close_para(pos);
    } else if (para == std::string_view::npos) {
      para = pos;
    }
    pos = eol + 1;
  }
  close_para(std::min(pos, text.size()));
  return parts;
}

// Code rather than prose: most non-blank lines end like statements or blocks.
bool LooksLikeCode(std::string_view s) {
  size_t lines = 0;
  size_t code = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t eol = s.find('\n', pos);
    if (eol == std::string_view::npos) eol = s.size();
    std::string_view l = Trim(s.substr(pos, eol - pos));
    pos = eol + 1;
    if (l.empty()) continue;
    ++lines;
    char last = l.back();
    if (last == ';' || last == '{' || last == '}' || last == ']' || last == '[' || l.rfind("//", 0) == 0) ++code;
  }
  return lines > 0 && code * 2 > lines;
}

bool IsDelugeTag(const std::string& info) {
  return info.find("deluge") != std::string::npos || info.rfind("dg", 0) == 0;
}

// `text` with everything outside the parts marked in `keep` blanked to spaces (newlines kept).
std::string KeepParts(std::string_view text, const std::vector<Part>& parts, const std::vector<bool>& keep) {
  std::string out(text.size(), ' ');
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!keep[i]) continue;
    for (size_t k = parts[i].begin; k < parts[i].end; ++k) out[k] = text[k];
  }
  for (size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '\n') out[k] = '\n';
  }
  return out;
}

// The language a fence's tag names (its first word), or "".
std::string_view FenceLanguage(const std::string& info) {
  static const std::pair<std::string_view, std::string_view> kTags[] = {
      {"js", "javascript"}, {"javascript", "javascript"}, {"jsx", "javascript"}, {"node", "javascript"},
      {"ts", "typescript"}, {"typescript", "typescript"}, {"python", "python"},   {"py", "python"},
      {"ruby", "ruby"},     {"rb", "ruby"}};
  const std::string_view word = std::string_view(info).substr(0, info.find_first_of(" \t{"));
  for (const auto& [tag, language] : kTags) {
    if (word == tag) return language;
  }
  return {};
}

}  // namespace

std::string FencedSamplesInDocument(std::string_view text, std::string_view language) {
  std::vector<Part> parts = SplitDocument(text);
  std::vector<bool> keep(parts.size(), false);
  for (size_t i = 0; i < parts.size(); ++i) {
    const Part& p = parts[i];
    if (!p.fenced || FenceLanguage(p.info) != language) continue;
    // Deluge tagged as JavaScript (lacking JavaScript's own marks) is DelugeInDocument's.
    keep[i] = languages::Detect("sample.js", text.substr(p.begin, p.end - p.begin)).id != "deluge";
  }
  if (std::none_of(keep.begin(), keep.end(), [](bool k) { return k; })) return {};
  return KeepParts(text, parts, keep);
}

std::string DelugeInDocument(std::string_view text) {
  std::vector<Part> parts = SplitDocument(text);
  std::vector<bool> deluge(parts.size(), false);
  bool any = false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Part& p = parts[i];
    std::string_view content = text.substr(p.begin, p.end - p.begin);
    if (p.fenced) {
      if (IsDelugeTag(p.info)) {
        deluge[i] = true;
      } else if (p.info.empty()) {
        deluge[i] = languages::LooksLikeDeluge(content);
      } else {
        // Another language's tag: Deluge only without that language's own marks (as for .js files).
        deluge[i] = languages::Detect("sample.js", content).id == "deluge";
      }
    } else {
      deluge[i] = LooksLikeCode(content) && languages::LooksLikeDeluge(content);
    }
    any = any || deluge[i];
  }
  if (!any) return {};
  // The document has Deluge samples: its untagged blocks are samples of the same code.
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].fenced && parts[i].info.empty()) deluge[i] = true;
  }
  return KeepParts(text, parts, deluge);
}

}  // namespace authshift::engine
