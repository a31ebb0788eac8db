#include "scanner/cli/plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "rewriters/deluge/scopes.h"
#include "scanner/ir/url.h"

namespace authshift::cli {
namespace {

struct PlanCall {
  std::string file;
  uint32_t line = 0;
  std::string method;  // "" when the call does not say
  std::string url;     // host + path
  std::string scope;   // "" when the table has none for it
};

// One OAuth client to register: a data centre and a product.
struct PlanClient {
  std::string accounts;  // https://accounts.zoho.eu, or "" when the host names no data centre
  std::string product;   // "Zoho Books"
  std::string link;      // the Deluge connection's default link name ("zohobooks")
  std::set<std::string> scopes;
  bool scopes_complete = true;  // every call's scope is known
  bool deluge = false;          // a Deluge script calls it: a connection to create
  std::vector<PlanCall> calls;
};

struct Where {
  std::string file;
  uint32_t line = 0;
  std::string rule;
};

struct PlanModel {
  size_t findings = 0;
  std::set<std::string> files;
  std::vector<PlanClient> clients;
  std::vector<Where> secrets;    // hard-coded Authtokens: revoke
  std::vector<Where> passwords;  // Authtoken generation: an e-mail and password in code
  std::vector<Where> revocations;
  std::set<std::string> files_without_calls;  // findings, but no Zoho API call seen in the file
  bool code = false;                          // findings outside Deluge: the env variables matter
};

bool IsDelugeFile(const std::string& path) {
  for (std::string_view ext : {".dg", ".ds", ".deluge"}) {
    if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) return true;
  }
  return false;
}

PlanClient& ClientFor(PlanModel& m, const std::string& accounts, const std::string& product) {
  for (PlanClient& c : m.clients) {
    if (c.accounts == accounts && c.product == product) return c;
  }
  m.clients.push_back({});
  m.clients.back().accounts = accounts;
  m.clients.back().product = product;
  return m.clients.back();
}

PlanModel Build(const engine::ScanResult& result) {
  PlanModel m;
  std::set<std::string> with_calls;
  for (const auto& [file, e] : result.endpoints) {
    const rewriters::deluge::ConnectionAdvice advice = rewriters::deluge::AdviseConnection(e.host, e.path, e.method);
    const std::string accounts = ir::AccountsServerFor(e.host).value_or("");
    PlanClient& c = ClientFor(m, accounts, advice.product.empty() ? "Zoho (" + e.host + ")" : advice.product);
    c.link = advice.link;
    c.calls.push_back({file, e.line, e.method, e.host + e.path, advice.scope});
    if (advice.scope.empty()) {
      c.scopes_complete = false;
    } else {
      c.scopes.insert(advice.scope);
    }
    c.deluge = c.deluge || IsDelugeFile(file);
    with_calls.insert(file);
  }
  std::sort(m.clients.begin(), m.clients.end(), [](const PlanClient& a, const PlanClient& b) {
    return std::tie(a.accounts, a.product) < std::tie(b.accounts, b.product);
  });
  for (const core::Finding& f : result.findings) {
    if (f.suppressed) continue;
    ++m.findings;
    m.files.insert(f.path);
    if (!IsDelugeFile(f.path)) m.code = true;
    const Where w{f.path, f.start.line, f.rule_id};
    // One line per place: two rules reporting the same secret name one line.
    if (f.has_secret && (m.secrets.empty() || m.secrets.back().file != w.file || m.secrets.back().line != w.line)) {
      m.secrets.push_back(w);
    }
    if (f.rule_id == "zoho-authtoken-generation") m.passwords.push_back(w);
    if (f.rule_id == "zoho-authtoken-revocation") m.revocations.push_back(w);
    // Generation and revocation go to the accounts server, which is no API call to migrate.
    const bool accounts_call = f.rule_id == "zoho-authtoken-generation" || f.rule_id == "zoho-authtoken-revocation";
    if (with_calls.count(f.path) == 0 && !accounts_call) m.files_without_calls.insert(f.path);
  }
  return m;
}

// https://accounts.zoho.eu -> https://api-console.zoho.eu: where a data centre's clients are made.
std::string ConsoleOf(const std::string& accounts) {
  const std::string prefix = "https://accounts.";
  if (accounts.rfind(prefix, 0) != 0) return "the API console of your data centre";
  return "https://api-console." + accounts.substr(prefix.size());
}

std::vector<std::string> EnvVariables(const PlanOptions& options) {
  if (options.refresh) return {"ZOHO_REFRESH_TOKEN", "ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET"};
  return {"ZOHO_OAUTH_TOKEN"};
}

void WriteClient(const PlanClient& c, std::ostream& out) {
  out << "\n## " << c.product << " — " << (c.accounts.empty() ? "data centre not known" : c.accounts) << "\n\n";
  out << "- Register an OAuth client at " << ConsoleOf(c.accounts)
      << " (a Self Client for jobs without a user, a server-based client for web apps).\n";
  out << "- Scopes the calls below need: ";
  if (c.scopes.empty()) {
    out << "not in the tables authshift has; pick them in the API documentation of " << c.product;
  } else {
    std::string sep;
    for (const std::string& s : c.scopes) {
      out << sep << '`' << s << '`';
      sep = ", ";
    }
    if (!c.scopes_complete) out << ", and the scopes of the calls marked `?`";
  }
  out << ".\n";
  if (c.deluge && !c.link.empty()) {
    out << "- Deluge: create the connection `" << c.link << "` (" << c.product
        << ") in Setup > Developer Space > Connections with those scopes; the fixed scripts name it.\n";
  }
  out << "- Calls (" << c.calls.size() << "):\n";
  for (const PlanCall& call : c.calls) {
    out << "  - `" << call.file << ':' << call.line << "` " << (call.method.empty() ? "" : call.method + " ") << call.url
        << " → " << (call.scope.empty() ? "?" : "`" + call.scope + "`") << '\n';
  }
}

void WriteWhere(const std::vector<Where>& list, std::ostream& out) {
  for (const Where& w : list) out << "- `" << w.file << ':' << w.line << "` [" << w.rule << "]\n";
}

}  // namespace

void WritePlanMarkdown(const engine::ScanResult& result, const engine::RuleSet& rules, const PlanOptions& options,
                       std::ostream& out) {
  const PlanModel m = Build(result);
  out << "# Zoho OAuth migration plan\n\n";
  out << m.findings << " Authtoken finding" << (m.findings == 1 ? "" : "s") << " in " << m.files.size() << " file"
      << (m.files.size() == 1 ? "" : "s") << "; " << m.clients.size() << " OAuth client"
      << (m.clients.size() == 1 ? "" : "s") << " to register (one per data centre and product).\n";
  for (const PlanClient& c : m.clients) WriteClient(c, out);
  if (!m.files_without_calls.empty()) {
    out << "\n## Files whose Zoho calls were not seen\n\nThe token goes to a request in another file, or to a "
           "client library: find the calls and add them to the clients above.\n\n";
    for (const std::string& f : m.files_without_calls) out << "- `" << f << "`\n";
  }
  if (m.code) {
    out << "\n## Environment\n\nThe fixed code (`authshift fix" << (options.refresh ? " --token-source refresh" : "")
        << "`) reads:";
    for (const std::string& v : EnvVariables(options)) out << " `" << v << '`';
    out << (options.refresh ? " (and `ZOHO_ACCOUNTS_URL` for a private accounts server).\n"
                            : " — an access token, which expires after one hour: `--token-source refresh` adds "
                              "a helper that refreshes it.\n");
  }
  if (!m.secrets.empty()) {
    out << "\n## Secrets to revoke\n\nHard-coded Authtokens: revoke each in the Zoho account that generated it, "
           "then remove it from the code and its history.\n\n";
    WriteWhere(m.secrets, out);
  }
  if (!m.passwords.empty()) {
    out << "\n## Passwords in code\n\nAuthtoken generation sends a user's e-mail and password: remove them, "
           "change that password.\n\n";
    WriteWhere(m.passwords, out);
  }
  if (!m.revocations.empty()) {
    out << "\n## Revocation calls\n\nAuthtoken revocation becomes OAuth revocation "
           "(`POST <accounts server>/oauth/v2/token/revoke?token=<refresh token>`).\n\n";
    WriteWhere(m.revocations, out);
  }
  if (!result.advisories_held.empty()) {
    out << "\n## Advisories\n\nNothing is broken; worth doing while migrating:\n\n";
    for (const auto& [id, n] : result.advisories_held) {
      const engine::Rule* r = rules.Find(id);
      out << "- " << n << " × " << (r != nullptr ? r->message : id) << " [" << id << "]\n";
    }
  }
}

void WritePlanJson(const engine::ScanResult& result, const engine::RuleSet& rules, const PlanOptions& options,
                   std::ostream& out) {
  const PlanModel m = Build(result);
  nlohmann::ordered_json j;
  j["findings"] = m.findings;
  j["files"] = m.files.size();
  j["clients"] = nlohmann::ordered_json::array();
  for (const PlanClient& c : m.clients) {
    nlohmann::ordered_json jc;
    jc["product"] = c.product;
    jc["accounts_server"] = c.accounts;
    jc["api_console"] = ConsoleOf(c.accounts);
    jc["scopes"] = std::vector<std::string>(c.scopes.begin(), c.scopes.end());
    jc["scopes_complete"] = c.scopes_complete;
    jc["deluge_connection"] = c.deluge ? c.link : std::string();
    jc["calls"] = nlohmann::ordered_json::array();
    for (const PlanCall& call : c.calls) {
      jc["calls"].push_back(
          {{"path", call.file}, {"line", call.line}, {"method", call.method}, {"url", call.url}, {"scope", call.scope}});
    }
    j["clients"].push_back(jc);
  }
  j["files_without_calls"] = std::vector<std::string>(m.files_without_calls.begin(), m.files_without_calls.end());
  j["environment"] = m.code ? EnvVariables(options) : std::vector<std::string>();
  auto where = [](const std::vector<Where>& list) {
    nlohmann::ordered_json a = nlohmann::ordered_json::array();
    for (const Where& w : list) a.push_back({{"path", w.file}, {"line", w.line}, {"rule_id", w.rule}});
    return a;
  };
  j["secrets_to_revoke"] = where(m.secrets);
  j["passwords"] = where(m.passwords);
  j["revocation_calls"] = where(m.revocations);
  j["advisories"] = nlohmann::ordered_json::object();
  for (const auto& [id, n] : result.advisories_held) {
    const engine::Rule* r = rules.Find(id);
    j["advisories"][id] = {{"count", n}, {"message", r != nullptr ? r->message : id}};
  }
  out << j.dump(2) << '\n';
}

}  // namespace authshift::cli
