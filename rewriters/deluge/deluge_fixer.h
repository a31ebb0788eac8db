#pragma once
// Zoho's own migration recipe for Deluge (docs/deluge.md), as edits: drop the authtoken URL parameter
// (joints kept right across literal and variable parts), drop authtoken parameter entries and
// Zoho-authtoken header entries (and maps, puts and arguments that become empty), delete the
// authtoken assignment when nothing else reads it, turn getUrl/postUrl into invokeurl, and give each
// call `connection: "<name>"`. Anything it cannot do completely is withheld with a reason.
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters::deluge {

// `findings` are the file's findings whose fix is "deluge-connection"; outcomes index into them.
// A Markdown document's findings are those of its Deluge samples: FixInDocument.
RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options);

// The Deluge samples of a document (scanner/engine/deluge_docs.h), fixed in place: the edits touch
// only the samples' bytes, and a fix that adds a Deluge syntax error to them is withheld
// (deluge_docs_fix.cc).
RewriteResult FixInDocument(const FixInput& input, const std::vector<const core::Finding*>& findings,
                            const FixOptions& options);

// The connection a call to `url_host`/`url_path` needs: link name (zohobooks, zohocrm, …) and the
// OAuth scope for `method` (GET/POST/PUT/DELETE). Empty name when the product is unknown.
struct ConnectionAdvice {
  std::string name;     // the link name to use (the default, or the configured one)
  std::string link;     // the per-product default ("zohobooks"), whatever is configured
  std::string product;  // "Zoho Books"
  std::string scope;    // "ZohoBooks.invoices.READ", or the product's .ALL scope when unknown
};
ConnectionAdvice AdviseConnection(std::string_view host, std::string_view path, std::string_view method);

}  // namespace authshift::rewriters::deluge
