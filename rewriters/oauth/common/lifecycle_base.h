#pragma once
// What the life-cycle rewriters (lifecycle.h) share: the file, its statements and the fix
// context, and the loop over a file's findings. Internal to rewriters/oauth.
#include <re2/re2.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rewriters/fix.h"
#include "rewriters/oauth/common/context.h"
#include "rewriters/oauth/common/lifecycle_lines.h"
#include "rewriters/oauth/common/refresh.h"

namespace authshift::rewriters::oauth {

inline bool Matches(std::string_view text, const RE2& re, std::string* capture = nullptr) {
  re2::StringPiece in(text.data(), text.size());
  return capture ? RE2::PartialMatch(in, re, capture) : RE2::PartialMatch(in, re);
}

// What both rewriters work on: the file, its statements and the fix context (whose group of edits
// each finding's fix fills).
class LifecycleBase {
 public:
  LifecycleBase(const FixInput& input, const LanguageProfile& profile, const FixOptions& options)
      : src_(input.src()), lines_(src_), ctx_(src_, input.facts(), profile, options) {}
  Context& ctx() { return ctx_; }

 protected:
  std::string_view Lang() const { return ctx_.profile().id; }
  std::string_view src_;
  Lines lines_;
  Context ctx_;
};

// Runs `Rewriter::Fix` for each finding whose language has a profile; one outcome per finding.
template <typename Rewriter>
RewriteResult ForEachFinding(const FixInput& input, const std::vector<const core::Finding*>& findings,
                             const FixOptions& options) {
  RewriteResult result;
  const LanguageProfile* profile = ProfileFor(input.lang().id);
  bool helper = false;
  std::optional<Rewriter> gen;
  if (profile != nullptr) gen.emplace(input, *profile, options);
  for (size_t i = 0; i < findings.size(); ++i) {
    if (profile == nullptr || findings[i]->severity == core::Severity::kNote) {
      result.outcomes.push_back({i, FixStatus::kReportOnly, "no rewriter for this language or place"});
      continue;
    }
    Context& ctx = gen->ctx();
    ctx.StartGroup();
    try {
      std::string detail = gen->Fix(static_cast<size_t>(findings[i]->byte_start));
      EditSet check;
      for (const auto& e : result.edits) check.Add(e);
      for (const auto& e : ctx.group()) check.Add(e);
      std::string err;
      if (!check.Resolve(&err)) throw Withhold{"it overlaps another fix of this file; fix it by hand"};
      for (const auto& e : ctx.group()) result.edits.push_back(e);
      helper = helper || ctx.helper_used();
      result.outcomes.push_back({i, FixStatus::kFixed, detail});
    } catch (const Withhold& w) {
      result.outcomes.push_back({i, FixStatus::kWithheld, w.reason});
    }
  }
  if (helper) {
    if (const RefreshHelper* h = gen->ctx().Helper(); h != nullptr && !h->file.empty())
      result.added.push_back({std::string(h->file), RefreshHelperFileText(gen->ctx(), *h)});
  }
  return result;
}

}  // namespace authshift::rewriters::oauth
