#pragma once
// The IR matcher kinds (see IrMatcher in rule.h) run over one file's facts. Read-only on the rule
// and the facts; thread-safe.
#include <string_view>
#include <vector>

#include "scanner/engine/rule.h"
#include "scanner/engine/text_matcher.h"
#include "scanner/ir/facts.h"
#include "scanner/ir/flow.h"

namespace authshift::engine {

struct IrContext {
  const ir::Facts& facts;
  std::string_view source;
  bool zoho_context = false;  // the file is about Zoho (Deluge, or it names a Zoho host)
  // binding-to-sink: the matches of the sink rules in this file, by rule id.
  const std::vector<std::pair<std::string, std::vector<TextMatch>>>* sink_matches = nullptr;
  // How many more matches may have their value's flow followed (AddSinks); nullptr: no limit.
  size_t* flows_left = nullptr;
  std::string_view language;  // the file's language id ("" when not known)
};

// Adds to `t` the request calls `seeds` reach (ir/flow.h), except one containing `self`.
void AddSinks(const IrContext& ctx, const ir::FlowSeeds& seeds, ir::Span self, TextMatch* t);

std::vector<TextMatch> MatchIr(const Rule& rule, const IrContext& ctx);

// The joined text of `id` when every part of its value is literal (through bindings), else "".
std::string LiteralText(const ir::Facts& f, ir::ExprId id, std::string_view source);

// A match over exactly `s`.
TextMatch SpanMatch(ir::Span s);

// Maps [begin, end) of a flattened value's joined text to a source span, when the whole range lies
// in one literal part whose decoded text maps 1:1 onto its source characters. Returns false
// otherwise (escapes, holes, several parts).
bool JoinedToSource(const ir::StringValue& value, const std::vector<uint32_t>& part_of_byte, size_t begin,
                    size_t end, std::string_view source, ir::Span* out);

}  // namespace authshift::engine
