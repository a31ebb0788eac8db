#pragma once
// `.authshift.yml`: per-repository settings for scan, fix, test and rules. Found from the scan root
// upward (FindConfig) or given with `--config FILE`; command-line flags win over it, and it wins
// over the built-in defaults.
//
// Every key (all optional; an empty file is a valid, empty configuration):
//
//   version: 1          # must be 1 when present
//   include: ["src/**", "functions/**/*.dg"]
//                       # globs (glob.h) on paths relative to the config file's directory; a file
//                       # is scanned only if one matches. Empty or absent: all the walk lists
//   exclude: ["**/vendor/**", "legacy/*.php"]
//                       # globs; a file any of them matches is not scanned (wins over include)
//   rules: ["ci/authshift-rules/"]
//                       # extra rule files or directories, relative to the config file's
//                       # directory (like --rules; added to the command line's)
//   disable: [zoho-authtoken-config]
//                       # rule ids to drop (like --disable; added to the command line's)
//   severity: {zoho-authtoken-config: error}
//                       # rule id -> error | warning | note: the rule's severity (matches in
//                       # comments and Markdown stay notes at most)
//   languages: {deluge: ["*.txt", "scripts/zoho/*"], php: ["*.inc"]}
//                       # language id (scanner/languages/languages.cc) -> globs forcing that
//                       # language over detection; the first listed language that matches wins
//   fail-on: error      # error | warning | note | none (like --fail-on)
//   cfamily: clang      # auto | clang | tree-sitter (like --cfamily): how C/C++ files are lowered
//   max-file-size: 4M   # like --max-file-size: bytes, or a K/M/G (KB/MB/GB, KiB/MiB/GiB) suffix;
//                       # more than 0
//   deluge:
//     connection: zbooks
//                       # the connection link name of every Deluge fix (like --deluge-connection)
//     connections: {books: zbooks, crm: zcrm}
//                       # per product; a product not listed gets `connection`, else its default
//                       # link name ("zoho" + product). Products: books invoice crm desk
//                       # subscriptions creator inventory. Link names: letters, digits and '_'
//     mode: connection  # connection (default): invokeurl + connection: "<name>";
//                       # header: keep the call, send Authorization: Zoho-oauthtoken
//   token-source:       # language id -> the expression that replaces a hard-coded token literal
//     python: os.environ["ZOHO_OAUTH_TOKEN"]     # in that language's fixes
//     php: getenv('ZOHO_OAUTH_TOKEN')
//     ruby: refresh     # or the mode: refresh (the helper file) / env; `token-source: refresh` for all
//     javascript: {helper: "./lib/zohoToken:getToken"}
//                       # refresh mode with an existing helper, "<module>:<function>" (python,
//                       # javascript, typescript, tsx, java, csharp): imported and called with the
//                       # accounts server URL; no helper file is added
//   advisories: true    # boolean (default false): scan and fix list the findings of advisory rules
//                       # (like --advisories); otherwise they are only counted (engine/advisories.h)
//   fix:
//     rename-config-keys: true
//                       # boolean (default false: config keys are report-only): `fix` renames
//                       # Authtoken config keys (.env, YAML, JSON, TOML, INI) to their OAuth name
//                       # with the value removed (rewriters/config/config_rename.h)
//     rename-options: true
//                       # boolean (default false: client option slots are report-only): `fix`
//                       # renames an `authtoken=` / `auth_token:` option slot of a Zoho client
//                       # constructor to `access_token` (rewriters/oauth/common/option_rename.cc)
//
// Validation: unknown keys (with a "did you mean"), duplicate keys, wrong types, bad values,
// unknown language ids and products are errors formatted like the rule loader's:
//   "<file>:<line>:<col>: field '<key>': <what was expected>"
// Rule ids in `disable`/`severity` need the loaded rule set: check them with UnknownRuleIds.
//
// Thread safety: a loaded Config is immutable; its const members may be called from any thread.
// Nothing here throws (yaml-cpp exceptions are caught and reported).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/core/finding.h"

namespace authshift::config {

// The names FindConfig looks for, in order.
inline constexpr std::string_view kConfigFileNames[] = {".authshift.yml", ".authshift.yaml"};

// Deluge product keys of `deluge.connections`, sorted; a product's default link name is "zoho" +
// its key ("zohobooks").
inline constexpr std::string_view kDelugeProducts[] = {
    "books", "creator", "crm", "desk", "inventory", "invoice", "subscriptions"};

enum class DelugeMode { kConnection, kHeader };
std::string_view DelugeModeName(DelugeMode m);  // "connection", "header"

// A position in the config file, 1-based; 0 when unknown.
struct Mark {
  int line = 0;
  int column = 0;
};

// A rule id the file names (in `disable` or as a `severity` key), where it names it.
struct RuleRef {
  std::string id;
  std::string field;  // "disable" or "severity"
  Mark mark;
};

struct Config {
  std::string path;      // the file it came from, as given; empty = no config file (defaults)
  std::string base_dir;  // `path`'s directory, absolute, symlinks resolved: the globs' root

  std::optional<int> version;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::vector<std::string> rule_paths;  // resolved against base_dir (absolute paths kept)
  std::vector<std::string> disable;
  std::map<std::string, core::Severity> severity;  // rule id -> severity
  std::vector<std::pair<std::string, std::vector<std::string>>> languages;  // file order
  std::optional<std::string> fail_on;  // validated: "error", "warning", "note" or "none"
  std::optional<uint64_t> max_file_size;  // bytes, > 0
  std::optional<std::string> cfamily;     // validated: "auto", "clang" or "tree-sitter"
  std::optional<std::string> deluge_connection;
  std::map<std::string, std::string> deluge_connections;  // product key -> link name
  std::optional<DelugeMode> deluge_mode;
  // language id -> expression, or "refresh" / "env" (the mode); key "*": every language's mode
  std::map<std::string, std::string> token_source;
  // language id -> "<module>:<function>", an existing refresh helper the fixes call
  // (`token-source: {python: {helper: "myapp.auth:get_token"}}`); token_source holds "refresh" for it
  std::map<std::string, std::string> token_helper;
  std::optional<bool> rename_config_keys;           // fix.rename-config-keys
  std::optional<bool> rename_options;               // fix.rename-options
  std::optional<bool> advisories;                   // list advisory findings (default: count them)
  std::vector<RuleRef> rule_refs;  // every rule id named in disable / severity, for UnknownRuleIds

  // `path` is relative to base_dir, '/'-separated. True when include is empty or one include glob
  // matches, and no exclude glob matches.
  bool Included(std::string_view path) const;

  // The language id forced for `path` (relative to base_dir) by `languages`, or nullptr. The
  // pointer is owned by this Config.
  const char* LanguageFor(std::string_view path) const;

  // The Deluge connection link name for a call whose default link name is `default_link`
  // ("zohobooks"): deluge.connections[product], else deluge.connection, else `default_link`.
  std::string DelugeConnectionFor(std::string_view default_link) const;

  // `abs_path` relative to base_dir, '/'-separated, for Included/LanguageFor; nullopt when it is
  // not under base_dir (or there is no config file).
  std::optional<std::string> RelativeToBase(std::string_view abs_path) const;
};

// Parses a size: digits, then nothing/B, K/KB/KiB, M/MB/MiB or G/GB/GiB (any case). nullopt on
// anything else or overflow. The syntax of --max-file-size.
std::optional<uint64_t> ParseSize(std::string_view s);

// Parses and validates `text`; `path` names the file in messages and is the base of relative rule
// paths and globs. On failure returns false with every problem appended to `errors` (the whole
// file is checked); `out` is then partially filled and must not be used.
bool ParseConfig(std::string_view path, std::string_view text, Config* out,
                 std::vector<std::string>* errors);

// Reads `path` and ParseConfig's it. A file that cannot be read is an error
// ("<path>: cannot read configuration file: <reason>").
bool LoadConfig(const std::string& path, Config* out, std::vector<std::string>* errors);

// The config file for a scan rooted at `start_dir` (a file starts at its directory): the first
// `.authshift.yml` (then `.authshift.yaml`) in start_dir or a parent, stopping after the first
// directory that contains `.git` (a directory, or a file as in submodules and worktrees) or at the
// filesystem root. nullopt when there is none. Never throws; unreadable directories are skipped.
std::optional<std::string> FindConfig(const std::string& start_dir);

// The rule ids named in `config` (disable, severity) that are not in `known`, in file order,
// each with a message appended to `messages`:
//   "<file>:<line>:<col>: field 'disable': unknown rule id 'x'; did you mean 'y'?"
std::vector<std::string> UnknownRuleIds(const Config& config, const std::vector<std::string>& known,
                                        std::vector<std::string>* messages);

}  // namespace authshift::config
