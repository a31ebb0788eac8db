#include "scanner/cli/manual.h"

#include <sstream>
#include <vector>

#include "scanner/cli/options.h"

namespace authshift::cli {
namespace {

// --- man page -----------------------------------------------------------------------------------

// Text for a roff line: backslashes and hyphens escaped (a plain '-' may be typeset as a hyphen,
// and man pages must show options as typed), and a leading '.' or '\'' cannot start a request.
std::string Roff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

void ManOptions(const OptionTable& table, std::ostream& out) {
  for (const auto& o : table) {
    out << ".TP\n\\fB" << Roff(o.name) << "\\fR";
    if (!o.value.empty()) out << " \\fI" << Roff(o.value) << "\\fR";
    out << '\n' << Roff(o.help) << ".\n";
  }
}

// --- completions --------------------------------------------------------------------------------

enum class ValueKind { kNone, kWords, kFiles, kDirs, kFree };

ValueKind KindOf(const OptionSpec& o) {
  if (o.value.empty()) return ValueKind::kNone;
  if (!o.choices.empty()) return ValueKind::kWords;
  if (o.value == "FILE" || o.value == "PATH") return ValueKind::kFiles;
  if (o.value == "DIR") return ValueKind::kDirs;
  return ValueKind::kFree;
}

std::string CommandNames() {
  std::string names;
  for (const auto& c : CommandSpecs()) names += (names.empty() ? "" : " ") + std::string(c.name);
  return names;
}

// The words a positional argument completes to ("" for file names, see CommandSpec::positional).
std::string PositionalWords(const CommandSpec& c) {
  if (c.positional == "COMMAND") return CommandNames();
  if (c.positional == "SHELL") return "bash zsh fish";
  return "";
}

std::string Bash() {
  std::ostringstream s;
  s << "# bash completion for authshift. Generated from its option tables: do not edit.\n"
       "_authshift() {\n"
       "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
       "  # --opt=value: bash splits at '=' (COMP_WORDBREAKS).\n"
       "  if [[ \"$cur\" == \"=\" ]]; then cur=\"\"; elif [[ \"$prev\" == \"=\" ]]; then "
       "prev=\"${COMP_WORDS[COMP_CWORD-2]}\"; fi\n"
       "  if ((COMP_CWORD == 1)); then\n"
       "    COMPREPLY=($(compgen -W \"" << CommandNames();
  for (const auto& o : kGlobalOptions) s << ' ' << o.name;
  s << "\" -- \"$cur\"))\n"
       "    return\n"
       "  fi\n"
       "  local opts=\"\" positional=\"\"\n"
       "  case \"${COMP_WORDS[1]}\" in\n";
  for (const auto& c : CommandSpecs()) {
    OptionTable all = AllOptions(c);
    s << "    " << c.name << ")\n";
    std::string words, files, dirs, free;
    for (const auto& o : all) {
      switch (KindOf(o)) {
        case ValueKind::kWords:
          s << "      if [[ \"$prev\" == " << o.name << " ]]; then COMPREPLY=($(compgen -W \"" << o.choices
            << "\" -- \"$cur\")); return; fi\n";
          break;
        case ValueKind::kFiles: files += (files.empty() ? "" : "|") + std::string(o.name); break;
        case ValueKind::kDirs: dirs += (dirs.empty() ? "" : "|") + std::string(o.name); break;
        case ValueKind::kFree: free += (free.empty() ? "" : "|") + std::string(o.name); break;
        case ValueKind::kNone: break;
      }
    }
    if (!files.empty()) s << "      case \"$prev\" in " << files << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;; esac\n";
    if (!dirs.empty()) s << "      case \"$prev\" in " << dirs << ") COMPREPLY=($(compgen -d -- \"$cur\")); return ;; esac\n";
    if (!free.empty()) s << "      case \"$prev\" in " << free << ") return ;; esac\n";
    for (const auto& o : all) words += (words.empty() ? "" : " ") + std::string(o.name);
    s << "      opts=\"" << words << "\"\n";
    if (c.positional == "PATH") {
      s << "      positional=files\n";
    } else if (!PositionalWords(c).empty()) {
      s << "      positional=\"" << PositionalWords(c) << "\"\n";
    }
    s << "      ;;\n";
  }
  s << "    *) return ;;\n"
       "  esac\n"
       "  if [[ \"$cur\" == -* ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
       "  elif [[ \"$positional\" == files ]]; then\n"
       "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
       "  elif [[ -n \"$positional\" ]]; then\n"
       "    COMPREPLY=($(compgen -W \"$positional\" -- \"$cur\"))\n"
       "  fi\n"
       "}\n"
       "complete -o filenames -F _authshift authshift\n";
  return s.str();
}

// A description inside single quotes for zsh's _arguments/_describe: brackets and colons are
// syntax there and get a backslash; a quote ends and reopens the string.
std::string ZshQuoted(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else if (c == '[' || c == ']' || c == ':' || c == '\\') {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string Zsh() {
  std::ostringstream s;
  s << "#compdef authshift\n"
       "# zsh completion for authshift. Generated from its option tables: do not edit.\n"
       "_authshift() {\n"
       "  local -a commands\n"
       "  commands=(\n";
  for (const auto& c : CommandSpecs()) s << "    '" << c.name << ':' << ZshQuoted(c.summary) << "'\n";
  s << "  )\n"
       "  if (( CURRENT == 2 )); then\n"
       "    _describe -t commands 'authshift command' commands\n"
       "    return\n"
       "  fi\n"
       "  local cmd=${words[2]}\n"
       "  shift words\n"
       "  (( CURRENT-- ))\n"
       "  case $cmd in\n";
  for (const auto& c : CommandSpecs()) {
    s << "    " << c.name << ")\n      _arguments -s";
    for (const auto& o : AllOptions(c)) {
      // '*': options may repeat (--rules, --disable); the last one wins for the others.
      s << " \\\n        '*" << o.name << (o.value.empty() ? "" : "=") << '[' << ZshQuoted(o.help) << ']';
      switch (KindOf(o)) {
        case ValueKind::kNone: break;
        case ValueKind::kWords: s << ':' << o.value << ":(" << o.choices << ")"; break;
        case ValueKind::kFiles: s << ':' << o.value << ":_files"; break;
        case ValueKind::kDirs: s << ':' << o.value << ":_files -/"; break;
        case ValueKind::kFree: s << ':' << o.value << ": "; break;
      }
      s << '\'';
    }
    if (c.positional == "PATH") {
      s << " \\\n        '*:PATH:_files'";
    } else if (!PositionalWords(c).empty()) {
      s << " \\\n        '1:" << c.positional << ":(" << PositionalWords(c) << ")'";
    }
    s << "\n      ;;\n";
  }
  s << "  esac\n"
       "}\n"
       "_authshift \"$@\"\n";
  return s.str();
}

std::string FishQuoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string Fish() {
  std::ostringstream s;
  s << "# fish completion for authshift. Generated from its option tables: do not edit.\n"
       "complete -c authshift -f\n";
  for (const auto& o : kGlobalOptions) {
    s << "complete -c authshift -n __fish_use_subcommand -l " << o.name.substr(2) << " -d " << FishQuoted(o.help)
      << '\n';
  }
  for (const auto& c : CommandSpecs()) {
    s << "complete -c authshift -n __fish_use_subcommand -a " << c.name << " -d " << FishQuoted(c.summary) << '\n';
  }
  for (const auto& c : CommandSpecs()) {
    std::string when = "-n '__fish_seen_subcommand_from " + std::string(c.name) + "'";
    for (const auto& o : AllOptions(c)) {
      s << "complete -c authshift " << when << (o.name.rfind("--", 0) == 0 ? " -l " : " -s ")
        << o.name.substr(o.name.rfind("--", 0) == 0 ? 2 : 1);
      switch (KindOf(o)) {
        case ValueKind::kNone: break;
        case ValueKind::kWords: s << " -x -a " << FishQuoted(o.choices); break;
        case ValueKind::kFiles: s << " -r -F"; break;
        case ValueKind::kDirs: s << " -x -a '(__fish_complete_directories)'"; break;
        case ValueKind::kFree: s << " -x"; break;
      }
      s << " -d " << FishQuoted(o.help) << '\n';
    }
    if (c.positional == "PATH") {
      s << "complete -c authshift " << when << " -F\n";
    } else if (!PositionalWords(c).empty()) {
      s << "complete -c authshift " << when << " -a " << FishQuoted(PositionalWords(c)) << '\n';
    }
  }
  return s.str();
}

}  // namespace

std::string ManPage(std::string_view version) {
  std::ostringstream s;
  s << ".\\\" Generated from authshift's option tables (scanner/cli/options.cc): do not edit.\n"
    << ".TH AUTHSHIFT 1 \"\" \"authshift " << Roff(version) << "\" \"User Commands\"\n"
    << ".SH NAME\nauthshift \\- " << Roff(kTagline) << '\n'
    << ".SH SYNOPSIS\n\\fBauthshift\\fR \\fICOMMAND\\fR [\\fIoptions\\fR] [\\fIPATH\\fR...]\n.br\n"
    << "\\fBauthshift\\fR \\fB\\-\\-version\\fR | \\fB\\-\\-help\\fR\n"
    << ".SH DESCRIPTION\n"
    << Roff("authshift finds code that uses Zoho's deprecated Authtoken (as a URL parameter, in an "
            "Authorization header, in Deluge scripts and configuration keys) in Python, "
            "JavaScript, TypeScript, PHP, Java, C#, Ruby, Go, shell, C, C++, Deluge, YAML and JSON, "
            "and rewrites what it can to OAuth (Zoho-oauthtoken). Findings never print a token: "
            "secrets are redacted in every report format.")
    << '\n'
    << ".SH GLOBAL OPTIONS\n";
  ManOptions(kGlobalOptions, s);
  s << ".SH COMMANDS\n";
  for (const auto& c : CommandSpecs()) {
    s << ".SS " << Roff(c.name) << "\n.B " << Roff(c.usage) << "\n.br\n" << Roff(c.summary) << ".\n";
    if (c.name == "scan" || c.name == "fix") {
      s << ".PP\n"
        << Roff("C and C++ files are parsed with Clang, with the compile database (compile_commands.json, "
                "see -p) when one is found; a file whose headers are missing, and every file in a build "
                "without Clang (-DAUTHSHIFT_WITH_CLANG=OFF), is parsed with tree-sitter instead. --verbose "
                "tells which path each file took.")
        << '\n';
    }
    for (const OptionTable* t : c.options) ManOptions(*t, s);
  }
  s << ".SH EXIT STATUS\n"
    << ".TP\n0\nNo finding at or above \\fB\\-\\-fail\\-on\\fR (or the fixes were written).\n"
    << ".TP\n1\nFindings at or above \\fB\\-\\-fail\\-on\\fR (scan), or failed fixtures (test).\n"
    << ".TP\n2\nUsage, configuration or rule errors; nothing was scanned.\n"
    << ".SH ENVIRONMENT\n"
    << ".TP\n.B NO_COLOR\nWhen set and not empty, output is never coloured.\n"
    << ".SH FILES\n"
    << ".TP\n.I .authshift.yml\n"
    << Roff("Project settings (rules, disabled rules, severities, paths to skip, fail-on), found from the "
            "scan root upward; see --config and --no-config.")
    << '\n'
    << ".SH EXAMPLES\n"
    << ".nf\nauthshift scan .\nauthshift scan \\-\\-format sarif \\-\\-output authshift.sarif .\n"
    << "authshift fix \\-\\-dry\\-run src/\nauthshift install\\-hook\n.fi\n"
    << ".SH SEE ALSO\n\\fBgit\\fR(1), \\fBpre\\-commit\\fR(1)\n";
  return s.str();
}

std::string Completion(std::string_view shell) {
  if (shell == "bash") return Bash();
  if (shell == "zsh") return Zsh();
  if (shell == "fish") return Fish();
  return "";
}

}  // namespace authshift::cli
