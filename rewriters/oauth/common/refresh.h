#pragma once
// token-source `refresh` (docs/architecture.md, README "Token source"): instead of reading an
// access token from ZOHO_OAUTH_TOKEN, a fixed request asks a small helper for one. The helper is
// one file per language (rewriters/oauth/helpers/, embedded at build time), added next to the
// fixed file unless a file of that name is already there (it is then reused, never rewritten). It
// exchanges ZOHO_REFRESH_TOKEN, ZOHO_CLIENT_ID and ZOHO_CLIENT_SECRET for an access token at the
// accounts server of the API's data centre (ZOHO_ACCOUNTS_URL overrides it), caches it until
// shortly before it expires and reports Zoho's error body on failure.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace authshift::rewriters::oauth {

class Context;

// One language's helper: its file, how the fixed file loads it and how a request calls it.
struct RefreshHelper {
  std::string_view language;  // language id
  std::string_view file;      // the helper's base name, written next to the fixed file; empty: a
                              // helper the config names (nothing is written)
  std::string_view data;      // the embedded text's name (rewriters/oauth/helpers/<data>)
  // The line that loads the helper (`import zoho_oauth`), "%Q" standing for the file's quote;
  // empty when none is needed.
  std::string_view load_line;
  // The call, "%A" standing for the quoted accounts server URL.
  std::string_view call;
  bool async = false;  // the call must be awaited (JavaScript): only in an awaited request
  // JavaScript: the load line of an ES module (it imports); empty: load_line.
  std::string_view esm_load_line = {};
};

// A helper the config names (`token-source: {python: {helper: "myapp.auth:get_token"}}`): its load
// line and call, owned here and viewed by `helper`; it is called with the accounts server URL.
struct NamedHelper {
  std::string spec;  // "<module>:<function>"
  std::string load_line;
  std::string esm_load_line;
  std::string call;
  RefreshHelper helper;
};

// The named helper "<module>:<function>" of a language id, or nullptr when the language takes none
// (the config accepts python, javascript, typescript, tsx, java and csharp).
std::unique_ptr<NamedHelper> MakeNamedHelper(std::string_view language, std::string_view spec);

// The helper of a language id, or nullptr (refresh mode then withholds its fixes).
const RefreshHelper* RefreshHelperFor(std::string_view language);

// The helper's bytes (embedded).
std::string_view RefreshHelperText(const RefreshHelper& h);

// The bytes of the helper file added next to the file of `ctx` (Java, Go: with its package line).
std::string RefreshHelperFileText(const Context& ctx, const RefreshHelper& h);

// The call for accounts server `accounts` ("https://accounts.zoho.eu") in the file of `ctx`.
std::string RefreshCall(const Context& ctx, const RefreshHelper& h, std::string_view accounts);

// Adds the helper's load line to the group's edits unless the file already has it; throws
// Withhold when there is no place for it.
void AddRefreshLoad(Context& ctx, const RefreshHelper& h);

}  // namespace authshift::rewriters::oauth
