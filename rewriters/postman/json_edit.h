#pragma once
// Text edits on a JsonDoc that keep every byte they do not need to touch: drop elements of an object
// or array (whole lines when the elements sit on their own lines, the comma of the new last element
// with them), add a member, drop query parameters from a URL string. Pure functions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/edit.h"
#include "rewriters/postman/json_tree.h"

namespace authshift::rewriters::postman {

// The whitespace before `pos` on its line when only whitespace precedes it there; nullopt when
// `pos` is not the first thing on its line (minified or inline JSON).
std::optional<std::string> LineIndent(std::string_view src, size_t pos);

// "\r\n" when the file uses it, else "\n".
std::string NewlineOf(std::string_view src);

// Edits that drop the elements `drop[k]` (parallel to doc.Items(container)) of an object or array.
// All dropped: the container becomes empty (`[]`, `{}`). Comments above a dropped element stay.
std::vector<Edit> DropItems(std::string_view src, const JsonDoc& doc, size_t container,
                            const std::vector<bool>& drop);

// The query parameters of a URL (a string's source text between its quotes): each as its bytes
// [begin, end) within `url` and its name.
struct QueryParam {
  size_t begin = 0;
  size_t end = 0;
  std::string name;
  std::string value;
};
struct QueryParts {
  size_t query_begin = std::string::npos;  // the '?'; npos when the URL has no query
  size_t query_end = 0;                    // before '#' or the end
  std::vector<QueryParam> params;
};
QueryParts SplitQuery(std::string_view url);

// `url`'s query without the parameters for which `drop(name)` is true ("?a=1&b=2" minus a ->
// "?b=2"; all of them -> no '?'), or nullopt when none is dropped.
template <typename Pred>
std::optional<std::string> DropQueryParams(std::string_view url, const Pred& drop, std::vector<std::string>* values) {
  const QueryParts q = SplitQuery(url);
  if (q.query_begin == std::string::npos) return std::nullopt;
  std::string kept;
  bool dropped = false;
  for (const QueryParam& p : q.params) {
    if (drop(p.name)) {
      dropped = true;
      if (values != nullptr) values->push_back(p.value);
      continue;
    }
    kept += kept.empty() ? "?" : "&";
    kept.append(url.substr(p.begin, p.end - p.begin));
  }
  if (!dropped) return std::nullopt;
  return std::string(url.substr(0, q.query_begin)) + kept + std::string(url.substr(q.query_end));
}

}  // namespace authshift::rewriters::postman
