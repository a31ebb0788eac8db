#include "scanner/cli/args.h"

#include <algorithm>
#include <cstdlib>

#include "rewriters/fix.h"
#include "scanner/core/walk.h"

namespace authshift::cli {
namespace {

std::string DidYouMeanOption(std::string_view word, const OptionTable& specs) {
  std::vector<std::string> names;
  for (const auto& s : specs) names.emplace_back(s.name);
  return engine::DidYouMean(word, names);
}

}  // namespace

bool ParseArgs(const std::vector<std::string>& argv, size_t begin, const OptionTable& specs,
               std::string_view command, Args* out, std::ostream& err) {
  bool only_positional = false;
  for (size_t i = begin; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (only_positional || a.size() < 2 || a[0] != '-' ) {
      out->positional.push_back(a);
      continue;
    }
    if (a == "--") {
      only_positional = true;
      continue;
    }
    std::string name = a;
    std::optional<std::string> value;
    if (size_t eq = a.find('='); eq != std::string::npos && a.rfind("--", 0) == 0) {
      name = a.substr(0, eq);
      value = a.substr(eq + 1);
    }
    auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      err << "authshift " << command << ": unknown option '" << name << "'";
      std::string near = DidYouMeanOption(name, specs);
      if (!near.empty()) err << "; did you mean '" << near << "'?";
      err << "\nRun 'authshift help " << command << "' for the options.\n";
      return false;
    }
    if (!spec->value.empty() && !value) {
      if (i + 1 >= argv.size()) {
        err << "authshift " << command << ": option '" << name << "' needs a value\n";
        return false;
      }
      value = argv[++i];
    } else if (spec->value.empty() && value) {
      err << "authshift " << command << ": option '" << name << "' takes no value\n";
      return false;
    }
    out->options.emplace_back(name, value.value_or(""));
  }
  return true;
}


bool WantColor(const Args& args, const Io& io) {
  if (std::getenv("NO_COLOR") != nullptr && std::getenv("NO_COLOR")[0] != '\0') return false;
  if (args.Has("--no-color")) return false;
  std::string mode = args.Last("--color").value_or("auto");
  if (mode == "always") return true;
  if (mode == "never") return false;
  return io.out_is_tty;
}

bool LoadProjectConfig(const Args& args, std::string_view command, config::Config* out, std::ostream& err) {
  *out = config::Config();
  if (args.Has("--no-config")) return true;
  std::optional<std::string> path = args.Last("--config");
  if (!path) path = config::FindConfig(core::ScanRootFor(args.positional));
  if (!path) return true;
  std::vector<std::string> errors;
  if (config::LoadConfig(*path, out, &errors)) return true;
  for (const auto& e : errors) err << "error: " << e << '\n';
  err << "authshift " << command << ": " << errors.size() << " configuration error" << (errors.size() == 1 ? "" : "s")
      << "; nothing was scanned\n";
  return false;
}

bool ReadCFamilyMode(const Args& args, const config::Config& cfg, std::string_view prefix, std::string_view fallback,
                     frontends::clang_fe::CFamilyMode* mode, std::ostream& err) {
  const std::optional<std::string> flag = args.Last("--cfamily");
  const std::string text = flag ? *flag : cfg.cfamily.value_or(std::string(fallback));
  const std::optional<frontends::clang_fe::CFamilyMode> parsed = frontends::clang_fe::ParseCFamilyMode(text);
  if (!parsed) {
    err << prefix << "--cfamily must be auto, clang or tree-sitter, got '" << text << "'\n";
    return false;
  }
  *mode = *parsed;
  return true;
}

bool LoadRuleSet(const Args& args, const config::Config& cfg, engine::RuleSet* rules, std::ostream& err) {
  engine::LoadOptions lo;
  lo.default_rules = !args.Has("--no-default-rules");
  lo.rule_paths = cfg.rule_paths;
  for (auto& p : args.All("--rules")) lo.rule_paths.push_back(p);
  lo.disabled = args.All("--disable");
  lo.fix_names = rewriters::RewriterNames();
  std::vector<std::string> errors;
  auto fail = [&]() {
    for (const auto& e : errors) err << "error: " << e << '\n';
    err << "authshift: " << errors.size() << " rule error" << (errors.size() == 1 ? "" : "s") << "; nothing was scanned\n";
    return false;
  };
  if (!engine::LoadRules(lo, rules, &errors)) return fail();
  std::vector<std::string> known = rules->Ids();
  known.insert(known.end(), lo.disabled.begin(), lo.disabled.end());  // dropped by --disable, still known
  if (!config::UnknownRuleIds(cfg, known, &errors).empty()) return fail();
  std::erase_if(rules->rules, [&](const auto& r) {
    return std::find(cfg.disable.begin(), cfg.disable.end(), r->id) != cfg.disable.end();
  });
  for (auto& r : rules->rules) {
    if (auto it = cfg.severity.find(r->id); it != cfg.severity.end()) r->severity = it->second;
  }
  if (rules->rules.empty()) {
    err << "authshift: no rules loaded (--no-default-rules without --rules?)\n";
    return false;
  }
  return true;
}

}  // namespace authshift::cli
