// Authtoken generation rewritten (lifecycle.h); revocation is in lifecycle_revocation.cc.
#include "rewriters/oauth/common/lifecycle.h"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "rewriters/oauth/common/context.h"
#include "rewriters/oauth/common/refresh.h"
#include "rewriters/oauth/common/lifecycle_base.h"
#include "rewriters/oauth/common/lifecycle_cfamily.h"
#include "rewriters/oauth/common/lifecycle_lines.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {
namespace {

// Authtoken SCOPE (service/api) -> the OAuth scope a self client needs. Checked against Zoho's
// scope lists where they are published (CRM's scopes page, People's); the others follow Zoho's
// service.scope.OPERATION naming and say so.
struct ScopeRow {
  std::string_view service;  // lower case, as in `ZohoCRM/crmapi`
  std::string_view scope;
  bool checked;
};
constexpr ScopeRow kScopes[] = {
    {"zohobooks", "ZohoBooks.fullaccess.all", false},
    {"zohocreator", "ZohoCreator.report.ALL", false},
    {"zohocrm", "ZohoCRM.modules.ALL", true},
    {"zohoinventory", "ZohoInventory.fullaccess.all", false},
    {"zohoinvoice", "ZohoInvoice.fullaccess.all", false},
    {"zohopeople", "ZOHOPEOPLE.forms.ALL", true},
    {"zohoprojects", "ZohoProjects.projects.ALL", false},
    {"zohorecruit", "ZohoRecruit.modules.ALL", false},
    {"zohoreports", "ZohoAnalytics.fullaccess.all", false},
    {"zohosupport", "Desk.tickets.ALL", false},
};


bool Typed(std::string_view lang) { return lang == "java" || lang == "csharp" || lang == "go"; }

// Typed declarations: `String token = `, `HttpResponse<String> resp = `, `var m = `; in Go
// `token := `, `resp, err := `, `var token string = `. Group 1: the name(s), group 2 (Java, C#): the type.
const RE2& TypedAssign(std::string_view lang) {
  static const RE2 kJava(
      R"(^\s*(?:(?:final|readonly|const)\s+)*(?:([A-Za-z_][\w.]*(?:<[^;=()]*>)?(?:\[\])*\??)\s+)?([A-Za-z_]\w*)\s*=[^=])");
  static const RE2 kGo(R"(^\s*(?:var\s+)?([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)(?:\s+[\w.*\[\]]+)?\s*(?::=|=[^=]))");
  return lang == "go" ? kGo : kJava;
}

// The names a typed-language statement's head assigns (Go: all of `a, b :=`), and its declared
// type (Java, C#; empty when none is written).
std::vector<std::string> TypedNames(std::string_view lang, std::string_view stmt, std::string* type = nullptr) {
  static const std::set<std::string, std::less<>> kKeywords = {"if", "for", "switch", "return", "go", "defer", "else",
                                                               "case", "new", "throw", "while", "await"};
  std::string first;
  std::string second;
  re2::StringPiece in(stmt.data(), stmt.size());
  const bool go = lang == "go";
  if (go ? !RE2::PartialMatch(in, TypedAssign(lang), &first) : !RE2::PartialMatch(in, TypedAssign(lang), &first, &second))
    return {};
  if (!go) {
    if (kKeywords.count(first) != 0) return {};
    if (type != nullptr) *type = first;
    return {second};
  }
  std::vector<std::string> out;
  for (size_t pos = 0; pos <= first.size();) {
    size_t e = first.find(',', pos);
    if (e == std::string::npos) e = first.size();
    std::string name = first.substr(pos, e - pos);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (kKeywords.count(name) != 0) return {};
    out.push_back(name);
    pos = e + 1;
  }
  return out;
}

// The assignment target a statement starts with (`token`, `$token`, `TOKEN`), or "".
std::string AssignedName(std::string_view lang, std::string_view stmt) {
  static const RE2 kPy(R"(^\s*([A-Za-z_]\w*)\s*=[^=])");
  static const RE2 kJs(R"(^\s*(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s*=[^=>])");
  static const RE2 kPhp(R"(^\s*(\$\w+)\s*=[^=>])");
  static const RE2 kBash(R"(^\s*(?:local\s+|export\s+|readonly\s+)?([A-Za-z_]\w*)=)");
  if (Typed(lang)) {
    const std::vector<std::string> names = TypedNames(lang, stmt);
    return names.empty() ? "" : names.front();
  }
  const RE2& re = lang == "php" ? kPhp : lang == "bash" ? kBash : lang == "javascript" || lang == "typescript" ? kJs : kPy;
  std::string name;
  Matches(stmt, re, &name);
  return name;
}

// The head of a statement that gives a value: `return `, `token = `, `const t = `, `T=`; else "".
std::string ValueHead(std::string_view lang, std::string_view stmt) {
  static const RE2 kReturn(R"(^(\s*return\s+))");
  static const RE2 kAssign(R"(^(\s*(?:(?:const|let|var|local|export)\s+)?\$?[A-Za-z_$][\w$]*\s*=\s*))");
  static const RE2 kBash(R"(^(\s*(?:local\s+|export\s+)?[A-Za-z_]\w*=))");
  static const RE2 kTyped(
      R"(^(\s*(?:(?:final|readonly|const)\s+)*(?:[A-Za-z_][\w.]*(?:<[^;=()]*>)?(?:\[\])*\??\s+)?[A-Za-z_]\w*\s*=\s*))");
  static const RE2 kGo(R"(^(\s*(?:var\s+)?[A-Za-z_]\w*(?:\s+[\w.*\[\]]+)?\s*:?=\s*))");
  std::string head;
  if (Matches(stmt, kReturn, &head)) return lang == "bash" ? "" : head;
  if (AssignedName(lang, stmt).empty()) return "";
  if (Typed(lang)) {
    Matches(stmt, lang == "go" ? kGo : kTyped, &head);
    return head;
  }
  Matches(stmt, lang == "bash" ? kBash : kAssign, &head);
  return head;
}

// The names a statement sets: assignments on any of its lines, `with … as x`, `catch (e)`; in PHP
// every variable it mentions (out-parameters: `preg_match(…, $m)`).
std::set<std::string> DefinedNames(std::string_view lang, std::string_view stmt) {
  static const RE2 kAs(R"(\bas\s+([A-Za-z_]\w*))");
  static const RE2 kPhpVar(R"((\$\w+))");
  std::set<std::string> out;
  size_t pos = 0;
  while (pos < stmt.size()) {
    size_t e = stmt.find('\n', pos);
    if (e == std::string_view::npos) e = stmt.size();
    const std::string line = std::string(stmt.substr(pos, e - pos)) + " ";
    if (lang == "go") {
      for (const std::string& n : TypedNames(lang, line)) out.insert(n);
    } else if (const std::string name = AssignedName(lang, line); !name.empty()) {
      out.insert(name);
    }
    pos = e + 1;
  }
  re2::StringPiece in(stmt.data(), stmt.size());
  std::string name;
  while (RE2::FindAndConsume(&in, lang == "php" ? kPhpVar : kAs, &name)) out.insert(name);
  return out;
}

// The credential-like names a statement's text reads (e-mail, user, password), PHP with `$`.
std::set<std::string> CredentialNames(std::string_view lang, std::string_view text) {
  static const RE2 kPhp(R"((\$\w+))");
  static const RE2 kWord(R"(\$?\{?([A-Za-z_]\w*))");
  static const RE2 kCredential(R"((?i)(e_?mail|passw|pwd|user|login|secret|_pass$))");
  std::set<std::string> out;
  re2::StringPiece in(text.data(), text.size());
  std::string name;
  while (RE2::FindAndConsume(&in, lang == "php" ? kPhp : kWord, &name)) {
    if (Matches(name, kCredential) && name.find("this") == std::string::npos)
      out.insert(name);
  }
  return out;
}


class Generation : public LifecycleBase {
 public:
  using LifecycleBase::LifecycleBase;
  // Fills the group's edits (ctx_.group()) for the finding at `offset`; returns the detail.
  std::string Fix(size_t offset);

 private:
  // A URL constant read by one statement only: that statement (the constant's line is deleted).
  size_t FollowConstant(size_t line, std::string* notes);
  // Reads of `name` in [from, to) of the source.
  bool ReadIn(std::string_view name, size_t from, size_t to) const {
    return from < to && HasWord(src_.substr(from, to - from), name);
  }
  std::string Credentials(size_t first, size_t last, std::set<size_t>* deleted);
  // TypeScript: a module-level constant of string literals and environment reads that only the
  // deleted code [from, to) read (`const ACCOUNTS: string = process.env.X || '…';`) would fail
  // tsc --noUnusedLocals once the helper's import makes the file a module: it is deleted too.
  std::string UnreadConstants(size_t from, size_t to);
  // Deletes the removed_ statements (adjacent ones merged).
  void DeleteRemoved();
  // The statement that takes AUTHTOKEN out of the answer of the generation at `anchor`; throws
  // Withhold when none does (Unparsed) or a loop or condition does.
  size_t FindParse(size_t anchor) const;
  // Why the answer of the generation at `anchor` is not followed: where it goes instead.
  std::string Unparsed(size_t anchor) const;
  // What the fix deletes (the region [from, to) and the removed_ ranges) and what stays.
  void Split(size_t from, size_t to, std::string* gone_text, std::string* rest) const;
  // Java, C#, Go: checks that the statement at `last` gives one string; Go's `return tok, nil`:
  // what follows the token (`, nil`).
  std::string TypedTail(size_t last) const;
  // Go: the imports only the deleted code [from, to) used (a Go file must not import unused
  // packages) are deleted, and "os" added when `add_os` (the lookup reads it) and missing.
  void DropGoImports(size_t from, size_t to, bool add_os);
  // The head of the function holding `line` (its `def`/`function` line; a brace on a line of its
  // own: the line above it too), or "".
  std::string Head(size_t line) const {
    std::optional<size_t> opener = lines_.Opener(line);
    if (!opener) return "";
    std::string head(lines_.Text(*opener));
    if (*opener > 0 && head.find_first_not_of(" \t{") == std::string::npos) head += lines_.Text(*opener - 1);
    return head;
  }
  std::vector<std::pair<size_t, size_t>> removed_;  // byte ranges the group deletes
};

size_t Generation::FollowConstant(size_t line, std::string* notes) {
  static const RE2 kConstant(R"(^\s*(?:const\s+|let\s+|var\s+|define\(\s*)?(\$?[A-Za-z_]\w*)\s*=\s*["'][^"'\n]*["']\s*;?\s*$)");
  static const RE2 kUpper(R"(^[A-Z][A-Z0-9_]*$)");
  std::string name;
  const std::string_view stmt = lines_.Statement(line);
  // At top level, or a class constant (`AUTH_URL = "…"` in a Ruby class, `const AUTH_URL = '…';`).
  if (lines_.StatementEnd(line) != line || !Matches(lines_.Text(line), kConstant, &name) ||
      (lines_.Indent(line) != 0 && !Matches(name, kUpper)))
    return line;
  std::set<size_t> readers;
  for (size_t l = 0; l < lines_.Count(); ++l) {
    if (l != line && HasWord(lines_.Text(l), name)) readers.insert(lines_.StatementStart(l));
  }
  if (readers.size() != 1) {
    throw Withhold{"the generation URL " + name + " is read by " + std::to_string(readers.size()) +
                   " statements; replace the generation by hand"};
  }
  // With the comment lines right above it (they describe the constant).
  size_t top = line;
  while (top > 0 && lines_.Comment(top - 1) && lines_.Indent(top - 1) == lines_.Indent(line)) --top;
  removed_.emplace_back(lines_.Begin(top), lines_.Begin(line) + stmt.size());
  *notes += "; its URL constant " + name + " is deleted";
  return *readers.begin();
}

std::string Generation::Credentials(size_t first, size_t last, std::set<size_t>* deleted) {
  const size_t from = lines_.Begin(first);
  const size_t to = lines_.End(lines_.StatementEnd(last));
  std::string notes;
  std::string params;
  // The enclosing function's parameter list.
  std::string head = Head(first);
  head = head.substr(std::min(head.size(), head.find('(')));
  for (const std::string& name : CredentialNames(Lang(), src_.substr(from, to - from))) {
    // A shell variable the region expands (`$NAME`, `${NAME}`), not a word of a URL (`PASSWORD=`).
    const std::string_view region = src_.substr(from, to - from);
    const bool env = region.find("$" + name) != std::string_view::npos || region.find("${" + name) != std::string_view::npos;
    std::optional<size_t> def;
    for (size_t l = 0; l < lines_.Count(); ++l) {
      if ((l < first || l > last) && AssignedName(Lang(), lines_.Text(l)) == name) def = def ? std::optional<size_t>(SIZE_MAX) : l;
    }
    if (def && *def != SIZE_MAX) {
      const size_t db = lines_.Begin(*def);
      const size_t de = lines_.End(lines_.StatementEnd(*def));
      // The file without the region and the definition.
      const auto [b1, e1] = db < from ? std::pair(db, de) : std::pair(from, to);
      const auto [b2, e2] = db < from ? std::pair(from, to) : std::pair(db, de);
      const std::string rest = std::string(src_.substr(0, b1)) + std::string(src_.substr(e1, b2 - e1)) +
                               std::string(src_.substr(e2));
      if (!HasWord(rest, name)) {
        removed_.emplace_back(db, de);
        deleted->insert(*def);
        notes += "; " + name + ", read by the generation only, is deleted";
        continue;
      }
      notes += "; " + name + " is still read elsewhere: delete it when nothing needs it";
      continue;
    }
    if (HasWord(head, name)) {
      params += (params.empty() ? "" : ", ") + name;
    } else if (env && Lang() == "bash") {
      notes += "; the environment variable " + name + " is no longer read: remove it where it is set";
    }
  }
  // Environment reads in the deleted code (`getenv('ZOHO_PASSWORD')`, `os.environ["…"]`,
  // `process.env.X`, `ENV.fetch("X")`) that nothing else in the file reads: the setting can go.
  static const RE2 kEnvRead(R"((?:[Gg]etenv\(|GetEnvironmentVariable\(|environ(?:\.get\(|\[)|ENV(?:\.fetch\(|\[)|process\.env\.)\s*["']?([A-Za-z_]\w*))");
  static const RE2 kSecretName(R"((?i)(e_?mail|passw|pwd|user|login))");
  {
    std::string gone_text;
    std::string rest;
    Split(from, to, &gone_text, &rest);
    re2::StringPiece env_in(gone_text.data(), gone_text.size());
    std::string var;
    std::set<std::string> seen;
    while (RE2::FindAndConsume(&env_in, kEnvRead, &var)) {
      if (Matches(var, kSecretName) && seen.insert(var).second && !HasWord(rest, var))
        notes += "; the environment variable " + var + " is no longer read: remove it where it is set";
    }
  }
  // PHP properties (`$this->password`): set elsewhere, perhaps read elsewhere.
  // Ruby instance variables (`@password`) likewise.
  static const RE2 kProperty(R"(\$this->(\w+))");
  static const RE2 kIvar(R"((?:^|[^\w@])@(\w+))");
  static const RE2 kCredential(R"((?i)(e_?mail|passw|pwd|user|login|secret))");
  re2::StringPiece in(src_.data() + from, to - from);
  std::string prop;
  std::set<std::string> props;
  const bool ruby = Lang() == "ruby";
  while ((Lang() == "php" || ruby) && RE2::FindAndConsume(&in, ruby ? kIvar : kProperty, &prop)) {
    if (Matches(prop, kCredential) && props.insert(prop).second) {
      notes += "; " + std::string(ruby ? "@" : "$this->") + prop + " is no longer read here: remove the " +
               (ruby ? "instance variable" : "property") + " where it is set if nothing else reads it";
    }
  }
  if (!params.empty()) {
    notes += "; the parameters " + params + " are no longer used: drop them and what callers pass";
  }
  return notes;
}

std::string Generation::UnreadConstants(size_t from, size_t to) {
  if (Lang() != "typescript" && Lang() != "tsx") return "";
  static const RE2 kDecl(R"(^(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(.+?)\s*;?\s*$)");
  static const RE2 kPure(R"(^(?:\s*(?:'[^'\\\n]*'|"[^"\\\n]*"|process\.env\.\w+)\s*(?:\|\||\?\?)?)+$)");
  const size_t first = lines_.LineOf(from);
  const size_t last = lines_.LineOf(to > from ? to - 1 : from);
  std::string notes;
  for (size_t l = 0; l < lines_.Count(); ++l) {
    std::string name;
    std::string init;
    if ((l >= first && l <= last) || lines_.Indent(l) != 0 || lines_.StatementEnd(l) != l ||
        !RE2::FullMatch(lines_.Text(l), kDecl, &name, &init) || !RE2::FullMatch(init, kPure)) {
      continue;
    }
    removed_.emplace_back(lines_.Begin(l), lines_.End(l));
    std::string gone_text;
    std::string rest;
    Split(from, to, &gone_text, &rest);
    if (HasWord(rest, name) || !ReadIn(name, from, to)) {
      removed_.pop_back();
      continue;
    }
    notes += "; " + name + ", read by the generation only, is deleted";
  }
  return notes;
}

void Generation::Split(size_t from, size_t to, std::string* gone_text, std::string* rest) const {
  std::vector<std::pair<size_t, size_t>> gone = removed_;
  gone.emplace_back(from, to);
  std::sort(gone.begin(), gone.end());
  size_t at = 0;
  for (const auto& [b, e] : gone) {
    if (e <= at) continue;
    const size_t start = std::max(b, at);
    *rest += src_.substr(at, start - at);
    *gone_text += src_.substr(start, e - start);
    at = e;
  }
  *rest += src_.substr(at);
}

std::string Generation::TypedTail(size_t last) const {
  if (!Typed(Lang())) return "";
  const std::string_view stmt = lines_.Statement(last);
  std::string type;
  const std::vector<std::string> names = TypedNames(Lang(), stmt, &type);
  if (names.size() > 1) {
    throw Withhold{"the token is assigned together with other values (" + names.front() + ", " + names[1] +
                   "); replace the generation by hand"};
  }
  if (!type.empty() && type != "String" && type != "string" && type != "var") {
    throw Withhold{"the token is declared as " + type + ", not a string; replace the generation by hand"};
  }
  const std::string head = ValueHead(Lang(), stmt);
  if (Lang() != "go" || head.find("return") == std::string::npos) return "";
  // The first comma outside brackets and strings.
  int depth = 0;
  char quote = 0;
  for (size_t i = head.size(); i < stmt.size(); ++i) {
    const char c = stmt[i];
    if (quote != 0) {
      if (c == '\\' && quote != '`') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'' || c == '`') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      std::string_view tail = stmt.substr(i);
      return std::string(tail.substr(0, tail.find_last_not_of(" \t\r\n") + 1));
    }
  }
  return "";
}

// `pkg.` used in `text` (not `x.pkg.`).
bool UsesPackage(std::string_view text, std::string_view pkg) {
  const std::string use = std::string(pkg) + ".";
  for (size_t p = text.find(use); p != std::string_view::npos; p = text.find(use, p + 1)) {
    if (p == 0 || (text[p - 1] != '.' && std::isalnum(static_cast<unsigned char>(text[p - 1])) == 0 && text[p - 1] != '_'))
      return true;
  }
  return false;
}

void Generation::DropGoImports(size_t from, size_t to, bool add_os) {
  if (Lang() != "go") return;
  std::string gone_text;
  std::string rest;
  Split(from, to, &gone_text, &rest);
  static const RE2 kSpec(R"re(^\s*(?:import\s+)?(?:([A-Za-z_]\w*)\s+)?"([^"]+)"\s*(?://.*)?$)re");
  static const RE2 kHasOs(R"re((?m)^\s*(?:import\s+)?"os"\s*$)re");
  add_os = add_os && !Matches(src_, kHasOs);
  // Where "os" goes: before the first import of the first group that sorts after it.
  std::optional<size_t> os_at;
  bool block = false;
  for (size_t l = 0; l < lines_.Count(); ++l) {
    const std::string_view text = lines_.Text(l);
    if (text.rfind("import (", 0) == 0) {
      block = true;
      continue;
    }
    if (block && (text.rfind(')', 0) == 0 || lines_.Blank(l))) {
      if (!os_at) os_at = lines_.Begin(l);
      if (text.rfind(')', 0) == 0) block = false;
      continue;
    }
    std::string alias;
    std::string path;
    if ((!block && text.rfind("import ", 0) != 0) ||
        !RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kSpec, &alias, &path)) {
      continue;
    }
    if (block && !os_at && path > "os") os_at = lines_.Begin(l);
    std::string name = alias;
    if (name.empty()) {
      name = path.substr(path.rfind('/') + 1);
      static const RE2 kVersion(R"(^v\d+$)");
      if (Matches(name, kVersion) && path.rfind('/') != std::string::npos) {
        const std::string parent = path.substr(0, path.rfind('/'));
        name = parent.substr(parent.rfind('/') + 1);
      }
    }
    if (name == "_" || !UsesPackage(gone_text, name) || UsesPackage(rest, name)) continue;
    const bool here = add_os && os_at == lines_.Begin(l);
    ctx_.Replace(lines_.Begin(l), lines_.End(l), here ? "\t\"os\"" + std::string(ctx_.Eol()) : "");
    if (here) add_os = false;
  }
  if (!add_os) return;
  if (!os_at) throw Withhold{"cannot add the \"os\" import (no import block); replace the generation by hand"};
  ctx_.Insert(*os_at, "\t\"os\"" + std::string(ctx_.Eol()));
}

std::string Generation::Unparsed(size_t anchor) const {
  std::set<std::string> flow = DefinedNames(Lang(), lines_.Statement(anchor));
  static const RE2 kReturn(R"(\breturn\b)");
  static const RE2 kPrint(R"((?i)\b(?:print\w*|echo|puts|console\.log|fmt\.Print\w*|System\.out\.print\w*)\b)");
  int budget = 10;
  for (std::optional<size_t> s = lines_.Next(anchor); s && budget-- > 0; s = lines_.Next(*s)) {
    const std::string_view stmt = lines_.Statement(*s);
    // (Go's error check `if err != nil { return … }` is not where the answer goes.)
    const auto read = std::find_if(flow.begin(), flow.end(), [&](const std::string& n) { return n != "err" && HasWord(stmt, n); });
    if (read == flow.end()) continue;
    const std::string at = " (line " + std::to_string(*s + 1) + ")";
    const RE2 token_call("((?i:[A-Za-z_]\\w*token\\w*))\\s*\\([^()]*" + RE2::QuoteMeta(*read));
    std::string fn;
    if (Matches(stmt, token_call, &fn)) {
      return "the answer of the generation (" + *read + ") is passed to " + fn + "()" + at +
             ", which takes the token out of it elsewhere; replace the generation and that function by hand";
    }
    if (Matches(stmt, kReturn)) {
      return "the answer of the generation (" + *read + ") is returned to the caller" + at +
             " without the token being taken out here; replace the generation, and what its callers do with the answer, by hand";
    }
    if (Matches(stmt, kPrint)) {
      return "the answer of the generation (" + *read + ") is printed" + at +
             " for someone to copy the token; replace the generation by hand with the OAuth access token";
    }
    for (const std::string& n : DefinedNames(Lang(), stmt)) flow.insert(n);
  }
  return "the response of the generation is not parsed for AUTHTOKEN in the same block (it is returned, printed "
         "or passed on); replace it by hand with the OAuth access token";
}

void Generation::DeleteRemoved() {
  std::sort(removed_.begin(), removed_.end());
  std::vector<std::pair<size_t, size_t>> merged;
  for (const auto& r : removed_) {
    if (!merged.empty() && r.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  for (auto [b, e] : merged) {
    // Between two blank lines: one of them goes too (no run of blank lines is left).
    const size_t line = lines_.LineOf(b);
    // (The first line of a block, `class Client` above it, counts as blank: no blank line opens it.)
    const bool blank_before = line == 0 || lines_.Blank(line - 1) || lines_.Indent(line - 1) < lines_.Indent(line);
    if (blank_before && e < src_.size() && lines_.Blank(lines_.LineOf(e))) e = lines_.End(lines_.LineOf(e));
    ctx_.Delete(b, e);
  }
}

size_t Generation::FindParse(size_t anchor) const {
  std::optional<size_t> parse;
  int budget = 10;
  for (std::optional<size_t> s = anchor; s && budget-- > 0; s = lines_.Next(*s)) {
    if (lines_.Statement(*s).find("AUTHTOKEN") != std::string_view::npos) {
      parse = s;
      break;
    }
  }
  if (!parse) throw Withhold{Unparsed(anchor)};
  // A loop or condition whose body takes the token out (`for line in …: if …AUTHTOKEN…`) and keeps
  // it in a variable, a field or a return inside it: no one statement gives the token. (A
  // condition that parses, `if (!preg_match('/AUTHTOKEN=…/', $body, $m))`, is followed below.)
  static const RE2 kCompound(R"(^\s*(?:for|foreach|while|if|each)\b)");
  const std::string_view parse_stmt = lines_.Statement(*parse);
  if (Matches(parse_stmt, kCompound) && ValueHead(Lang(), parse_stmt).empty() &&
      lines_.Text(*parse).find("AUTHTOKEN") == std::string_view::npos) {
    throw Withhold{"the token is taken out of the response inside a loop or condition (line " + std::to_string(*parse + 1) +
                   "), not by one statement that gives it; replace the generation by hand"};
  }
  return *parse;
}

std::string Generation::Fix(size_t offset) {
  // The statement model fits formatted code whose statements are lines (typed declarations of Java,
  // C# and Go included).
  static constexpr std::string_view kShaped[] = {"bash",   "csharp", "go",  "java",      "javascript",
                                                 "php",    "python", "ruby", "tsx",      "typescript"};
  // C and C++: the function that generates the token gets a new body (lifecycle_cfamily.h).
  if (Lang() == "c" || Lang() == "cpp") return FixCFamilyGeneration(ctx_, src_, offset);
  if (std::find(std::begin(kShaped), std::end(kShaped), Lang()) == std::end(kShaped)) {
    throw Withhold{"generation code in " + std::string(Lang()) + " is not rewritten; replace it by hand with the OAuth access token"};
  }
  removed_.clear();
  std::string notes;
  size_t anchor = lines_.StatementStart(lines_.LineOf(offset));
  // An entry of a table of URLs (`"auth": "https://accounts…/apiauthtoken/nb/create",`).
  static const RE2 kEntry(R"(^\s*["']?([\w-]+)["']?\s*(?::|=>)\s*["'])");
  std::string key;
  if (anchor != lines_.LineOf(offset) && Matches(lines_.Text(lines_.LineOf(offset)), kEntry, &key)) {
    const std::string table = AssignedName(Lang(), lines_.Statement(anchor));
    throw Withhold{"the generation URL is the \"" + key + "\" entry of a table of URLs" + (table.empty() ? "" : " (" + table + ")") +
                   ", requested elsewhere; replace the generation where that entry is requested"};
  }
  anchor = FollowConstant(anchor, &notes);
  // Forward: the statement that takes AUTHTOKEN out of the response, then the one giving a value.
  const std::optional<size_t> parse = FindParse(anchor);
  std::optional<size_t> last = parse;
  // Ruby: the method's last expression is its value (`res.body[/^AUTHTOKEN=(\w+)/, 1]`).
  const bool implicit = Lang() == "ruby" && ValueHead(Lang(), lines_.Statement(*parse)).empty() &&
                        !lines_.Next(*parse) && lines_.Opener(*parse).has_value();
  if (!implicit && ValueHead(Lang(), lines_.Statement(*last)).empty()) last = lines_.Next(*last);
  if (!implicit && (!last || ValueHead(Lang(), lines_.Statement(*last)).empty())) {
    throw Withhold{"the token taken out of the response is not assigned or returned by the next statement; "
                   "replace the generation by hand"};
  }
  // A match object (`m = re.search(…)`, `const match = /AUTHTOKEN=…/.exec(t)`) is not the token:
  // the region runs on to the statement that takes the token out of it (`return m[1]`).
  for (int hops = 0; hops < 4; ++hops) {
    const std::string held = AssignedName(Lang(), lines_.Statement(*last));
    const RE2 container("\\Q" + held + "\\E\\s*(\\[|\\.group\\b|\\.groups\\b|\\.Groups\\b)");
    const size_t after = lines_.End(lines_.StatementEnd(*last));
    const size_t stop = lines_.BlockEnd(anchor) >= lines_.Count() ? src_.size() : lines_.Begin(lines_.BlockEnd(anchor));
    if (held.empty() || after >= stop || !Matches(src_.substr(after, stop - after), container)) break;
    std::optional<size_t> s = lines_.Next(*last);
    while (s && (ValueHead(Lang(), lines_.Statement(*s)).empty() || !HasWord(lines_.Statement(*s), held))) s = lines_.Next(*s);
    if (!s) throw Withhold{"the token is taken out of `" + held + "` in a way the fix does not follow; replace the generation by hand"};
    last = s;
  }
  const std::string tail = implicit ? "" : TypedTail(*last);
  const size_t region_end = lines_.End(lines_.StatementEnd(*last));
  const size_t block_end = lines_.Begin(std::min(lines_.BlockEnd(anchor), lines_.Count() - 1));
  const size_t after_to = lines_.BlockEnd(anchor) >= lines_.Count() ? src_.size() : block_end;
  // Backward: assignments that only the region reads (the form, the URL, the e-mail).
  size_t first = anchor;
  for (auto p = lines_.Previous(first); p; p = lines_.Previous(first)) {
    const std::string name = AssignedName(Lang(), lines_.Statement(*p));
    if (name.empty() || ReadIn(name, region_end, after_to)) break;
    if (!HasWord(src_.substr(lines_.Begin(first), region_end - lines_.Begin(first)), name)) break;
    first = *p;
  }
  const std::string target = AssignedName(Lang(), lines_.Statement(*last));
  std::set<std::string> flow;  // names the request's answer flows through
  for (std::optional<size_t> s = first; s && *s <= *last; s = lines_.Next(*s)) {
    const std::string_view stmt = lines_.Statement(*s);
    // After the request, every statement works on its answer: anything else is not deleted.
    const bool reads_flow = std::any_of(flow.begin(), flow.end(), [&](const std::string& n) { return HasWord(stmt, n); });
    if (*s > anchor && !reads_flow) {
      throw Withhold{"line " + std::to_string(*s + 1) + ", between the generation and the parsing of its answer, "
                     "does something else; replace the generation by hand"};
    }
    for (const std::string& name : DefinedNames(Lang(), stmt)) {
      if (*s != *last && name != target && ReadIn(name, region_end, after_to)) {
        throw Withhold{"`" + name + "`, set while generating the token, is read after it; replace the generation by hand"};
      }
      if (*s >= anchor) flow.insert(name);
    }
  }
  // The scope: the old SCOPE value in the region or the enclosing function's head.
  static const RE2 kScope(R"((Zoho[A-Za-z]+)/([a-z]+api))");
  std::string text(src_.substr(lines_.Begin(first), region_end - lines_.Begin(first)));
  text += Head(first);
  for (const auto& [b, e] : removed_) text += src_.substr(b, e - b);
  std::string service;
  // The older form names the API alone (`SCOPE => 'invoiceapi'`).
  static const RE2 kBareScope(R"((?i)\bscope\W{1,8}([a-z]+api)\b)");
  std::string scope_note = "; the self client needs the OAuth scope of the product it calls (the old SCOPE is not written out here)";
  if (Matches(text, kScope, &service) || Matches(text, kBareScope, &service)) {
    const std::string scope = OAuthScopeFor(service);
    if (!scope.empty()) scope_note = "; the self client needs scope " + scope;
  }
  // The accounts server of the generation's data centre.
  std::vector<std::string> accounts = ir::AccountsServersIn(text);
  if (accounts.empty()) accounts = ir::AccountsServersIn(src_);
  ctx_.set_accounts(accounts.size() == 1 ? accounts.front() : "https://accounts.zoho.com");
  ctx_.set_awaited(text.find("await") != std::string::npos);
  std::set<size_t> deleted;
  notes += Credentials(first, *last, &deleted);
  notes += UnreadConstants(lines_.Begin(first), region_end);
  // Go's env lookup: the "os" import is added with the imports the fix drops (one edit per line).
  const bool go_env = Lang() == "go" && !ctx_.Refresh();
  std::string lookup = go_env ? ctx_.LookupText() : ctx_.Lookup();
  // TypeScript's `process.env.X` is `string | undefined`, and the generation gave a string: strict
  // tsc rejects the bare read as a typed return or declaration. Unset reads as "", as Go's does.
  if ((Lang() == "typescript" || Lang() == "tsx") && !ctx_.Refresh() && tail.empty()) {
    const bool single = std::count(src_.begin(), src_.end(), '\'') > std::count(src_.begin(), src_.end(), '"');
    lookup += single ? " ?? ''" : " ?? \"\"";
  }
  const std::string_view last_stmt = lines_.Statement(*last);
  std::string replacement =
      (implicit ? std::string(lines_.Text(*last).substr(0, lines_.Indent(*last))) : ValueHead(Lang(), last_stmt)) + lookup + tail;
  const std::string_view trimmed = last_stmt.substr(0, last_stmt.find_last_not_of(" \t\r\n") + 1);
  if (!trimmed.empty() && trimmed.back() == ';') replacement += ";";
  ctx_.Replace(lines_.Begin(first), region_end, replacement + std::string(ctx_.Eol()));
  DeleteRemoved();
  DropGoImports(lines_.Begin(first), region_end, go_env && lookup.rfind("os.", 0) == 0);
  const bool refresh = ctx_.helper_used();
  std::string what = refresh ? "the refresh helper's access token (set ZOHO_REFRESH_TOKEN, ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET of a self client)"
                             : "the OAuth access token in ZOHO_OAUTH_TOKEN";
  return "the Authtoken generation is replaced by " + what + scope_note + notes +
         "; the password it sent is a leaked credential: have its owner change it";
}


}  // namespace

std::string OAuthScopeFor(std::string_view authtoken_scope) {
  std::string service(authtoken_scope.substr(0, authtoken_scope.find('/')));
  for (char& c : service) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // `invoiceapi` (the API alone) names the service ZohoInvoice.
  if (authtoken_scope.find('/') == std::string_view::npos && service.size() > 3 &&
      service.compare(service.size() - 3, 3, "api") == 0 && service.rfind("zoho", 0) != 0) {
    service = "zoho" + service.substr(0, service.size() - 3);
  }
  for (const ScopeRow& r : kScopes) {
    if (r.service == service) {
      return std::string(r.scope) + (r.checked ? "" : " (by Zoho's service.scope.OPERATION naming: check the product's API scope list)");
    }
  }
  return "";
}

RewriteResult FixGeneration(const FixInput& input, const std::vector<const core::Finding*>& findings,
                            const FixOptions& options) {
  return ForEachFinding<Generation>(input, findings, options);
}


}  // namespace authshift::rewriters::oauth
