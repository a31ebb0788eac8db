#include "rewriters/postman/json_edit.h"

namespace authshift::rewriters::postman {
namespace {

size_t LineStart(std::string_view src, size_t pos) {
  const size_t nl = pos == 0 ? std::string_view::npos : src.rfind('\n', pos - 1);
  return nl == std::string_view::npos ? 0 : nl + 1;
}

// After `pos` (the end of an element): an optional ',' and a `//` comment, then the line's end.
// Returns one past the '\n' (or the end of the text), or nullopt when more follows on the line.
std::optional<size_t> RestOfLine(std::string_view src, size_t pos) {
  size_t i = pos;
  bool comma = false;
  while (i < src.size()) {
    const char c = src[i];
    if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else if (c == ',' && !comma) {
      comma = true;
      ++i;
    } else if (src.compare(i, 2, "//") == 0) {
      const size_t nl = src.find('\n', i);
      return nl == std::string_view::npos ? src.size() : nl + 1;
    } else if (c == '\n') {
      return i + 1;
    } else {
      return std::nullopt;
    }
  }
  return src.size();
}

// The ',' after an element ending at `pos` (whitespace and comments skipped), or npos.
size_t CommaAfter(std::string_view src, size_t pos) {
  size_t i = pos;
  while (i < src.size()) {
    const char c = src[i];
    if (c == ',') return i;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (src.compare(i, 2, "//") == 0) {
      const size_t nl = src.find('\n', i);
      i = nl == std::string_view::npos ? src.size() : nl + 1;
    } else if (src.compare(i, 2, "/*") == 0) {
      const size_t close = src.find("*/", i + 2);
      i = close == std::string_view::npos ? src.size() : close + 2;
    } else {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

Edit Delete(size_t from, size_t to) { return Edit{from, to - from, "", "postman-oauth2"}; }

}  // namespace

std::optional<std::string> LineIndent(std::string_view src, size_t pos) {
  const size_t start = LineStart(src, pos);
  for (size_t i = start; i < pos; ++i) {
    if (src[i] != ' ' && src[i] != '\t') return std::nullopt;
  }
  return std::string(src.substr(start, pos - start));
}

std::string NewlineOf(std::string_view src) {
  return src.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
}

std::vector<Edit> DropItems(std::string_view src, const JsonDoc& doc, size_t container,
                            const std::vector<bool>& drop) {
  const std::vector<JsonItem> items = doc.Items(container);
  std::vector<Edit> out;
  const size_t n = items.size();
  std::optional<size_t> last_kept;
  bool any = false;
  for (size_t k = 0; k < n; ++k) {
    if (drop[k]) {
      any = true;
    } else {
      last_kept = k;
    }
  }
  if (!any) return out;
  const JsonNode& c = doc.node(container);
  if (!last_kept) {
    out.push_back(Delete(c.begin + 1, c.end - 1));
    return out;
  }
  for (size_t i = 0; i < n;) {
    if (!drop[i]) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j + 1 < n && drop[j + 1]) ++j;
    const std::optional<size_t> eol = RestOfLine(src, items[j].end);
    const bool own_lines = LineIndent(src, items[i].begin).has_value() && eol.has_value();
    if (j + 1 < n) {
      out.push_back(own_lines ? Delete(LineStart(src, items[i].begin), *eol) : Delete(items[i].begin, items[j + 1].begin));
    } else if (own_lines) {
      const size_t comma = CommaAfter(src, items[*last_kept].end);
      if (comma != std::string_view::npos && comma < items[i].begin) out.push_back(Delete(comma, comma + 1));
      out.push_back(Delete(LineStart(src, items[i].begin), *eol));
    } else {
      out.push_back(Delete(items[*last_kept].end, items[j].end));
    }
    i = j + 1;
  }
  return out;
}

QueryParts SplitQuery(std::string_view url) {
  QueryParts q;
  q.query_begin = url.find('?');
  if (q.query_begin == std::string_view::npos) return q;
  const size_t hash = url.find('#', q.query_begin);
  q.query_end = hash == std::string_view::npos ? url.size() : hash;
  size_t i = q.query_begin + 1;
  while (i < q.query_end) {
    size_t amp = url.find('&', i);
    if (amp == std::string_view::npos || amp > q.query_end) amp = q.query_end;
    QueryParam p;
    p.begin = i;
    p.end = amp;
    const std::string_view param = url.substr(i, amp - i);
    const size_t eq = param.find('=');
    p.name = std::string(param.substr(0, eq));
    if (eq != std::string_view::npos) p.value = std::string(param.substr(eq + 1));
    q.params.push_back(std::move(p));
    i = amp + 1;
  }
  return q;
}

}  // namespace authshift::rewriters::postman
