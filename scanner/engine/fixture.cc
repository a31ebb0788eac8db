#include "scanner/engine/fixture.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "scanner/engine/rule_loader.h"

namespace authshift::engine {
namespace {

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  return lines;
}

std::string_view Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::vector<Annotation> ParseAnnotations(std::string_view text, const languages::Language& lang,
                                         std::vector<uint32_t>* annotation_lines) {
  static const RE2 kAnno(R"(^\s*(todoruleid|todook|ruleid|ok)\s*:\s*([A-Za-z0-9_.\-]+(?:\s*,\s*[A-Za-z0-9_.\-]+)*))");
  std::vector<std::string_view> lines = SplitLines(text);
  std::vector<Annotation> out;
  std::vector<Annotation> pending;
  std::vector<std::string_view> markers(lang.line_comments.begin(), lang.line_comments.end());
  if (!lang.block_open.empty()) markers.push_back(lang.block_open);
  if (markers.empty()) markers = {"#", "//"};
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view t = Trim(lines[i]);
    bool is_annotation = false;
    for (std::string_view m : markers) {
      if (t.substr(0, m.size()) != m) continue;
      std::string_view body = t.substr(m.size());
      std::string kind;
      std::string ids;
      if (!RE2::PartialMatch(re2::StringPiece(body.data(), body.size()), kAnno, &kind, &ids)) continue;
      is_annotation = true;
      Annotation::Kind k = kind == "ruleid"       ? Annotation::Kind::kRuleId
                           : kind == "ok"         ? Annotation::Kind::kOk
                           : kind == "todoruleid" ? Annotation::Kind::kTodoRuleId
                                                  : Annotation::Kind::kTodoOk;
      size_t pos = 0;
      while (pos <= ids.size()) {
        size_t comma = ids.find(',', pos);
        if (comma == std::string::npos) comma = ids.size();
        std::string id(Trim(std::string_view(ids).substr(pos, comma - pos)));
        if (!id.empty()) pending.push_back({k, id, static_cast<uint32_t>(i + 1), 0});
        pos = comma + 1;
      }
      break;
    }
    if (is_annotation) {
      if (annotation_lines != nullptr) annotation_lines->push_back(static_cast<uint32_t>(i + 1));
      continue;
    }
    for (auto& a : pending) {
      a.target_line = static_cast<uint32_t>(i + 1);
      out.push_back(a);
    }
    pending.clear();
  }
  for (auto& a : pending) out.push_back(a);  // target_line 0: nothing follows
  return out;
}

FixtureOutcome CheckFixture(std::string_view text, const languages::Language& lang,
                            const std::vector<core::Finding>& findings,
                            const std::vector<std::string>& known_rule_ids) {
  FixtureOutcome outcome;
  std::vector<uint32_t> anno_lines;
  std::vector<Annotation> annos = ParseAnnotations(text, lang, &anno_lines);
  std::set<std::pair<uint32_t, std::string>> reported;
  for (const auto& f : findings) {
    if (f.suppressed) continue;  // an `authshift: ignore` comment is an expectation of its own
    if (std::find(anno_lines.begin(), anno_lines.end(), f.start.line) != anno_lines.end()) continue;
    reported.insert({f.start.line, f.rule_id});
  }
  std::set<std::pair<uint32_t, std::string>> expected;
  auto problem = [&](uint32_t line, const std::string& what) {
    outcome.passed = false;
    outcome.problems.push_back("line " + std::to_string(line) + ": " + what);
  };
  for (const auto& a : annos) {
    if (std::find(known_rule_ids.begin(), known_rule_ids.end(), a.rule_id) == known_rule_ids.end()) {
      std::string near = DidYouMean(a.rule_id, known_rule_ids);
      problem(a.annotation_line, "annotation names unknown rule '" + a.rule_id + "'" +
                                     (near.empty() ? "" : "; did you mean '" + near + "'?"));
      continue;
    }
    if (a.target_line == 0) {
      problem(a.annotation_line, "annotation for '" + a.rule_id + "' has no code line after it");
      continue;
    }
    bool hit = reported.count({a.target_line, a.rule_id}) != 0;
    switch (a.kind) {
      case Annotation::Kind::kRuleId:
        ++outcome.expected;
        expected.insert({a.target_line, a.rule_id});
        if (!hit) problem(a.target_line, "expected " + a.rule_id + ", not reported");
        break;
      case Annotation::Kind::kTodoOk:
        ++outcome.expected;
        expected.insert({a.target_line, a.rule_id});
        if (!hit) problem(a.target_line, "todook: " + a.rule_id + " no longer reported here: the false positive is fixed, make it ok:");
        break;
      case Annotation::Kind::kOk:
        if (hit) problem(a.target_line, "ok: " + a.rule_id + " must not be reported, but is");
        expected.insert({a.target_line, a.rule_id});  // already failed above; avoid a second message
        break;
      case Annotation::Kind::kTodoRuleId:
        if (hit) problem(a.target_line, "todoruleid: " + a.rule_id + " is reported now: the gap is closed, make it ruleid:");
        expected.insert({a.target_line, a.rule_id});
        break;
    }
  }
  for (const auto& [line, id] : reported) {
    if (expected.count({line, id}) == 0) problem(line, "unexpected finding " + id + " (annotate it with ruleid: or fix the rule)");
  }
  std::sort(outcome.problems.begin(), outcome.problems.end(), [](const std::string& a, const std::string& b) {
    auto num = [](const std::string& s) { return std::stoul(s.substr(5)); };
    return std::make_tuple(num(a), a) < std::make_tuple(num(b), b);
  });
  return outcome;
}

}  // namespace authshift::engine
