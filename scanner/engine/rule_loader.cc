#include "scanner/engine/rule_loader.h"

#include "scanner/engine/literal_set.h"

#include <re2/filtered_re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "scanner/engine/advisories.h"
#include "scanner/engine/default_rules.h"
#include "scanner/engine/ir_matcher.h"
#include "scanner/engine/text_matcher.h"
#include "scanner/diag/yaml_diag.h"
#include "scanner/frontends/frontends.h"
#include "scanner/languages/languages.h"

namespace authshift::engine {
namespace {

namespace fs = std::filesystem;


using Diag = diag::YamlDiag;
using diag::NodeTypeName;

bool GetString(const YAML::Node& map, const char* key, bool required, Diag* d, std::string* out) {
  YAML::Node n = map[key];
  if (!n) {
    if (required) d->At(map.Mark(), key, "required field is missing");
    return !required;
  }
  if (!n.IsScalar()) {
    d->At(n.Mark(), key, std::string("expected a string, got ") + NodeTypeName(n));
    return false;
  }
  *out = n.Scalar();
  if (required && out->empty()) {
    d->At(n.Mark(), key, "expected a non-empty string");
    return false;
  }
  return true;
}

bool GetStringList(const YAML::Node& map, const char* key, bool required, Diag* d,
                   std::vector<std::string>* out) {
  YAML::Node n = map[key];
  if (!n) {
    if (required) d->At(map.Mark(), key, "required field is missing");
    return !required;
  }
  if (!n.IsSequence()) {
    d->At(n.Mark(), key, std::string("expected a list of strings, got ") + NodeTypeName(n));
    return false;
  }
  bool ok = true;
  for (const YAML::Node& item : n) {
    if (!item.IsScalar()) {
      d->At(item.Mark(), key, std::string("expected a string item, got ") + NodeTypeName(item));
      ok = false;
      continue;
    }
    out->push_back(item.Scalar());
  }
  return ok;
}

void CheckKeys(const YAML::Node& map, std::string_view where, const std::vector<std::string>& allowed,
               Diag* d) {
  for (const auto& kv : map) {
    std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string msg = "unknown key '" + key + "'";
    if (!where.empty()) msg += " in '" + std::string(where) + "'";
    std::string near = DidYouMean(key, allowed);
    if (!near.empty()) {
      msg += "; did you mean '" + near + "'?";
    } else {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      msg += "; expected one of: " + list;
    }
    d->At(kv.first.Mark(), key, msg);
  }
}

// Literals a file must contain (case-insensitively) for the regex to have a chance: RE2's own
// prefilter analysis. Empty when the regex has no usable literal (the rule then runs on every file).
std::vector<std::string> DeriveKeywords(const std::string& pattern) {
  re2::FilteredRE2 filter(3);
  int id = 0;
  RE2::Options opts;
  opts.set_log_errors(false);
  if (filter.Add(pattern, opts, &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  // The rule matches only if its prefilter formula holds, which needs at least one atom, so the
  // atoms taken as alternatives are a safe (if weaker) condition.
  std::vector<int> none_passed;
  filter.AllPotentials({}, &none_passed);
  if (!none_passed.empty()) return {};  // unfiltered: matches without any atom
  std::set<std::string> unique;
  for (auto& a : atoms) unique.insert(core::AsciiLowered(a));
  return {unique.begin(), unique.end()};
}

const std::vector<std::string> kTopKeys = {"id",        "severity", "message",  "help",
                                           "forms",     "languages", "keywords", "precision",
                                           "tags",      "fix",      "match",    "examples",
                                           "supersedes", "supersedes-on", "keywords-except", "context",
                                           "message-related"};
const std::vector<std::string> kTextMatchKeys = {"kind", "regex", "not-regex"};
const std::vector<std::string> kExampleKeys = {"bad", "good"};
// Every `match.kind` spelling, for "did you mean".
std::vector<std::string> KindNames() {
  std::vector<std::string> names;
  names.reserve(kMatchKindNames.size());
  for (const auto& [kind, name] : kMatchKindNames) names.emplace_back(name);
  return names;
}
// The keys each IR kind takes (besides `kind`).
const std::vector<std::pair<MatchKind, std::vector<std::string>>> kIrKeys = {
    {MatchKind::kUrlParam, {"kind", "name", "host", "path", "path-not", "value", "skip-form-bodies"}},
    {MatchKind::kMapEntry, {"kind", "key", "value", "flows-to", "host"}},
    {MatchKind::kHeader, {"kind", "name", "value", "flows-to"}},
    {MatchKind::kStringValue, {"kind", "regex", "unless-reported-by"}},
    {MatchKind::kZohoKey, {"kind", "key", "value-not", "unless-reported-by"}},
    {MatchKind::kZohoLiteral, {"kind", "value", "name", "name-not", "unless-reported-by"}},
    {MatchKind::kCall, {"kind", "callee", "callee-not", "arg-missing", "unless-last-arg"}},
    {MatchKind::kBindingToSink, {"kind", "value", "sinks"}},
    {MatchKind::kBinding, {"kind", "name", "value"}},
};
const std::vector<std::string> kPrecisions = {"high", "medium", "low"};
// `fix:` takes "none" or a name of the rewriters table, which the caller gives (the engine does
// not know the rewriters).
std::vector<std::string> FixNames(const std::vector<std::string>& rewriters) {
  std::vector<std::string> names = {"none"};
  names.insert(names.end(), rewriters.begin(), rewriters.end());
  return names;
}

std::unique_ptr<RE2> CompileRegex(const YAML::Node& node, std::string_view field, Diag* d) {
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_unique<RE2>(node.Scalar(), opts);
  if (!re->ok()) {
    d->At(node.Mark(), field, "invalid RE2 regex: " + re->error() + " (RE2 syntax: no lookaround or backreferences)");
    return nullptr;
  }
  return re;
}


std::unique_ptr<RE2> OptionalRegex(const YAML::Node& match, const char* key, Diag* d, bool required) {
  YAML::Node n = match[key];
  std::string field = std::string("match.") + key;
  if (!n) {
    if (required) d->At(match.Mark(), field, "required field is missing");
    return nullptr;
  }
  if (!n.IsScalar() || n.Scalar().empty()) {
    d->At(n.Mark(), field, "expected a non-empty RE2 regex string");
    return nullptr;
  }
  return CompileRegex(n, field, d);
}

void ParseIrMatch(const YAML::Node& match, Rule* rule, Diag* d) {
  const std::vector<std::string>* keys = nullptr;
  for (const auto& [kind, k] : kIrKeys) {
    if (kind == rule->kind) keys = &k;
  }
  if (keys == nullptr) return;  // a missing or unknown kind: already reported (found by fuzz_rule_loader)
  CheckKeys(match, "match", *keys, d);
  IrMatcher& m = rule->ir;
  const MatchKind kind = rule->kind;
  if (kind == MatchKind::kUrlParam || kind == MatchKind::kHeader) m.name = OptionalRegex(match, "name", d, true);
  if (kind == MatchKind::kMapEntry) m.name = OptionalRegex(match, "key", d, true);
  if (kind == MatchKind::kUrlParam) {
    m.path = OptionalRegex(match, "path", d, false);
    m.path_not = OptionalRegex(match, "path-not", d, false);
    if (YAML::Node sk = match["skip-form-bodies"]) {
      if (sk.IsScalar() && (sk.Scalar() == "true" || sk.Scalar() == "false")) {
        m.skip_form_bodies = sk.Scalar() == "true";
      } else {
        d->At(sk.Mark(), "match.skip-form-bodies", "expected true or false");
      }
    }
    if (YAML::Node host = match["host"]) {
      std::string h = host.IsScalar() ? host.Scalar() : "";
      if (h == "zoho" || h == "any") {
        m.host_mode = h == "zoho" ? HostMode::kZoho : HostMode::kAny;
      } else if (!h.empty()) {
        m.host_mode = HostMode::kRegex;
        m.host = CompileRegex(host, "match.host", d);
      } else {
        d->At(host.Mark(), "match.host", "expected zoho, any, or a regex on the host");
      }
    }
  }
  if (kind == MatchKind::kMapEntry) {
    if (YAML::Node host = match["host"]) {
      if (host.IsScalar() && host.Scalar() == "zoho") {
        m.skip_sent_elsewhere = true;
      } else {
        d->At(host.Mark(), "match.host", "map-entry takes only host: zoho");
      }
    }
  }
  if (kind == MatchKind::kUrlParam || kind == MatchKind::kMapEntry || kind == MatchKind::kHeader) m.value = OptionalRegex(match, "value", d, false);
  if (kind == MatchKind::kBindingToSink) m.value = OptionalRegex(match, "value", d, true);
  if (kind == MatchKind::kBinding) {
    m.name = OptionalRegex(match, "name", d, true);
    m.value = OptionalRegex(match, "value", d, true);
  }
  if (kind == MatchKind::kStringValue) m.value = OptionalRegex(match, "regex", d, true);
  if (kind == MatchKind::kCall) {
    m.callee = OptionalRegex(match, "callee", d, true);
    m.callee_not = OptionalRegex(match, "callee-not", d, false);
    m.unless_last_arg = OptionalRegex(match, "unless-last-arg", d, false);
    std::string missing;
    if (GetString(match, "arg-missing", false, d, &missing)) m.arg_missing = missing;
  }
  if (YAML::Node flows = match["flows-to"]) {
    if (!flows.IsSequence()) {
      d->At(flows.Mark(), "match.flows-to", "expected a list of {callee: REGEX, arg: NAME-or-INDEX}");
    } else {
      for (const YAML::Node& f : flows) {
        if (!f.IsMap()) {
          d->At(f.Mark(), "match.flows-to", "expected {callee: REGEX, arg: NAME-or-INDEX}");
          continue;
        }
        CheckKeys(f, "match.flows-to", {"callee", "arg"}, d);
        FlowSink sink;
        sink.callee = OptionalRegex(f, "callee", d, true);
        YAML::Node arg = f["arg"];
        if (!arg || !arg.IsScalar() || arg.Scalar().empty()) {
          d->At(f.Mark(), "match.flows-to.arg", "expected an argument name or a 0-based position");
          continue;
        }
        const std::string& a = arg.Scalar();
        if (a.find_first_not_of("0123456789") == std::string::npos) {
          // A position past any real call's arguments is a typo (and must not overflow the int).
          constexpr int kMaxArgIndex = 255;
          int index = -1;
          auto [end, ec] = std::from_chars(a.data(), a.data() + a.size(), index);
          if (ec != std::errc() || end != a.data() + a.size() || index > kMaxArgIndex) {
            d->At(arg.Mark(), "match.flows-to.arg",
                  "argument position " + a + " is out of range (0-" + std::to_string(kMaxArgIndex) + ")");
            continue;
          }
          sink.arg_index = index;
        } else {
          sink.arg_name = a;
        }
        if (sink.callee) m.flows_to.push_back(std::move(sink));
      }
    }
  }
  if (kind == MatchKind::kBindingToSink) GetStringList(match, "sinks", true, d, &m.sinks);
  if (kind == MatchKind::kZohoLiteral) {
    m.value = OptionalRegex(match, "value", d, true);
    m.name = OptionalRegex(match, "name", d, true);
    m.value_not = OptionalRegex(match, "name-not", d, false);
  }
  if (kind == MatchKind::kZohoKey) {
    m.name = OptionalRegex(match, "key", d, true);
    m.value_not = OptionalRegex(match, "value-not", d, false);
  }
  GetStringList(match, "unless-reported-by", false, d, &m.unless_reported_by);
}

}  // namespace

bool Rule::AppliesTo(std::string_view language_id) const {
  if (languages.empty()) return true;
  return std::find(languages.begin(), languages.end(), language_id) != languages.end();
}

const Rule* RuleSet::Find(std::string_view id) const {
  // `rules` is sorted by id once loaded: a binary search, so 100,000 rules do not make every
  // lookup (once per IR match set, per file) linear. A set built unsorted still finds its rules.
  auto it = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const std::unique_ptr<Rule>& r, std::string_view key) { return r->id < key; });
  if (it != rules.end() && (*it)->id == id) return it->get();
  for (const auto& r : rules) {
    if (r->id == id) return r.get();
  }
  return nullptr;
}

std::vector<std::string> RuleSet::Ids() const {
  std::vector<std::string> ids;
  for (const auto& r : rules) ids.push_back(r->id);
  return ids;
}

// `languages:`, `keywords:` and `keywords-except:`.
void ParseLanguagesAndKeywords(const YAML::Node& root, Rule* rule, Diag* d) {
  std::vector<std::string> langs;
  if (GetStringList(root, "languages", true, d, &langs)) {
    std::vector<std::string> known = {"any"};
    for (const auto& l : languages::All()) known.emplace_back(l.id);
    for (const auto& l : langs) {
      if (l == "any") continue;
      if (languages::ById(l) == nullptr) {
        std::string near = DidYouMean(l, known);
        d->At(root["languages"].Mark(), "languages",
             "unknown language '" + l + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
      } else {
        rule->languages.push_back(l);
      }
    }
    if (std::find(langs.begin(), langs.end(), "any") != langs.end()) rule->languages.clear();
  }
  std::vector<std::string> keywords;
  GetStringList(root, "keywords", false, d, &keywords);
  for (auto& k : keywords) {
    if (k.size() < 3) d->At(root["keywords"].Mark(), "keywords", "expected literals of 3 or more characters, got '" + k + "'");
    rule->keywords.push_back(core::AsciiLowered(k));
  }
  std::vector<std::string> except;
  GetStringList(root, "keywords-except", false, d, &except);
  for (auto& w : except) {
    std::string lw = core::AsciiLowered(w);
    bool contains = std::any_of(rule->keywords.begin(), rule->keywords.end(),
                                [&](const std::string& k) { return lw.size() > k.size() && lw.find(k) != std::string::npos; });
    if (!contains) {
      d->At(root["keywords-except"].Mark(), "keywords-except",
           "expected a word longer than a keyword that contains it, got '" + w + "'");
    }
    rule->keywords_except.push_back(lw);
  }
}

// `match:`: its kind, then the text matcher's regexes or the IR kind's keys.
void ParseMatch(const YAML::Node& root, Rule* rule, Diag* d) {
  const YAML::Node match = root["match"];
  if (!match) {
    d->At(root.Mark(), "match", "required field is missing");
  } else if (!match.IsMap()) {
    d->At(match.Mark(), "match", std::string("expected a mapping with 'kind', got ") + NodeTypeName(match));
  } else {
    std::string kind_name;
    GetString(match, "kind", true, d, &kind_name);
    const std::optional<MatchKind> kind = ParseMatchKind(kind_name);
    if (kind) rule->kind = *kind;
    if (!kind_name.empty() && !kind) {
      std::string near = DidYouMean(kind_name, KindNames());
      d->At(match["kind"].Mark(), "match.kind", "unknown matcher kind '" + kind_name + "'; expected one of: text" +
                                                   (near.empty() ? "" : "; did you mean '" + near + "'?"));
    } else if (kind == MatchKind::kText) {
      CheckKeys(match, "match", kTextMatchKeys, d);
      YAML::Node regex = match["regex"];
      if (!regex) {
        d->At(match.Mark(), "match.regex", "required field is missing");
      } else if (!regex.IsScalar() || regex.Scalar().empty()) {
        d->At(regex.Mark(), "match.regex", "expected a non-empty RE2 regex string");
      } else {
        rule->text.regex = CompileRegex(regex, "match.regex", d);
      }
      YAML::Node nots = match["not-regex"];
      if (nots) {
        if (!nots.IsSequence()) {
          d->At(nots.Mark(), "match.not-regex", std::string("expected a list of regexes, got ") + NodeTypeName(nots));
        } else {
          for (const YAML::Node& n : nots) {
            if (!n.IsScalar()) {
              d->At(n.Mark(), "match.not-regex", "expected a regex string");
              continue;
            }
            if (auto re = CompileRegex(n, "match.not-regex", d)) rule->text.not_regex.push_back(std::move(re));
          }
        }
      }
      if (rule->text.regex) {
        const auto& names = rule->text.regex->NamedCapturingGroups();
        if (auto it = names.find("secret"); it != names.end()) rule->text.secret_group = it->second;
        if (auto it = names.find("at"); it != names.end()) rule->text.at_group = it->second;
        if (rule->keywords.empty()) rule->keywords = DeriveKeywords(rule->text.regex->pattern());
      }
    } else if (kind == MatchKind::kSuppression) {
      // The engine's own check of `authshift: ignore` comments; nothing to configure.
      CheckKeys(match, "match", {"kind"}, d);
    } else if (kind) {  // an IR kind (a missing or non-string kind was reported by GetString)
      ParseIrMatch(match, rule, d);
    }
  }
}

// `fix:` (after `tags:`): a rewriter of `fix_names` (any name when null) or none.
void ParseFix(const YAML::Node& root, const std::vector<std::string>* fix_names, Rule* rule, Diag* d) {
  const std::vector<std::string> fixes = fix_names != nullptr ? FixNames(*fix_names) : std::vector<std::string>{};
  if (GetString(root, "fix", true, d, &rule->fix) && !rule->fix.empty() && fix_names != nullptr &&
      std::find(fixes.begin(), fixes.end(), rule->fix) == fixes.end()) {
    std::string near = DidYouMean(rule->fix, fixes);
    std::string list;
    for (const auto& f : fixes) list += (list.empty() ? "" : ", ") + f;
    d->At(root["fix"].Mark(), "fix", "unknown rewriter '" + rule->fix + "'; expected one of: " + list +
                                         (near.empty() ? "" : "; did you mean '" + near + "'?"));
  }
  // Advisories are held back from the report after the scan worker computed fixes (advisories.h):
  // an advisory rule that fixed something would change files the user is not shown.
  if (std::find(rule->tags.begin(), rule->tags.end(), kAdvisoryTag) != rule->tags.end() && !rule->fix.empty() &&
      rule->fix != "none") {
    d->At(root["fix"].Mark(), "fix", "an advisory rule (tag 'advisory') must be report-only: fix: none");
  }
}

std::unique_ptr<Rule> ParseRule(std::string_view id, std::string_view source, std::string_view text,
                                std::vector<std::string>* errors, const std::vector<std::string>* fix_names) {
  Diag d(source, errors);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    d.At(e.mark, "", "invalid YAML: " + e.msg);
    return nullptr;
  }
  if (!root.IsMap()) {
    d.At(root.Mark(), "", std::string("expected a mapping of rule fields, got ") + NodeTypeName(root));
    return nullptr;
  }
  auto rule = std::make_unique<Rule>();
  rule->id = std::string(id);
  rule->source = std::string(source);
  CheckKeys(root, "", kTopKeys, &d);

  std::string declared_id;
  if (GetString(root, "id", false, &d, &declared_id) && !declared_id.empty() && declared_id != id) {
    d.At(root["id"].Mark(), "id", "must equal the file name's stem '" + std::string(id) + "', got '" + declared_id + "'");
  }
  std::string severity;
  if (GetString(root, "severity", true, &d, &severity) && !severity.empty()) {
    auto s = core::ParseSeverity(severity);
    if (!s) {
      d.At(root["severity"].Mark(), "severity", "expected one of error, warning, note, got '" + severity + "'");
    } else {
      rule->severity = *s;
    }
  }
  GetString(root, "message", true, &d, &rule->message);
  GetString(root, "message-related", false, &d, &rule->message_related);
  GetString(root, "help", true, &d, &rule->help);
  if (GetStringList(root, "forms", true, &d, &rule->forms)) {
    static const RE2 kForm("F([1-9]|1[0-5])");
    for (const auto& f : rule->forms) {
      if (!RE2::FullMatch(f, kForm)) d.At(root["forms"].Mark(), "forms", "expected form ids F1..F15, got '" + f + "'");
    }
  }
  ParseLanguagesAndKeywords(root, rule.get(), &d);
  if (GetString(root, "precision", true, &d, &rule->precision) && !rule->precision.empty() &&
      std::find(kPrecisions.begin(), kPrecisions.end(), rule->precision) == kPrecisions.end()) {
    d.At(root["precision"].Mark(), "precision", "expected one of high, medium, low, got '" + rule->precision + "'");
  }
  GetStringList(root, "tags", false, &d, &rule->tags);
  ParseFix(root, fix_names, rule.get(), &d);
  ParseMatch(root, rule.get(), &d);
  std::string context;
  if (GetString(root, "context", false, &d, &context) && !context.empty()) {
    if (context != "zoho") d.At(root["context"].Mark(), "context", "expected zoho, got '" + context + "'");
    rule->needs_zoho_context = context == "zoho";
  }
  std::string supersedes_on;
  if (GetString(root, "supersedes-on", false, &d, &supersedes_on) && !supersedes_on.empty()) {
    if (supersedes_on != "file" && supersedes_on != "line") {
      d.At(root["supersedes-on"].Mark(), "supersedes-on", "expected file or line, got '" + supersedes_on + "'");
    }
    rule->supersede_lines = supersedes_on == "line";
  }
  if (GetStringList(root, "supersedes", false, &d, &rule->supersedes) && !rule->supersedes.empty() &&
      rule->kind == MatchKind::kText) {
    d.At(root["supersedes"].Mark(), "supersedes", "only IR rules (match.kind other than text) can supersede text rules");
  }

  YAML::Node examples = root["examples"];
  if (!examples) {
    d.At(root.Mark(), "examples", "required field is missing (a 'bad' list that must match and a 'good' list that must not)");
  } else if (!examples.IsMap()) {
    d.At(examples.Mark(), "examples", std::string("expected a mapping with 'bad' and 'good', got ") + NodeTypeName(examples));
  } else {
    CheckKeys(examples, "examples", kExampleKeys, &d);
    GetStringList(examples, "bad", true, &d, &rule->examples.bad);
    GetStringList(examples, "good", false, &d, &rule->examples.good);
  }

  if (d.count() > 0) return nullptr;

  // A keyword the regex can match without is a prefilter bug: every bad example must contain one.
  if (!rule->keywords.empty()) {
    for (const auto& bad : rule->examples.bad) {
      bool hit = !LiteralSet(rule->keywords, ExceptionsFor(rule->keywords, rule->keywords_except)).Find(bad).empty();
      if (!hit) d.At(root["keywords"] ? root["keywords"].Mark() : root.Mark(), "keywords",
                     "no keyword occurs in bad example (the prefilter would skip it): " + bad);
    }
  }
  if (rule->kind == MatchKind::kSuppression) return d.count() > 0 ? nullptr : std::move(rule);
  if (rule->IsIr()) {
    // IR rules run where a frontend builds facts: they name their languages, and need keywords so
    // that files without them are never parsed.
    if (rule->languages.empty()) d.At(root["languages"].Mark(), "languages", "an IR rule must list the languages it runs on");
    for (const auto& l : rule->languages) {
      if (!frontends::HasFrontend(l)) d.At(root["languages"].Mark(), "languages", "no frontend builds IR facts for '" + l + "' yet");
    }
    if (rule->keywords.empty()) d.At(root.Mark(), "keywords", "an IR rule must declare keywords (the prefilter cannot derive them)");
    if (d.count() > 0) return nullptr;
    return rule;  // examples run once the whole set is loaded (CheckIrExamples)
  }
  // The rule's own examples are its smallest test: they run at every load.
  for (const auto& bad : rule->examples.bad) {
    if (MatchText(*rule, bad).empty()) d.At(examples["bad"].Mark(), "examples.bad", "example does not match the rule: " + bad);
  }
  for (const auto& good : rule->examples.good) {
    if (!MatchText(*rule, good).empty()) d.At(examples["good"].Mark(), "examples.good", "example matches the rule but must not: " + good);
  }
  if (d.count() > 0) return nullptr;
  return rule;
}

namespace {

bool ReadWhole(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}


// IR rules' examples are code in the rule's first language, run through that language's frontend
// (binding-to-sink examples also run the sink rules).
void CheckIrExamples(const Rule& rule, const RuleSet& set, std::vector<std::string>* errors) {
  auto matches = [&](const std::string& code) {
    auto facts = frontends::BuildFacts(rule.languages.front(), code);
    if (!facts) return false;
    IrContext ctx{*facts, code, true, nullptr, nullptr, rule.languages.front()};
    std::vector<std::pair<std::string, std::vector<TextMatch>>> sinks;
    for (const auto& list : {rule.ir.sinks, rule.ir.unless_reported_by}) {
      for (const auto& id : list) {
        if (const Rule* s = set.Find(id)) sinks.emplace_back(id, MatchIr(*s, ctx));
      }
    }
    ctx.sink_matches = &sinks;
    return !MatchIr(rule, ctx).empty();
  };
  for (const auto& bad : rule.examples.bad) {
    if (!matches(bad)) errors->push_back(rule.source + ": field 'examples.bad': example does not match the rule: " + bad);
  }
  for (const auto& good : rule.examples.good) {
    if (matches(good)) errors->push_back(rule.source + ": field 'examples.good': example matches the rule but must not: " + good);
  }
}

}  // namespace

bool LoadRules(const LoadOptions& options, RuleSet* out, std::vector<std::string>* errors) {
  size_t errors_before = errors->size();
  std::map<std::string, std::string> id_source;  // id -> where first defined
  auto add = [&](std::string_view id, const std::string& source, std::string_view text) {
    auto rule = ParseRule(id, source, text, errors, &options.fix_names);
    if (!rule) return;
    auto [it, inserted] = id_source.emplace(rule->id, source);
    if (!inserted) {
      errors->push_back(source + ": duplicate rule id '" + rule->id + "' (already defined by " + it->second + ")");
      return;
    }
    out->rules.push_back(std::move(rule));
  };
  if (options.default_rules) {
    for (const auto& f : DefaultRuleFiles()) {
      std::string name(f.name);
      std::string stem = name.substr(0, name.rfind('.'));
      add(stem, "<builtin>/rules/" + name, f.data);
    }
  }
  for (const auto& path : options.rule_paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
      errors->push_back(path + ": no such rule file or directory");
      continue;
    }
    std::vector<fs::path> files;
    if (fs::is_directory(st)) {
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->path().filename() == "schema" && it->is_directory()) {
          it.disable_recursion_pending();  // rules/schema/ holds the JSON Schema, not rules
          continue;
        }
        auto ext = it->path().extension();
        if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
    } else {
      files.emplace_back(path);
    }
    for (const auto& f : files) {
      std::string text;
      if (!ReadWhole(f, &text)) {
        errors->push_back(f.string() + ": cannot read rule file");
        continue;
      }
      add(f.stem().string(), f.string(), text);
    }
  }
  std::sort(out->rules.begin(), out->rules.end(), [](const auto& a, const auto& b) { return a->id < b->id; });
  std::vector<std::string> ids = out->Ids();
  for (const auto& r : out->rules) {
    if (!r->IsIr()) continue;
    for (const auto& list : {r->supersedes, r->ir.sinks, r->ir.unless_reported_by}) {
      for (const auto& id : list) {
        if (out->Find(id) != nullptr) continue;
        std::string near = DidYouMean(id, ids);
        errors->push_back(r->source + ": rule '" + r->id + "' names unknown rule '" + id + "'" +
                          (near.empty() ? "" : "; did you mean '" + near + "'?"));
      }
    }
    if (options.check_builtin_ir_examples || r->source.rfind("<builtin>/", 0) != 0) CheckIrExamples(*r, *out, errors);
  }
  for (const auto& id : options.disabled) {
    auto it = std::find_if(out->rules.begin(), out->rules.end(), [&](const auto& r) { return r->id == id; });
    if (it == out->rules.end()) {
      std::string near = DidYouMean(id, ids);
      errors->push_back("--disable: unknown rule id '" + id + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?"));
      continue;
    }
    out->rules.erase(it);
  }
  return errors->size() == errors_before;
}

}  // namespace authshift::engine
