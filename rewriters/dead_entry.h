// A parameter entry set after the parameters' last use: the token it puts in is never sent.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "scanner/engine/analysis.h"

namespace authshift::rewriters {

// After the rewriters ran (and dead_entry_fix.h, which fixes the Guzzle case): an `authtoken`
// entry withheld because no request was found (`$params['authtoken'] = …`) whose map variable
// nothing reads afterwards in its function (only `isset`/`empty` checks and more entries put into
// it) is withheld with that reason instead,
// naming the map's last use before it (the URL built from it).
void MarkEntriesSetTooLate(engine::FileAnalysis& analysis);

// The shape MarkEntriesSetTooLate names, for the fix that sends the token it never sent
// (dead_entry_fix.h): a withheld "cannot find the request" finding ...
bool NeverSentFinding(const core::Finding& f);
// ... whose entry `m` (`$params['authtoken'] = …`) is put into a map nothing reads afterwards in
// the function (`home`, the scope binding the map); `last_use_line`: the map's last use before it.
struct LateEntry {
  uint32_t last_use_line = 0;
  uint32_t home = 0;
};
std::optional<LateEntry> EntrySetTooLate(const engine::FileAnalysis& analysis, const ir::Facts& facts,
                                         const ir::MapEntry& m);
// True when scope `inner` is `outer` or inside it.
bool InScope(const ir::Facts& facts, uint32_t inner, uint32_t outer);
// Calls `visit` with each map-entry finding of `analysis` withheld because no request was found
// ("cannot find the request this value is sent with"), the file's facts and its entry.
void ForEachUnsentEntry(engine::FileAnalysis& analysis,
                        const std::function<void(core::Finding&, const ir::Facts&, const ir::MapEntry&)>& visit);

}  // namespace authshift::rewriters
