#include "scanner/cli/run_main.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <iomanip>
#include <map>
#include <set>

#include "rewriters/file_writer.h"
#include "rewriters/fix.h"
#include "scanner/cli/args.h"
#include "scanner/cli/build_info.h"
#include "scanner/cli/install_hook.h"
#include "scanner/cli/manual.h"
#include "scanner/cli/options.h"
#include "scanner/cli/scan_command.h"
#include "scanner/config/config.h"
#include "scanner/core/unified_diff.h"
#include "scanner/core/walk.h"
#include "scanner/engine/fixture.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/engine/scan.h"
#include "scanner/languages/languages.h"

namespace authshift::cli {
namespace {

namespace fs = std::filesystem;

// --- test ---------------------------------------------------------------------------------------

void CollectFixtures(const std::string& path, std::vector<std::string>* out, std::vector<std::string>* missing) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string name = it->path().filename().string();
      if (name.rfind("README", 0) == 0 || name.find(".fixed") != std::string::npos) continue;
      found.push_back(it->path().string());
    }
    std::sort(found.begin(), found.end());
    out->insert(out->end(), found.begin(), found.end());
  } else if (fs::exists(path, ec)) {
    out->push_back(path);
  } else {
    missing->push_back(path);
  }
}

// `<name>.fixed.<ext>` beside a fixture is the whole expected file after `fix`. It must match
// byte for byte, a fixture whose findings change the file must have one, and fixing the fixed file
// again must change nothing (idempotence).
std::string FixedPathFor(const std::string& path) {
  fs::path p(path);
  std::string ext = p.extension().string();
  return (p.parent_path() / (p.stem().string() + ".fixed" + ext)).string();
}

void CheckFixedFile(const std::string& path, engine::FileAnalysis& analysis, const engine::RuleSet& rules,
                    const engine::Prefilter& prefilter, bool update, engine::FixtureOutcome* outcome) {
  const core::FileChange fix{path, std::string(analysis.source.bytes()), rewriters::FixFile(analysis, {})};
  std::string fixed_path = FixedPathFor(path);
  std::error_code ec;
  if (update) {
    std::string err;
    if (fix.after != fix.before) {
      rewriters::WriteFileAtomically(fixed_path, fix.after, &err);
    } else {
      fs::remove(fixed_path, ec);
    }
  }
  bool has_fixed = fs::exists(fixed_path, ec);
  auto fail = [&](const std::string& what) {
    outcome->passed = false;
    outcome->problems.push_back("line 0: " + what);
  };
  if (!has_fixed) {
    if (fix.after != fix.before) fail("the fixes change this file but " + fixed_path + " does not exist (write the expected result there)");
    return;
  }
  std::string expected;
  std::string err;
  if (!core::ReadFile(fixed_path, &expected, &err)) {
    fail("cannot read " + fixed_path + ": " + err);
    return;
  }
  if (fix.after != expected) {
    std::string diff = core::UnifiedDiff(fixed_path, expected, fix.after);
    fail("the fixed file differs from " + fixed_path + " (- expected, + actual):\n" + diff);
    return;
  }
  const languages::Language& lang2 = languages::Detect(path, expected);
  engine::FileAnalysis again = engine::AnalyzeSource(core::SourceFile(fixed_path, expected), lang2, rules, prefilter);
  if (rewriters::FixFile(again, {}) != expected) fail("fixing " + fixed_path + " again changes it: the fix is not idempotent");
  for (const auto& f : again.findings) {
    if (f.outcome.status == core::FixStatus::kFixed) fail("the fixed file still has a fixable finding");
  }
}

int RunTest(const std::vector<std::string>& argv, Io& io) {
  const OptionTable specs = AllOptions(*FindCommandSpec("test"));
  Args args;
  if (!ParseArgs(argv, 1, specs, "test", &args, io.err)) return kExitUsage;
  config::Config cfg;
  if (!LoadProjectConfig(args, "test", &cfg, io.err)) return kExitUsage;
  frontends::clang_fe::Settings clang_settings;
  if (!ReadCFamilyMode(args, cfg, "authshift test: ", "clang", &clang_settings.mode, io.err)) return kExitUsage;
  frontends::clang_fe::Configure(clang_settings);
  engine::RuleSet rules;
  if (!LoadRuleSet(args, cfg, &rules, io.err)) return kExitUsage;
  std::vector<std::string> files;
  std::vector<std::string> missing;
  std::vector<std::string> roots = args.positional.empty() ? std::vector<std::string>{"fixtures/rules"} : args.positional;
  for (const auto& p : roots) CollectFixtures(p, &files, &missing);
  for (const auto& m : missing) io.err << "authshift test: no such file or directory: " << m << '\n';
  if (!missing.empty()) return kExitUsage;
  if (files.empty()) {
    io.err << "authshift test: no fixture files found under the given paths\n";
    return kExitUsage;
  }
  bool color = WantColor(args, io);
  engine::Prefilter prefilter(rules);
  std::vector<std::string> ids = rules.Ids();
  size_t passed = 0;
  size_t failed = 0;
  for (const auto& path : files) {
    std::string bytes;
    std::string err;
    if (!core::ReadFile(path, &bytes, &err)) {
      io.out << "FAIL " << path << "\n  cannot read: " << err << '\n';
      ++failed;
      continue;
    }
    core::SourceFile file(path, std::move(bytes));
    const languages::Language& lang = languages::Detect(path, file.bytes());
    engine::FileAnalysis analysis = engine::AnalyzeSource(std::move(file), lang, rules, prefilter);
    engine::FixtureOutcome outcome = engine::CheckFixture(analysis.source.bytes(), lang, analysis.findings, ids);
    CheckFixedFile(path, analysis, rules, prefilter, args.Has("--update-fixed"), &outcome);
    if (outcome.passed) {
      ++passed;
      if (args.Has("--verbose")) io.out << (color ? "\x1b[32mPASS\x1b[0m " : "PASS ") << path << " (" << lang.id << ", " << outcome.expected << " expected)\n";
    } else {
      ++failed;
      io.out << (color ? "\x1b[31mFAIL\x1b[0m " : "FAIL ") << path << " (" << lang.id << ")\n";
      for (const auto& p : outcome.problems) io.out << "  " << path << ": " << p << '\n';
    }
  }
  io.out << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? kExitOk : kExitFindings;
}

// --- rules --------------------------------------------------------------------------------------

std::string Join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

int RunRules(const std::vector<std::string>& argv, Io& io) {
  const OptionTable specs = AllOptions(*FindCommandSpec("rules"));
  Args args;
  if (!ParseArgs(argv, 1, specs, "rules", &args, io.err)) return kExitUsage;
  if (!args.positional.empty()) {
    io.err << "authshift rules: unexpected argument '" << args.positional[0] << "' (did you mean --explain " << args.positional[0] << "?)\n";
    return kExitUsage;
  }
  config::Config cfg;
  if (!LoadProjectConfig(args, "rules", &cfg, io.err)) return kExitUsage;
  engine::RuleSet rules;
  if (!LoadRuleSet(args, cfg, &rules, io.err)) return kExitUsage;
  if (auto id = args.Last("--explain")) {
    const engine::Rule* r = rules.Find(*id);
    if (r == nullptr) {
      io.err << "authshift rules: unknown rule id '" << *id << "'";
      std::string near = engine::DidYouMean(*id, rules.Ids());
      if (!near.empty()) io.err << "; did you mean '" << near << "'?";
      io.err << "\nRun 'authshift rules' for the list.\n";
      return kExitUsage;
    }
    io.out << r->id << "\n"
           << "  severity:   " << core::SeverityName(r->severity) << "\n"
           << "  forms:      " << Join(r->forms, ", ") << "\n"
           << "  languages:  " << (r->languages.empty() ? "any" : Join(r->languages, ", ")) << "\n"
           << "  precision:  " << r->precision << "\n"
           << "  fix:        " << r->fix << "\n"
           << "  matcher:    " << engine::MatchKindName(r->kind) << "\n"
           << "  keywords:   " << (r->keywords.empty() ? "(none: runs on every file)" : Join(r->keywords, ", ")) << "\n"
           << "  source:     " << r->source << "\n\n"
           << r->message << "\n\n"
           << r->help;
    if (!r->help.empty() && r->help.back() != '\n') io.out << '\n';
    return kExitOk;
  }
  size_t width = 4;
  for (const auto& r : rules.rules) width = std::max(width, r->id.size());
  io.out << std::left << std::setw(static_cast<int>(width + 2)) << "ID" << std::setw(10) << "SEVERITY"
         << std::setw(14) << "FORMS" << "FIX\n";
  for (const auto& r : rules.rules) {
    io.out << std::left << std::setw(static_cast<int>(width + 2)) << r->id << std::setw(10)
           << core::SeverityName(r->severity) << std::setw(14) << Join(r->forms, ",") << r->fix << '\n';
  }
  return kExitOk;
}

// --- help / version / completion ---------------------------------------------------------------

struct Command {
  std::string_view name;
  std::function<int(const std::vector<std::string>&, Io&)> run;
};

int RunHelp(const std::vector<std::string>& argv, Io& io);

int RunVersion(const std::vector<std::string>&, Io& io) {
  io.out << "authshift " << kVersion << " (commit " << BuildCommit() << ")\n";
  return kExitOk;
}

int RunCompletion(const std::vector<std::string>& argv, Io& io) {
  std::string script = argv.size() == 2 ? Completion(argv[1]) : std::string();
  if (script.empty()) {
    io.err << "authshift completion: expected one shell name: bash, zsh or fish\n";
    return kExitUsage;
  }
  io.out << script;
  return kExitOk;
}

// What each subcommand of CommandSpecs() (options.cc) runs.
const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"completion", RunCompletion},
      {"fix", [](const std::vector<std::string>& a, Io& io) { return RunScanOrFix(a, io, true); }},
      {"help", RunHelp},
      {"install-hook", [](const std::vector<std::string>& a, Io& io) { return RunInstallHook(a, io.out, io.err); }},
      {"rules", RunRules},
      {"scan", [](const std::vector<std::string>& a, Io& io) { return RunScanOrFix(a, io, false); }},
      {"test", RunTest},
      {"version", RunVersion},
  };
  return kCommands;
}

void PrintUsage(std::ostream& out) {
  out << "authshift " << kVersion << " - " << kTagline << "\n\nUsage: authshift COMMAND [options] [PATH...]\n\nCommands:\n";
  constexpr size_t kSummaryColumn = 16;
  for (const auto& c : CommandSpecs()) {
    std::string left = "  " + std::string(c.name);
    out << left << Wrap(c.summary, kSummaryColumn, 80).substr(left.size());
  }
  out << "\n" << Wrap(kExitCodesHelp, 0, 80) << "Run 'authshift help COMMAND' for a command's options.\n";
}

int RunHelp(const std::vector<std::string>& argv, Io& io) {
  if (argv.size() < 2) {
    PrintUsage(io.out);
    return kExitOk;
  }
  const CommandSpec* c = FindCommandSpec(argv[1]);
  if (c == nullptr) {
    io.err << "authshift help: unknown command '" << argv[1] << "'\n";
    return kExitUsage;
  }
  io.out << "Usage: " << c->usage << "\n\n" << Wrap(c->summary, 0, 80);
  if (!c->options.empty()) io.out << "\nOptions:\n";
  for (const OptionTable* t : c->options) PrintOptionTable(*t, io.out);
  return kExitOk;
}

}  // namespace

namespace {

int Dispatch(const std::vector<std::string>& args, Io io) {
  if (args.empty()) {
    PrintUsage(io.err);
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "--help" || name == "-h") return RunHelp({"help"}, io);
  if (name == "--version") return RunVersion(args, io);
  for (const auto& c : Commands()) {
    if (c.name == name) {
      try {
        return c.run(args, io);
      } catch (const std::exception& e) {
        // The one place an exception is caught: a bug or resource exhaustion, never a finding.
        io.err << "authshift " << name << ": internal error: " << e.what() << '\n';
        return kExitUsage;
      }
    }
  }
  std::vector<std::string> names;
  for (const auto& c : Commands()) names.emplace_back(c.name);
  io.err << "authshift: unknown command '" << name << "'";
  std::string near = engine::DidYouMean(name, names);
  if (!near.empty()) io.err << "; did you mean '" << near << "'?";
  io.err << "\nRun 'authshift help' for the commands.\n";
  return kExitUsage;
}

}  // namespace

int RunMain(const std::vector<std::string>& args, Io io) {
  int rc = Dispatch(args, io);
  // A report that did not reach stdout (a full disk, a closed pipe) is an output error, never
  // "findings" or "ok": exit 2 with a message, as for --output.
  io.out.flush();
  if (io.out.fail()) {
    io.err << "authshift " << (args.empty() ? std::string("") : args[0]) << ": cannot write to standard output\n";
    return kExitUsage;
  }
  return rc;
}

}  // namespace authshift::cli
