#pragma once
// The man page authshift(1) and the bash, zsh and fish completion scripts, generated from the
// command and option tables of options.h (the same ones the parser reads). The build writes them
// with authshift_gen_manual; `authshift completion SHELL` prints a completion script at run time.
#include <string>
#include <string_view>

namespace authshift::cli {

// The lines `authshift help` and the man page share.
inline constexpr std::string_view kTagline = "find Zoho Authtoken usage and move it to OAuth";
inline constexpr std::string_view kExitCodesHelp =
    "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, config or rule errors.";

// authshift(1) in man(7) roff. `version` goes into the page footer. Deterministic: no date.
std::string ManPage(std::string_view version);

// The completion script for "bash", "zsh" or "fish"; empty for any other shell name.
std::string Completion(std::string_view shell);

}  // namespace authshift::cli
