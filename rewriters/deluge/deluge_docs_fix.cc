// Deluge samples in documents (Markdown): the Deluge fixer runs on the document with everything
// outside its samples blanked (scanner/engine/deluge_docs.h, the text the scan matched the Deluge
// rules on), so its edits carry the document's own offsets and apply to the document. Every byte
// outside the samples stays: an edit that would touch one withholds the document's fixes, as does
// an edit that adds a Deluge syntax error to the samples.
#include <algorithm>
#include <string>

#include "rewriters/deluge/deluge_fixer.h"
#include "scanner/engine/deluge_docs.h"
#include "scanner/frontends/frontends.h"

namespace authshift::rewriters::deluge {
namespace {

// True when the edit replaces only sample bytes, and inserts next to one (or at a line start).
bool InsideSamples(const Edit& e, std::string_view doc, std::string_view samples) {
  if (e.offset + e.length > doc.size()) return false;
  for (size_t i = e.offset; i < e.offset + e.length; ++i) {
    if (doc[i] != samples[i]) return false;
  }
  if (e.length > 0) return true;
  // An insertion: the byte before it is a sample's (a line break is kept in both).
  return e.offset == 0 || doc[e.offset - 1] == samples[e.offset - 1];
}

}  // namespace

RewriteResult FixInDocument(const FixInput& input, const std::vector<const core::Finding*>& findings,
                            const FixOptions& options) {
  const std::string_view doc = input.src();
  const std::string samples = engine::DelugeInDocument(doc);
  const languages::Language* deluge = languages::ById("deluge");
  RewriteResult r;
  auto withhold_all = [&](const std::string& why) {
    RewriteResult w;
    for (size_t i = 0; i < findings.size(); ++i) {
      const auto o = std::find_if(r.outcomes.begin(), r.outcomes.end(), [&](const FindingOutcome& x) { return x.finding == i; });
      if (o != r.outcomes.end() && o->status != FixStatus::kFixed) {
        w.outcomes.push_back(*o);
      } else {
        w.outcomes.push_back({i, FixStatus::kWithheld, why});
      }
    }
    return w;
  };
  if (samples.size() != doc.size() || deluge == nullptr) return withhold_all("cannot find the Deluge sample in the document");
  // The samples as a Deluge file of the document's length: the fixer builds its facts from them.
  engine::FileAnalysis sample(core::SourceFile(input.file().path(), samples), *deluge);
  const FixInput sample_input(sample);
  r = Fix(sample_input, findings, options);
  if (r.edits.empty()) return r;
  for (const Edit& e : r.edits) {
    if (!InsideSamples(e, doc, samples))
      return withhold_all("the fix would change the document outside its Deluge sample; fix the sample by hand");
  }
  // The samples must parse as well after the fix as before (the document's own check has no
  // parser for Markdown).
  EditSet set;
  for (const Edit& e : r.edits) set.Add(e);
  std::string err;
  if (!set.Resolve(&err)) return withhold_all("conflicting edits: " + err);
  const std::string fixed = set.Apply(samples);
  if (frontends::CountSyntaxErrors("deluge", fixed) > frontends::CountSyntaxErrors("deluge", samples))
    return withhold_all("the fix would add a syntax error to the Deluge sample; fix it by hand");
  return r;
}

}  // namespace authshift::rewriters::deluge
