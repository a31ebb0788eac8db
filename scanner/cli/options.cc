#include "scanner/cli/options.h"

#include <algorithm>

namespace authshift::cli {

const OptionTable kRuleOptions = {
    {"--config", "FILE", "settings from FILE instead of the .authshift.yml found from the scan root upward"},
    {"--no-config", "", "ignore .authshift.yml"},
    {"--rules", "PATH", "add rule files or directories (repeatable)"},
    {"--no-default-rules", "", "do not load the built-in rule pack"},
    {"--disable", "RULE", "drop a rule by id (repeatable, or comma-separated)"},
};

const OptionTable kScanOptions = {
    {"--format", "FORMAT",
     "text (default), json, sarif, diff (the fixes as one unified diff), gitlab-sast (GitLab security report), "
     "codeclimate (GitLab Code Quality), junit, plan (the migration plan in Markdown) or plan-json",
     "text json sarif diff gitlab-sast codeclimate junit plan plan-json"},
    {"--sarif-category", "NAME", "sarif format: runAutomationDetails.id (\"NAME/\"), to tell runs apart on GitHub"},
    {"--output", "FILE", "write the report to FILE (atomically) instead of stdout"},
    {"--fail-on", "SEVERITY", "lowest severity that makes the exit code 1: error, warning (default), note, none",
     "error warning note none"},
    {"--jobs", "N", "number of threads (default: all cores)"},
    {"-p", "DIR", "C/C++: the directory holding compile_commands.json (default: the scan root or its build/)"},
    {"--cfamily", "MODE",
     "C/C++: auto (the scan default: Clang for files a compile database covers, tree-sitter for the others), "
     "clang (the fix default: Clang for every file) or tree-sitter",
     "auto clang tree-sitter"},
    {"--max-file-size", "SIZE", "skip files larger than this (default 2M; suffixes K, M, G)"},
    {"--no-git", "", "walk directories without asking git which files are tracked or ignored"},
    {"--verbose", "", "also list skipped files, first syntax errors, the path each C/C++ file took (clang or tree-sitter) and whether each JavaScript file runs in a browser, on stderr"},
    {"--quiet", "", "text format: one line per finding, no snippet, no summary"},
    {"--color", "WHEN", "auto (default), always or never", "auto always never"},
    {"--no-color", "", "same as --color never"},
    {"--baseline", "FILE", "report only findings whose fingerprints are not in FILE (new findings)"},
    {"--write-baseline", "FILE", "record the current findings' fingerprints in FILE (exit 0: accepted)"},
    {"--deluge-connection", "NAME", "Deluge fixes: the connection link name (default: per product, e.g. zohobooks)"},
    {"--deluge-mode", "MODE", "Deluge fixes: connection (default) or header (Zoho-oauthtoken with the token variable)",
     "connection header"},
    {"--token-source", "MODE", "non-Deluge fixes: env (default: read ZOHO_OAUTH_TOKEN) or refresh (a helper file that exchanges ZOHO_REFRESH_TOKEN for access tokens)",
     "env refresh"},
    {"--staged", "", "scan the staged content (git index) of the added/changed files, not the work tree"},
    {"--diff-base", "REV", "report only findings on lines added or changed since commit REV (git)"},
    {"--advisories", "", "also list advisory findings (default: counted in the plan: lines)"},
    {"--profile", "", "print where the CPU time went (per stage, and per language for parsing) on stderr"},
};

const OptionTable kFixOnlyOptions = {
    {"--dry-run", "", "print the fixes as a unified diff instead of writing files"},
};

const OptionTable kTestOptions = {
    {"--verbose", "", "list passing fixtures too"},
    {"--update-fixed", "", "write each fixture's <name>.fixed.<ext> from the current fixes (review the diff!)"},
    {"--cfamily", "MODE", "C/C++ fixtures: clang (default: fixtures check fixes, as fix does), auto or tree-sitter", "auto clang tree-sitter"},
    {"--no-color", "", "never colour the output"},
};

const OptionTable kRulesCmdOptions = {
    {"--explain", "ID", "show everything about one rule"},
};

const OptionTable kInstallHookOptions = {
    {"--force", "", "replace an existing pre-commit hook that authshift did not install"},
    {"--path", "DIR", "the repository (default: the current directory)"},
    {"--binary", "PATH", "what the hook runs (default: this authshift's absolute path)"},
};

const OptionTable kGlobalOptions = {
    {"--help", "", "show the command list (also -h)"},
    {"--version", "", "print the version and the commit it was built from"},
};

const std::vector<std::string_view>& ReportFormats() {
  static const std::vector<std::string_view> kFormats = {"text",  "json",        "sarif", "diff",      "gitlab-sast",
                                                          "codeclimate", "junit", "plan", "plan-json"};
  return kFormats;
}

const std::vector<CommandSpec>& CommandSpecs() {
  static const std::vector<CommandSpec> kCommands = {
      {"completion", "authshift completion SHELL",
       "print the completion script for SHELL (bash, zsh or fish)", {}, "SHELL"},
      {"fix", "authshift fix [--dry-run] [options] [PATH...]", "apply the fixes in place (atomically), or print them",
       {&kFixOnlyOptions, &kScanOptions, &kRuleOptions}, "PATH"},
      {"help", "authshift help [COMMAND]", "show help for a command", {}, "COMMAND"},
      {"install-hook", "authshift install-hook [--force] [--path DIR] [--binary PATH]",
       "write a native git pre-commit hook that runs authshift", {&kInstallHookOptions}, ""},
      {"rules", "authshift rules [--explain ID] [rule options]", "list the loaded rules, or explain one",
       {&kRulesCmdOptions, &kRuleOptions}, ""},
      {"scan", "authshift scan [options] [PATH...]", "report Authtoken usage under PATHs (default: .)",
       {&kScanOptions, &kRuleOptions}, "PATH"},
      {"test", "authshift test [options] [PATH...]", "run annotated rule fixtures (default: fixtures/rules)",
       {&kTestOptions, &kRuleOptions}, "PATH"},
      {"version", "authshift version", "print the version and the commit it was built from", {}, ""},
  };
  return kCommands;
}

const CommandSpec* FindCommandSpec(std::string_view name) {
  for (const auto& c : CommandSpecs()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

OptionTable AllOptions(const CommandSpec& command) {
  OptionTable all;
  for (const OptionTable* t : command.options) all.insert(all.end(), t->begin(), t->end());
  return all;
}

std::string Wrap(std::string_view text, size_t indent, size_t width) {
  std::string out;
  std::string line(indent, ' ');
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    bool line_empty = line.size() == indent;
    if (!line_empty && line.size() + 1 + word.size() > width) {
      out += line + '\n';
      line.assign(indent, ' ');
      line_empty = true;
    }
    if (!line_empty) line += ' ';
    line += word;
  }
  if (line.size() > indent) out += line + '\n';
  return out;
}

void PrintOptionTable(const OptionTable& specs, std::ostream& out, size_t width) {
  // Help text starts at this column; a longer "name VALUE" gets the help on the next line.
  constexpr size_t kHelpColumn = 26;
  for (const auto& s : specs) {
    std::string left = "  " + std::string(s.name) + (s.value.empty() ? "" : " " + std::string(s.value));
    std::string help = Wrap(s.help, kHelpColumn, width);
    if (help.empty()) {
      out << left << '\n';
    } else if (left.size() + 1 < kHelpColumn) {
      out << left << help.substr(left.size());
    } else {
      out << left << '\n' << help;
    }
  }
}

}  // namespace authshift::cli
