// An `authtoken` option handed to a client another file or package builds: the request that sends
// it is not in this file, so a header cannot be added here.
#include "rewriters/client_option.h"

#include <re2/re2.h>

#include <optional>
#include <string>

#include "rewriters/dead_entry.h"
#include "rewriters/fix.h"
#include "scanner/core/strings.h"

namespace authshift::rewriters {
namespace {

// True when the file defines a function or method named `name` (`function name(`, `def name`,
// `func name(`, a class method `name(…) {`).
bool Defines(std::string_view src, const std::string& name) {
  const RE2 def("(?m)(?:\\b(?:function|def|func|fn|sub)\\s+|^\\s*(?:async\\s+|static\\s+)*)" + RE2::QuoteMeta(name) +
                "\\s*\\([^)]*\\)\\s*(?::\\s*[\\w\\\\?]+\\s*)?[{:]");
  return RE2::PartialMatch(src, def);
}

// True when `cls` is a class name (`ZohoInvoiceApiClient`) that the file imports (`use …\\Cls;`,
// `import Cls`, `from m import Cls`, `Cls = require(…)`) and does not declare.
bool Imported(std::string_view src, const std::string& cls) {
  static const RE2 kClassName("[A-Z][A-Za-z0-9_]*");
  if (!RE2::FullMatch(cls, kClassName)) return false;
  const std::string q = RE2::QuoteMeta(cls);
  const RE2 declared("\\bclass\\s+" + q + "\\b");
  const RE2 imported("(?m)^\\s*(?:use\\s+[\\w\\\\]*\\b" + q + "\\s*;|import\\s+.*\\b" + q +
                     "\\b|from\\s+\\S+\\s+import\\s+.*\\b" + q + "\\b|(?:const|let|var)\\s+" + q +
                     "\\s*=\\s*require\\()");
  return !RE2::PartialMatch(src, declared) && RE2::PartialMatch(src, imported);
}

}  // namespace

void MarkEntriesHandedToClients(engine::FileAnalysis& analysis) {
  if (analysis.language == nullptr) return;
  const std::string_view lang = analysis.language->id;
  if (lang != "php" && lang != "javascript" && lang != "typescript" && lang != "python" && lang != "ruby") return;
  ForEachUnsentEntry(analysis, [&](core::Finding& f, const ir::Facts& facts, const ir::MapEntry& m) {
    if (m.origin != ir::EntryOrigin::kLiteral || m.container == ir::kNoExpr || m.key == ir::kNoExpr ||
        core::AsciiLowered(facts.exprs[m.key].text) != "authtoken")
      return;
    for (const ir::Call& c : facts.calls) {
      bool handed = false;
      for (const ir::Arg& a : c.args) handed = handed || a.value == m.container;
      if (!handed || c.method.empty() || c.receiver == ir::kNoExpr) continue;
      const std::string& cls = facts.exprs[c.receiver].text;
      if (!Imported(analysis.source.bytes(), cls) || Defines(analysis.source.bytes(), c.method)) continue;
      const std::string_view src = analysis.source.bytes();
      const std::string_view written = src.substr(c.span.begin, src.find('(', c.span.begin) - c.span.begin);
      f.outcome.detail = "the token is an option of " + std::string(written) + "(…) (line " +
                         std::to_string(analysis.source.PositionAt(c.span.begin).line) + "), of a client class this "
                         "file imports: that client sends it, so move the client to an Authorization: "
                         "Zoho-oauthtoken header where it is defined, then pass an OAuth access token here";
      return;
    }
  });
}

}  // namespace authshift::rewriters
