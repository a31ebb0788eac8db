#include "scanner/ir/js_runtime.h"

#include <re2/re2.h>

namespace authshift::ir {

std::string_view JsRuntime(std::string_view src) {
  static const RE2 kBrowser(
      R"(\bdocument\.[A-Za-z]|\bwindow\.[A-Za-z]|\$\(\s*(document|window|function|['"])|\bjQuery\b|)"
      R"(\$\.(ajax|get|post|getJSON)\b|\bkintone\.|from\s+['"](react|react-dom|vue|@angular/[a-z]+)['"]|)"
      R"(\bReactDOM\b|\blocalStorage\b|\bXMLHttpRequest\b|</[A-Za-z][A-Za-z0-9]*>)");
  static const RE2 kNode(
      R"(\brequire\s*\(|\bprocess\.[a-z]|\bmodule\.exports\b|\bexports\.[A-Za-z]|\b__dirname\b|)"
      R"(from\s+['"](node:[a-z_/]+|fs|http|https|path|os|child_process|express|next/server)['"])");
  re2::StringPiece s(src.data(), src.size());
  return RE2::PartialMatch(s, kBrowser) && !RE2::PartialMatch(s, kNode) ? kRuntimeBrowser : kRuntimeNode;
}

}  // namespace authshift::ir
