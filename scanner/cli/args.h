#pragma once
// Command-line plumbing shared by the subcommands: the option-table parser, colour choice, and
// loading the project configuration and the rule set (with the messages every command prints).
#include <algorithm>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/cli/options.h"
#include "scanner/cli/run_main.h"
#include "scanner/config/config.h"
#include "scanner/engine/rule_loader.h"
#include "scanner/frontends/clang/lower.h"

namespace authshift::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

// Parsed command line of one subcommand: options by name, positional arguments in order.
struct Args {
  std::vector<std::pair<std::string, std::string>> options;  // in order; repeatable
  std::vector<std::string> positional;
  bool Has(std::string_view name) const {
    return std::any_of(options.begin(), options.end(), [&](const auto& o) { return o.first == name; });
  }
  std::optional<std::string> Last(std::string_view name) const {
    std::optional<std::string> v;
    for (const auto& o : options) {
      if (o.first == name) v = o.second;
    }
    return v;
  }
  std::vector<std::string> All(std::string_view name) const {
    std::vector<std::string> v;
    for (const auto& o : options) {
      if (o.first != name) continue;
      // Comma-separated lists are accepted too: --disable a,b
      std::stringstream ss(o.second);
      std::string item;
      while (std::getline(ss, item, ',')) {
        if (!item.empty()) v.push_back(item);
      }
    }
    return v;
  }
};

// Parses argv[begin..] against `specs`; on an unknown or malformed option prints why (naming
// `command`) to `err` and returns false.
bool ParseArgs(const std::vector<std::string>& argv, size_t begin, const OptionTable& specs,
               std::string_view command, Args* out, std::ostream& err);

// --color / --no-color / NO_COLOR against whether stdout is a terminal.
bool WantColor(const Args& args, const Io& io);

// .authshift.yml: --config FILE, or found from the scan root upward; --no-config ignores it.
bool LoadProjectConfig(const Args& args, std::string_view command, config::Config* out, std::ostream& err);

// The rule set of the command line and the configuration (rule paths, --disable, severities).
bool LoadRuleSet(const Args& args, const config::Config& cfg, engine::RuleSet* rules, std::ostream& err);

// --cfamily, else the configuration's `cfamily:`, else `fallback` ("auto"; "clang" where fixes are
// written). On a bad value prints why after `prefix` ("authshift scan: ") and returns false.
bool ReadCFamilyMode(const Args& args, const config::Config& cfg, std::string_view prefix, std::string_view fallback,
                     frontends::clang_fe::CFamilyMode* mode, std::ostream& err);

void PrintOptions(const OptionTable& specs, std::ostream& out);
std::vector<OptionSpec> Concat(const std::vector<OptionSpec>& a, const std::vector<OptionSpec>& b);

}  // namespace authshift::cli
