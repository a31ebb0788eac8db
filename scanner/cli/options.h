#pragma once
// The command and option tables of the CLI. They are the one source for argument parsing
// (run_main.cc), `authshift help`, the man page and the shell completions (manual.cc), so none of
// those can drift from what the parser accepts. A new option is one row here; a new subcommand is
// one row in CommandSpecs() plus its function in run_main.cc.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace authshift::cli {

struct OptionSpec {
  std::string_view name;   // "--format"
  std::string_view value;  // metavariable ("FORMAT"), empty for a flag
  std::string_view help;   // one sentence, lower case, no final period
  // What completions offer for the value: space-separated words ("text json sarif"). Empty: the
  // metavariable decides (FILE, PATH: file names; DIR: directories; anything else: nothing).
  std::string_view choices = {};
};

using OptionTable = std::vector<OptionSpec>;

struct CommandSpec {
  std::string_view name;      // "scan"
  std::string_view usage;     // "authshift scan [options] [PATH...]"
  std::string_view summary;   // one line for the command list
  std::vector<const OptionTable*> options;  // in the order help shows them
  // What positional arguments are, for completions: "PATH" (files and directories), "COMMAND"
  // (a subcommand name), "SHELL" (bash zsh fish) or empty (none).
  std::string_view positional;
};

extern const OptionTable kRuleOptions;
extern const OptionTable kScanOptions;
extern const OptionTable kFixOnlyOptions;
extern const OptionTable kTestOptions;
extern const OptionTable kRulesCmdOptions;
extern const OptionTable kInstallHookOptions;

// The global options accepted before (instead of) a command.
extern const OptionTable kGlobalOptions;

// The report formats of scan --format, in the order help lists them.
const std::vector<std::string_view>& ReportFormats();

// The subcommands, sorted by name.
const std::vector<CommandSpec>& CommandSpecs();
const CommandSpec* FindCommandSpec(std::string_view name);
// Every option of a command, tables concatenated in order.
OptionTable AllOptions(const CommandSpec& command);

// The help layout: "  NAME VALUE" padded to a column, then the help text wrapped so that no line
// is wider than `width` (continuation lines are indented to the help column).
void PrintOptionTable(const OptionTable& specs, std::ostream& out, size_t width = 80);
// `text` wrapped at spaces into lines of at most `width` characters, each after `indent` spaces
// (the first line too). A word longer than the width stays whole on its own line.
std::string Wrap(std::string_view text, size_t indent, size_t width);

}  // namespace authshift::cli
