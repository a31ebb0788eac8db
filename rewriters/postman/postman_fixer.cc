// The Postman / HAR fix of one JSON file (postman_fixer.h): the collection's requests are read from
// the JsonDoc, their legacy parts dropped by span, the collection's OAuth 2.0 auth added after its
// `item` list.
#include "rewriters/postman/postman_fixer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>

#include "rewriters/deluge/deluge_fixer.h"
#include "rewriters/postman/json_edit.h"
#include "rewriters/postman/json_tree.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::postman {
namespace {

bool IsLegacyParam(std::string_view name) { return name == "authtoken" || name == "AUTHTOKEN"; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The retired scheme (`Zoho-` `authtoken <token>`, any case; spelled in two parts so that the
// project's own scan of its sources does not report the literal).
bool IsLegacyScheme(std::string_view value) {
  const size_t from = value.find_first_not_of(" \t");
  if (from == std::string_view::npos) return false;
  const std::string v = Lower(value.substr(from));
  constexpr size_t kLen = 14;
  return v.rfind("zoho-", 0) == 0 && v.compare(5, 9, "authtoken") == 0 &&
         (v.size() == kLen || v[kLen] == ' ' || v[kLen] == '\t');
}

// The `{{name}}` variables a value reads.
void VariablesIn(std::string_view text, std::set<std::string>* out) {
  for (size_t i = text.find("{{"); i != std::string_view::npos; i = text.find("{{", i + 2)) {
    const size_t close = text.find("}}", i + 2);
    if (close == std::string_view::npos) return;
    std::string name(text.substr(i + 2, close - i - 2));
    if (!name.empty() && name.find_first_of("{} \t\"") == std::string::npos) out->insert(std::move(name));
  }
}

bool WordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

size_t LineOf(std::string_view src, size_t pos) {
  return 1 + static_cast<size_t>(std::count(src.begin(), src.begin() + static_cast<long>(std::min(pos, src.size())), '\n'));
}

// A request of the collection, or the saved copy of one in an example response.
struct ReqRef {
  size_t node = 0;       // the request: an object, or a URL string
  bool example = false;  // an example's originalRequest: its parts are cleaned, its auth is not read
  std::string name;      // the item's name
  std::string folder_auth;  // the type of the nearest folder auth above it ("" when none)
  std::string folder;       // that folder's name
  bool legacy = false;      // it sends the Authtoken
};

// The URL a request is sent to, its {{variables}} resolved; its host (lower case) and path.
std::string ResolvedUrl(const JsonDoc& doc, size_t req, const std::map<std::string, std::string>& vars);
void HostAndPath(const std::string& url, std::string* host, std::string* path);

struct Range {
  size_t begin = 0;
  size_t end = 0;
};

class PostmanFix {
 public:
  PostmanFix(std::string_view src, const JsonDoc& doc, const std::vector<const core::Finding*>& findings)
      : src_(src), doc_(doc), findings_(findings), covered_(findings.size(), false), foreign_(findings.size()) {}
  RewriteResult Run();

 private:
  void ReadVariables();
  void Classify();
  void Collect(size_t items, const std::string& folder_auth, const std::string& folder);
  std::string AuthType(std::optional<size_t> auth) const;
  bool HasFinding(size_t node) const;
  bool IsZohoOAuth(size_t auth) const;
  void Drop(size_t container, size_t index);
  void DropLegacyEntries(std::optional<size_t> list, bool headers);
  void RewriteUrl(size_t string_node);
  void Clean(const ReqRef& r);
  void CheckAuth(const ReqRef& r);
  void AddNoAuth(const ReqRef& r);
  void DataCentreAndScopes();
  void Variables();
  std::optional<size_t> MentionOutsideEdits(const std::string& name, Range own) const;
  std::string AuthText(const std::string& indent) const;
  void InsertCollectionAuth();
  RewriteResult Outcomes(RewriteResult r) const;
  RewriteResult WithholdAll(const std::string& why) const;

  std::string_view src_;
  const JsonDoc& doc_;
  const std::vector<const core::Finding*>& findings_;
  std::vector<bool> covered_;            // per finding: it lies in a part the fix removes
  std::vector<std::string> foreign_;     // per finding: the non-Zoho host of the request it is in
  std::map<std::string, std::string> vars_;  // the collection's variables
  bool live_ = false;                    // a request (not only an example) sends the Authtoken
  std::vector<ReqRef> reqs_;
  std::map<size_t, std::vector<bool>> drops_;  // container node -> its items to drop
  std::vector<Edit> edits_;              // URL rewrites and insertions
  std::vector<Range> changed_;           // bytes the edits remove or replace
  std::set<std::string> token_vars_;     // variables the removed parts read
  std::string problem_;                  // why the file is withheld
  std::optional<size_t> collection_auth_;
  bool insert_auth_ = false;
  std::string accounts_;                 // "https://accounts.zoho.eu" or the placeholder
  std::string scope_;
  std::vector<std::string> notes_;       // what the user must still do / what else changed
  std::set<size_t> removed_var_findings_;
};

std::string PostmanFix::AuthType(std::optional<size_t> auth) const {
  if (!auth || !doc_.IsObject(auth)) return "";
  return doc_.MemberString(*auth, "type").value_or("?");
}

bool PostmanFix::HasFinding(size_t node) const {
  const JsonNode& n = doc_.node(node);
  return std::any_of(findings_.begin(), findings_.end(),
                     [&](const core::Finding* f) { return f->byte_start >= n.begin && f->byte_start < n.end; });
}

bool PostmanFix::IsZohoOAuth(size_t auth) const {
  std::optional<size_t> list = doc_.Member(auth, "oauth2");
  if (!doc_.IsArray(list)) return false;
  for (size_t el : doc_.node(*list).children) {
    if (doc_.MemberString(el, "key") == std::optional<std::string>("headerPrefix")) {
      std::optional<std::string> v = doc_.MemberString(el, "value");
      return v && Lower(*v) == "zoho-oauthtoken";
    }
  }
  return false;
}

void PostmanFix::Collect(size_t items, const std::string& folder_auth, const std::string& folder) {
  for (size_t it : doc_.node(items).children) {
    if (!doc_.IsObject(it)) continue;
    const std::string name = doc_.MemberString(it, "name").value_or("(unnamed)");
    std::optional<size_t> sub = doc_.Member(it, "item");
    if (doc_.IsArray(sub)) {
      const std::string own = AuthType(doc_.Member(it, "auth"));
      Collect(*sub, own.empty() ? folder_auth : own, own.empty() ? folder : name);
      continue;
    }
    std::optional<size_t> req = doc_.Member(it, "request");
    if (req && (doc_.IsObject(req) || doc_.IsString(req))) reqs_.push_back({*req, false, name, folder_auth, folder});
    std::optional<size_t> responses = doc_.Member(it, "response");
    if (!doc_.IsArray(responses)) continue;
    for (size_t resp : doc_.node(*responses).children) {
      std::optional<size_t> orig = doc_.IsObject(resp) ? doc_.Member(resp, "originalRequest") : std::nullopt;
      if (orig && (doc_.IsObject(orig) || doc_.IsString(orig))) reqs_.push_back({*orig, true, name, "", ""});
    }
  }
}

void PostmanFix::Drop(size_t container, size_t index) {
  std::vector<bool>& d = drops_[container];
  d.resize(doc_.node(container).children.size(), false);
  d[index] = true;
  const JsonItem item = doc_.Items(container)[index];
  changed_.push_back({item.begin, item.end});
  for (size_t i = 0; i < findings_.size(); ++i) {
    if (findings_[i]->byte_start >= item.begin && findings_[i]->byte_start < item.end) covered_[i] = true;
  }
}

// Header entries `Authorization: Zoho-authtoken …`, or parameter entries named authtoken.
void PostmanFix::DropLegacyEntries(std::optional<size_t> list, bool headers) {
  if (!doc_.IsArray(list)) return;
  const std::vector<size_t>& els = doc_.node(*list).children;
  for (size_t k = 0; k < els.size(); ++k) {
    if (!doc_.IsObject(els[k])) continue;
    const std::optional<std::string> key = doc_.MemberString(els[k], "key");
    const std::optional<std::string> value = doc_.MemberString(els[k], "value");
    if (!key) continue;
    const bool legacy = headers ? Lower(*key) == "authorization" && value && IsLegacyScheme(*value) : IsLegacyParam(*key);
    if (!legacy) continue;
    if (value) VariablesIn(*value, &token_vars_);
    Drop(*list, k);
  }
}

void PostmanFix::RewriteUrl(size_t string_node) {
  const JsonNode& n = doc_.node(string_node);
  const std::string_view inner = src_.substr(n.begin + 1, n.end - n.begin - 2);
  std::vector<std::string> values;
  std::optional<std::string> fixed = DropQueryParams(inner, IsLegacyParam, &values);
  if (!fixed) return;
  for (const std::string& v : values) VariablesIn(v, &token_vars_);
  edits_.push_back({n.begin + 1, inner.size(), *fixed, "postman-oauth2"});
  changed_.push_back({n.begin, n.end});
  for (size_t i = 0; i < findings_.size(); ++i) {
    if (findings_[i]->byte_start >= n.begin && findings_[i]->byte_start < n.end) covered_[i] = true;
  }
}

void PostmanFix::Clean(const ReqRef& r) {
  if (doc_.IsString(r.node)) {
    RewriteUrl(r.node);
    return;
  }
  DropLegacyEntries(doc_.Member(r.node, "header"), true);
  std::optional<size_t> url = doc_.Member(r.node, "url");
  if (doc_.IsString(url)) {
    RewriteUrl(*url);
  } else if (doc_.IsObject(url)) {
    std::optional<size_t> raw = doc_.Member(*url, "raw");
    if (doc_.IsString(raw)) RewriteUrl(*raw);
    DropLegacyEntries(doc_.Member(*url, "query"), false);
  }
  std::optional<size_t> body = doc_.Member(r.node, "body");
  if (doc_.IsObject(body)) {
    DropLegacyEntries(doc_.Member(*body, "urlencoded"), false);
    DropLegacyEntries(doc_.Member(*body, "formdata"), false);
  }
}

// An Authtoken request must take the collection's auth: a folder auth above it, or its own auth
// other than noauth (which is dropped), would win over it.
void PostmanFix::CheckAuth(const ReqRef& r) {
  if (!r.folder_auth.empty()) {
    problem_ = "request '" + r.name + "' is in folder '" + r.folder + "', whose own " + r.folder_auth +
               " auth its requests use instead of the collection's; move the folder to the collection's OAuth 2.0 by hand";
    return;
  }
  if (!doc_.IsObject(r.node)) return;
  std::optional<size_t> auth = doc_.Member(r.node, "auth");
  const std::string type = AuthType(auth);
  if (type.empty()) return;
  if (type != "noauth") {
    problem_ = "request '" + r.name + "' has its own " + type +
               " auth, which overrides the collection's; move it to OAuth 2.0 by hand";
    return;
  }
  const JsonNode& req = doc_.node(r.node);
  for (size_t k = 0; k < req.children.size(); ++k) {
    if (req.children[k] == *auth) Drop(r.node, k);
  }
  notes_.push_back("request '" + r.name + "' had \"No Auth\"; it inherits the collection's OAuth 2.0 now");
}

// A request that inherited the (absent) collection auth keeps sending what it sent.
void PostmanFix::AddNoAuth(const ReqRef& r) {
  const std::string text = "\"auth\": {\"type\": \"noauth\"}";
  if (!doc_.IsObject(r.node)) {
    problem_ = "request '" + r.name + "' is a bare URL string and would inherit the collection's new OAuth 2.0; "
               "give it \"auth\": {\"type\": \"noauth\"} by hand, or move the collection by hand";
    return;
  }
  const JsonNode& req = doc_.node(r.node);
  if (std::optional<size_t> null_auth = doc_.Member(r.node, "auth")) {  // `"auth": null`: inherited
    const JsonNode& n = doc_.node(*null_auth);
    edits_.push_back({n.begin, n.end - n.begin, "{\"type\": \"noauth\"}", "postman-oauth2"});
    return;
  }
  if (req.children.empty()) {
    edits_.push_back({req.begin + 1, req.end - req.begin - 2, text, "postman-oauth2"});
    return;
  }
  const size_t first = req.key_begin[0];
  const std::optional<std::string> indent = LineIndent(src_, first);
  edits_.push_back({first, 0, text + "," + (indent ? NewlineOf(src_) + *indent : " "), "postman-oauth2"});
}

// The URL a request is sent to, its {{variables}} resolved from the collection's variables.
std::string ResolvedUrl(const JsonDoc& doc, size_t req, const std::map<std::string, std::string>& vars) {
  std::string url;
  std::optional<size_t> u = doc.IsString(req) ? std::optional<size_t>(req) : doc.Member(req, "url");
  if (doc.IsString(u)) {
    url = doc.node(*u).text;
  } else if (doc.IsObject(u)) {
    if (auto raw = doc.MemberString(*u, "raw")) {
      url = *raw;
    } else {
      std::optional<size_t> host = doc.Member(*u, "host");
      std::optional<size_t> path = doc.Member(*u, "path");
      if (doc.IsArray(host)) {
        for (size_t h : doc.node(*host).children) url += (url.empty() ? "" : ".") + doc.node(h).text;
      }
      if (doc.IsArray(path)) {
        for (size_t p : doc.node(*path).children) url += "/" + doc.node(p).text;
      }
    }
  }
  for (int pass = 0; pass < 4 && url.find("{{") != std::string::npos; ++pass) {
    for (const auto& [name, value] : vars) {
      const std::string hole = "{{" + name + "}}";
      for (size_t at = url.find(hole); at != std::string::npos; at = url.find(hole, at + value.size()))
        url.replace(at, hole.size(), value);
    }
  }
  return url;
}

void HostAndPath(const std::string& url, std::string* host, std::string* path) {
  size_t from = url.find("://");
  from = from == std::string::npos ? 0 : from + 3;
  const size_t host_end = std::min(url.find_first_of("/?#", from), url.size());
  *host = Lower(url.substr(from, host_end - from));
  host->erase(std::min(host->find(':'), host->size()));
  const size_t path_end = std::min(url.find_first_of("?#", host_end), url.size());
  *path = url.substr(host_end, path_end - host_end);
}

void PostmanFix::ReadVariables() {
  std::optional<size_t> list = doc_.Member(doc_.root(), "variable");
  if (!doc_.IsArray(list)) return;
  for (size_t el : doc_.node(*list).children) {
    auto key = doc_.MemberString(el, "key");
    auto value = doc_.MemberString(el, "value");
    if (key && value) vars_[*key] = *value;
  }
}

// Which requests send the Authtoken: those holding a finding, unless their URL names a host that
// is not Zoho's (an `authtoken` parameter of another service; its findings are withheld).
void PostmanFix::Classify() {
  for (ReqRef& r : reqs_) {
    if (!HasFinding(r.node)) continue;
    std::string host;
    std::string path;
    HostAndPath(ResolvedUrl(doc_, r.node, vars_), &host, &path);
    if (!host.empty() && host.find('{') == std::string::npos && !ir::IsZohoHost(host)) {
      const JsonNode& n = doc_.node(r.node);
      for (size_t i = 0; i < findings_.size(); ++i) {
        if (findings_[i]->byte_start >= n.begin && findings_[i]->byte_start < n.end) foreign_[i] = host;
      }
      continue;
    }
    r.legacy = true;
    live_ = live_ || !r.example;
  }
}

void PostmanFix::DataCentreAndScopes() {
  const std::map<std::string, std::string>& vars = vars_;
  std::set<std::string> servers;
  std::vector<std::string> scopes;
  bool all_scopes = true;
  for (const ReqRef& r : reqs_) {
    if (!r.legacy || r.example) continue;
    std::string host;
    std::string path;
    HostAndPath(ResolvedUrl(doc_, r.node, vars), &host, &path);
    if (std::optional<std::string> server = ir::AccountsServerFor(host)) servers.insert(*server);
    std::string method = doc_.IsObject(r.node) ? doc_.MemberString(r.node, "method").value_or("GET") : "GET";
    for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const deluge::ConnectionAdvice advice = deluge::AdviseConnection(host, path, method);
    if (advice.scope.empty()) {
      all_scopes = false;
    } else if (std::find(scopes.begin(), scopes.end(), advice.scope) == scopes.end()) {
      scopes.push_back(advice.scope);
    }
  }
  if (servers.size() > 1) {
    problem_ = "the requests go to " + std::to_string(servers.size()) +
               " Zoho data centres, and one OAuth client serves one; split the collection by data centre first";
    return;
  }
  if (servers.empty()) {
    accounts_ = "{{zoho_accounts_url}}";
    notes_.push_back("set the variable zoho_accounts_url to the accounts server of your data centre "
                     "(https://accounts.zoho.com, https://accounts.zoho.eu, https://accounts.zoho.in, …)");
  } else {
    accounts_ = *servers.begin();
  }
  std::string joined;
  for (const std::string& s : scopes) joined += (joined.empty() ? "" : ",") + s;
  if (all_scopes && !scopes.empty()) {
    scope_ = joined;
  } else {
    scope_ = "{{zoho_scope}}";
    notes_.push_back("set the variable zoho_scope to the OAuth scopes these requests need, comma-separated" +
                     (joined.empty() ? std::string() : " (" + joined + " and more)"));
  }
}

std::optional<size_t> PostmanFix::MentionOutsideEdits(const std::string& name, Range own) const {
  auto mentioned_in = [&](std::string_view text, size_t at) {
    return (at == 0 || !WordChar(text[at - 1])) && (at + name.size() >= text.size() || !WordChar(text[at + name.size()]));
  };
  for (size_t at = src_.find(name); at != std::string_view::npos; at = src_.find(name, at + 1)) {
    if (at >= own.begin && at < own.end) continue;
    if (std::any_of(changed_.begin(), changed_.end(), [&](const Range& r) { return at >= r.begin && at < r.end; }))
      continue;
    if (mentioned_in(src_, at)) return at;
  }
  for (const Edit& e : edits_) {
    for (size_t at = e.text.find(name); at != std::string::npos; at = e.text.find(name, at + 1)) {
      if (mentioned_in(e.text, at)) return e.offset;
    }
  }
  return std::nullopt;
}

// A collection variable that held the Authtoken goes when nothing else reads it.
void PostmanFix::Variables() {
  std::optional<size_t> list = doc_.Member(doc_.root(), "variable");
  for (const std::string& name : token_vars_) {
    std::optional<size_t> index;
    if (doc_.IsArray(list)) {
      const std::vector<size_t>& els = doc_.node(*list).children;
      for (size_t k = 0; k < els.size() && !index; ++k) {
        if (doc_.IsObject(els[k]) && doc_.MemberString(els[k], "key") == std::optional<std::string>(name)) index = k;
      }
    }
    if (!index) {
      notes_.push_back("{{" + name + "}} is not a collection variable: remove it from your Postman environments");
      continue;
    }
    const JsonItem item = doc_.Items(*list)[*index];
    if (std::optional<size_t> at = MentionOutsideEdits(name, {item.begin, item.end})) {
      notes_.push_back("the collection variable " + name + " is still used on line " + std::to_string(LineOf(src_, *at)) +
                       ", so it stays: remove it when nothing needs it");
      continue;
    }
    Drop(*list, *index);
    notes_.push_back("removed the collection variable " + name + ", which only the Authtoken used");
  }
}

std::string PostmanFix::AuthText(const std::string& indent) const {
  const std::string nl = indent.empty() ? "" : NewlineOf(src_);
  const std::string i2 = indent + indent;
  const std::string i3 = i2 + indent;
  const std::string token_url = accounts_ + "/oauth/v2/token";
  const std::vector<std::array<std::string, 3>> entries = {
      {"headerPrefix", "\"Zoho-oauthtoken\"", "string"},
      {"addTokenTo", "\"header\"", "string"},
      {"accessTokenUrl", "\"" + token_url + "\"", "string"},
      {"authUrl", "\"" + accounts_ + "/oauth/v2/auth\"", "string"},
      {"refreshTokenUrl", "\"" + token_url + "\"", "string"},
      {"grant_type", "\"authorization_code\"", "string"},
      {"clientId", "\"{{zoho_client_id}}\"", "string"},
      {"clientSecret", "\"{{zoho_client_secret}}\"", "string"},
      {"scope", "\"" + scope_ + "\"", "string"},
      {"authRequestParams",
       R"([{"key": "access_type", "value": "offline", "enabled": true, "send_as": "request_url"}])", "any"},
      {"client_authentication", "\"body\"", "string"},
      {"useBrowser", "true", "boolean"},
      {"tokenName", "\"Zoho OAuth\"", "string"},
  };
  // Pretty: one entry a line at the file's indentation; minified: one line.
  const bool pretty = !indent.empty();
  auto line = [&](const std::string& in) { return pretty ? nl + in : std::string(); };
  const std::string comma = pretty ? "," : ", ";
  std::string out = "{" + line(i2) + "\"type\": \"oauth2\"" + comma + line(i2) + "\"oauth2\": [";
  for (size_t k = 0; k < entries.size(); ++k) {
    out += line(i3) + "{\"key\": \"" + entries[k][0] + "\", \"value\": " + entries[k][1] + ", \"type\": \"" +
           entries[k][2] + "\"}" + (k + 1 < entries.size() ? comma : "");
  }
  return out + line(i2) + "]" + line(indent) + "}";
}

// After the `item` list (where Postman writes it), or in place of `"auth": null`.
void PostmanFix::InsertCollectionAuth() {
  const JsonNode& root = doc_.node(doc_.root());
  for (size_t k = 0; k < root.keys.size(); ++k) {
    const std::optional<std::string> indent = LineIndent(src_, root.key_begin[k]);
    if (collection_auth_ && root.children[k] == *collection_auth_) {
      const JsonNode& null = doc_.node(*collection_auth_);
      edits_.push_back({null.begin, null.end - null.begin, AuthText(indent.value_or("")), "postman-oauth2"});
      return;
    }
  }
  for (size_t k = 0; k < root.keys.size(); ++k) {
    if (root.keys[k] != "item") continue;
    const std::optional<std::string> indent = LineIndent(src_, root.key_begin[k]);
    const std::string lead = indent ? "," + NewlineOf(src_) + *indent : ", ";
    edits_.push_back({doc_.node(root.children[k]).end, 0, lead + "\"auth\": " + AuthText(indent.value_or("")),
                      "postman-oauth2"});
    return;
  }
}

RewriteResult PostmanFix::WithholdAll(const std::string& why) const {
  RewriteResult r;
  for (size_t i = 0; i < findings_.size(); ++i) r.outcomes.push_back({i, FixStatus::kWithheld, why});
  return r;
}

RewriteResult PostmanFix::Outcomes(RewriteResult r) const {
  std::string detail = !live_ ? "removed the Authtoken from the saved examples; revoke the Authtoken"
      : insert_auth_
      ? "the collection authenticates with Postman's OAuth 2.0 now (Zoho-oauthtoken header, token URL " + accounts_ +
            "/oauth/v2/token, scope " + scope_ + "): set zoho_client_id and zoho_client_secret to a Zoho API console "
            "client whose redirect URI is https://oauth.pstmn.io/v1/callback, get a new access token in the "
            "collection's Authorization tab, and revoke the Authtoken"
      : "the collection's own OAuth 2.0 (Zoho-oauthtoken) authenticates these requests now; revoke the Authtoken";
  for (const std::string& n : notes_) detail += "; " + n;
  for (size_t i = 0; i < findings_.size(); ++i) {
    if (covered_[i]) {
      r.outcomes.push_back({i, FixStatus::kFixed, detail});
    } else if (!foreign_[i].empty()) {
      r.outcomes.push_back({i, FixStatus::kWithheld,
                            "this request goes to " + foreign_[i] +
                                ", not a Zoho API host: its authtoken belongs to another service, and the fix leaves it alone"});
    } else {
      r.outcomes.push_back({i, FixStatus::kWithheld,
                            "this collection variable is not one the fixed requests read, or is still used elsewhere; "
                            "remove it by hand and revoke the Authtoken"});
    }
  }
  return r;
}

RewriteResult PostmanFix::Run() {
  const size_t root = doc_.root();
  if (!doc_.IsObject(root)) return WithholdAll("not a Postman collection or HAR file; move the token by hand");
  if (doc_.IsObject(doc_.Member(root, "log"))) {
    RewriteResult r;
    for (size_t i = 0; i < findings_.size(); ++i) {
      r.outcomes.push_back({i, FixStatus::kReportOnly,
                            "a HAR file records traffic that was sent: a rewritten capture would record a request "
                            "that never happened (its sizes and response would not match it); record it again "
                            "with an OAuth access token, and revoke the Authtoken it holds"});
    }
    return r;
  }
  std::optional<size_t> info = doc_.Member(root, "info");
  std::optional<size_t> items = doc_.Member(root, "item");
  if (!doc_.IsObject(info) || !doc_.IsArray(items))
    return WithholdAll("not a Postman collection or HAR file; move the token by hand");
  const std::string schema = doc_.MemberString(*info, "schema").value_or("");
  if (schema.find("/v2.1") == std::string::npos)
    return WithholdAll("only Postman v2.1 collections are rewritten: export the collection as Collection v2.1 and run fix again");
  collection_auth_ = doc_.Member(root, "auth");
  const std::string type = AuthType(collection_auth_);
  if (type.empty()) {
    insert_auth_ = true;
  } else if (type != "oauth2" || !IsZohoOAuth(*collection_auth_)) {
    return WithholdAll("the collection's own auth is " + (type == "oauth2" ? "an OAuth 2.0 without the Zoho-oauthtoken header prefix" : type) +
                       ", which the fix does not replace; move the collection to Zoho OAuth 2.0 by hand");
  }
  ReadVariables();
  Collect(*items, "", "");
  Classify();
  for (const ReqRef& r : reqs_) {
    if (!r.legacy) continue;
    Clean(r);
    if (!r.example) CheckAuth(r);
  }
  insert_auth_ = insert_auth_ && live_;
  for (const ReqRef& r : reqs_) {
    if (insert_auth_ && !r.legacy && !r.example && r.folder_auth.empty() &&
        (doc_.IsString(r.node) || AuthType(doc_.Member(r.node, "auth")).empty())) {
      AddNoAuth(r);
    }
  }
  if (live_) DataCentreAndScopes();
  Variables();
  std::optional<size_t> vars = doc_.Member(root, "variable");
  for (size_t i = 0; i < findings_.size() && problem_.empty(); ++i) {
    const bool in_vars = vars && findings_[i]->byte_start >= doc_.node(*vars).begin && findings_[i]->byte_start < doc_.node(*vars).end;
    if (!covered_[i] && !in_vars && foreign_[i].empty()) {
      problem_ = "line " + std::to_string(findings_[i]->start.line) +
                 " is not a request header, URL or parameter entry this fix edits (a script or a raw body); fix it by hand";
    }
  }
  if (!problem_.empty()) return WithholdAll(problem_);
  if (insert_auth_) InsertCollectionAuth();
  RewriteResult r;
  for (const auto& [container, drop] : drops_) {
    for (Edit& e : DropItems(src_, doc_, container, drop)) r.edits.push_back(std::move(e));
  }
  for (const Edit& e : edits_) r.edits.push_back(e);
  return Outcomes(std::move(r));
}

}  // namespace

RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& /*options*/) {
  const std::string_view src = input.src();
  std::optional<JsonDoc> doc = JsonDoc::Parse(src);
  if (!doc) {
    RewriteResult r;
    for (size_t i = 0; i < findings.size(); ++i)
      r.outcomes.push_back({i, FixStatus::kWithheld, "the JSON does not parse; fix it by hand"});
    return r;
  }
  PostmanFix fix(src, *doc, findings);
  return fix.Run();
}

}  // namespace authshift::rewriters::postman
