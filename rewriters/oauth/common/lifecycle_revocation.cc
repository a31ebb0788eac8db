// Authtoken revocation rewritten (lifecycle.h).
#include <re2/re2.h>

#include <optional>
#include <string>
#include <vector>

#include "rewriters/oauth/common/lifecycle.h"
#include "rewriters/oauth/common/lifecycle_base.h"
#include "rewriters/oauth/common/lifecycle_revocation_cfamily.h"

namespace authshift::rewriters::oauth {
namespace {

// The revocation URL's path and Authtoken become the OAuth revocation of ZOHO_REFRESH_TOKEN; the
// request in the same statement becomes a POST.
class Revocation : public LifecycleBase {
 public:
  using LifecycleBase::LifecycleBase;
  std::string Fix(size_t offset);

 private:
  // The refresh token's lookup: the profile's lookup of ZOHO_OAUTH_TOKEN, renamed.
  std::string Lookup() {
    std::string expr(ctx_.profile().token_lookup);
    const size_t at = expr.find("ZOHO_OAUTH_TOKEN");
    if (at == std::string::npos) throw Withhold{"no environment lookup for this language"};
    expr.replace(at, 16, "ZOHO_REFRESH_TOKEN");
    if (ctx_.profile().prepare_lookup != nullptr) ctx_.profile().prepare_lookup(ctx_, expr);
    return expr;
  }
  void MakePost(size_t stmt_begin, std::string_view stmt, size_t path_at, size_t url_end);
  void MakeRubyPost(size_t stmt_begin, std::string_view stmt, size_t url_end);
  void MakeJavaPost(size_t stmt_line, std::string_view stmt);
  // Go and C#: the call the URL is the only argument of, `k` the offset of the first character
  // after the URL (`next`).
  void MakeTypedPost(size_t stmt_begin, std::string_view stmt, size_t path_at, size_t k, char next);
};

std::string Revocation::Fix(size_t offset) {
  if (Lang() == "c" || Lang() == "cpp") return FixCFamilyRevocation(ctx_, offset);
  const size_t line = lines_.LineOf(offset);
  const size_t stmt_line = lines_.StatementStart(line);
  const size_t stmt_begin = lines_.Begin(stmt_line);
  const std::string_view stmt = lines_.Statement(stmt_line);
  const std::string_view text = lines_.Text(line);
  const size_t line_begin = lines_.Begin(line);
  // In two pieces: the project's scan of its own sources must not report it.
  static const RE2 kPath(R"((?i)(/apiauth)" R"(token/delete\?authtoken=))");
  re2::StringPiece in(text.data(), text.size());
  re2::StringPiece m;
  if (!RE2::PartialMatch(in, kPath, &m)) throw Withhold{"the URL does not carry the Authtoken as ?AUTHTOKEN= on this line (it is sent as a form field or built elsewhere); fix the revocation by hand"};
  const size_t p = static_cast<size_t>(m.data() - text.data());
  const size_t v = p + m.size();
  // The string the URL is in: the quote open at p (none: a shell word).
  char quote = 0;
  size_t open = 0;
  for (size_t i = 0; i < p; ++i) {
    const char c = text[i];
    if (c == '\\') {
      ++i;
    } else if (quote == 0 && (c == '"' || c == '\'' || c == '`')) {
      quote = c;
      open = i;
    } else if (c == quote) {
      quote = 0;
    }
  }
  const bool bash = Lang() == "bash";
  size_t close = quote ? text.find(quote, v) : text.find_first_of(" \t;|)", v);
  if (close == std::string_view::npos) close = text.size();
  const std::string_view token = text.substr(v, close - v);
  if (token.find('&') != std::string_view::npos) throw Withhold{"the revocation URL has more parameters after AUTHTOKEN; fix it by hand"};
  const bool f_string = quote != 0 && open > 0 && (text[open - 1] == 'f' || text[open - 1] == 'F');
  // Ruby: "…AUTHTOKEN=#{token}" interpolates.
  const bool interpolated = Lang() == "ruby" && quote == '"' && token.rfind("#{", 0) == 0 && token.back() == '}';
  if ((token.find('{') != std::string_view::npos && quote != '`' && !f_string && !bash && !interpolated) ||
      token.find('%') != std::string_view::npos) {
    throw Withhold{"the Authtoken is a format placeholder filled elsewhere; fix the revocation by hand"};
  }
  std::string detail = "now revokes the OAuth refresh token in ZOHO_REFRESH_TOKEN (POST /oauth/v2/token/revoke)";
  static const RE2 kLiteral(R"(^[0-9a-fA-F]{16,}$)");
  if (Matches(token, kLiteral)) {
    detail += "; the Authtoken written here is deleted from the code: revoke it once in Zoho's account security settings";
  }
  size_t url_end = line_begin + close + (quote ? 1 : 0);
  std::string replacement = "/oauth/v2/token/revoke?token=";
  if (token.empty() && quote != 0) {
    // "…AUTHTOKEN=" + token: the joined expression up to the call's next argument.
    size_t e = close + 1;
    int depth = 0;
    for (; e < text.size(); ++e) {
      const char c = text[e];
      if (c == '(' || c == '[') ++depth;
      if ((c == ')' || c == ']') && depth-- == 0) break;
      if ((c == ',' || c == ';') && depth == 0) break;
    }
    while (e > close + 1 && (text[e - 1] == ' ' || text[e - 1] == '\t')) --e;
    url_end = line_begin + e;
    replacement += std::string(1, quote) + std::string(ctx_.profile().concat) + Lookup();
  } else if (bash && quote == '"') {
    replacement += "${ZOHO_REFRESH_TOKEN}\"";
  } else if (bash) {
    replacement += (quote ? std::string(1, quote) : "") + "\"${ZOHO_REFRESH_TOKEN}\"";
  } else if (quote == '`') {
    replacement += "${" + Lookup() + "}`";
  } else if (interpolated) {
    replacement += "#{" + Lookup() + "}\"";
  } else if (quote != 0) {
    replacement += std::string(1, quote) + std::string(ctx_.profile().concat) + Lookup();
  } else {
    throw Withhold{"the revocation URL is not a string literal; fix it by hand"};
  }
  if (Lang() == "java") {
    MakeJavaPost(stmt_line, stmt);
  } else {
    MakePost(stmt_begin, stmt, line_begin + p, url_end);
  }
  ctx_.Replace(line_begin + p, url_end, replacement);
  return detail + "; the Authtoken this code kept is no longer needed: remove it from the code and configuration";
}

void Revocation::MakePost(size_t stmt_begin, std::string_view stmt, size_t path_at, size_t url_end) {
  const std::string lang(Lang());
  auto at = [&](re2::StringPiece m) { return stmt_begin + static_cast<size_t>(m.data() - stmt.data()); };
  re2::StringPiece in(stmt.data(), stmt.size());
  re2::StringPiece m;
  if (lang == "bash") {
    static const RE2 kCurl(R"((\bcurl\b))");
    static const RE2 kWget(R"((\bwget\b))");
    static const RE2 kHasPost(R"((-X\s*POST|--request\s+POST|\s-d\s|--data|--post-data))");
    if (Matches(stmt, kHasPost)) return;
    if (RE2::PartialMatch(in, kCurl, &m)) return ctx_.Insert(at(m) + m.size(), " -X POST");
    if (RE2::PartialMatch(in, kWget, &m)) return ctx_.Insert(at(m) + m.size(), " --post-data=''");
    throw Withhold{"no curl or wget request in this command; send the revocation as a POST by hand"};
  }
  if (lang == "python") {
    static const RE2 kGet(R"(\brequests\.((?:get|delete))\()");
    static const RE2 kUrlopen(R"((\burllib\.request\.urlopen\())");
    if (Matches(stmt, RE2(R"(\brequests\.post\()"))) return;
    if (RE2::PartialMatch(in, kGet, &m)) return ctx_.Replace(at(m), at(m) + m.size(), "post");
    // urlopen(url, …) -> urlopen(urllib.request.Request(url, method="POST"), …); a urlopen with
    // data already posts.
    const size_t arg = RE2::PartialMatch(in, kUrlopen, &m) ? at(m) + m.size() : std::string::npos;
    if (arg == std::string::npos || arg > path_at ||
        src_.substr(arg, path_at - arg).find_first_of(",(") != std::string_view::npos) {
      throw Withhold{"the revocation URL is not requested with requests or urllib.request.urlopen in this "
                     "statement; fix it by hand"};
    }
    if (Matches(stmt, RE2(R"(\bdata\s*=)"))) return;
    ctx_.Insert(arg, "urllib.request.Request(");
    return ctx_.Insert(url_end, ", method=\"POST\")");
  }
  // The first non-blank character after the URL.
  size_t k = url_end;
  while (k < src_.size() && (src_[k] == ' ' || src_[k] == '\t')) ++k;
  const char next = k < src_.size() ? src_[k] : '\0';
  if (lang == "javascript" || lang == "typescript") {
    static const RE2 kAxios(R"(\baxios\.((?:get|delete))\()");
    if (RE2::PartialMatch(in, kAxios, &m) && next == ')') return ctx_.Replace(at(m), at(m) + m.size(), "post");
    if (!Matches(stmt, RE2(R"(\bfetch\()"))) throw Withhold{"the revocation URL is not requested with fetch or axios in this statement; fix it by hand"};
    // The quotes of the URL's string: '…' gives 'POST'; "…" and a template literal give "POST".
    size_t q = path_at;
    while (q > stmt_begin && src_[q - 1] != '\'' && src_[q - 1] != '"' && src_[q - 1] != '`') --q;
    const std::string post = q > stmt_begin && src_[q - 1] == '\'' ? "'POST'" : "\"POST\"";
    if (next == ')') return ctx_.Insert(k, ", { method: " + post + " }");
    const size_t brace = src_.find_first_not_of(" \t", k + 1);
    if (next != ',' || brace == std::string_view::npos || src_[brace] != '{' ||
        src_.substr(brace, src_.find('}', brace) - brace).find("method") != std::string_view::npos) {
      throw Withhold{"the fetch options are not an object literal without a method; make the revocation a POST by hand"};
    }
    return ctx_.Insert(brace + 1, " method: " + post + ",");
  }
  if (lang == "php") {
    if (!Matches(stmt, RE2(R"(\bfile_get_contents\()")) || next != ')') {
      throw Withhold{"the revocation URL is not requested with file_get_contents in this statement; fix it by hand"};
    }
    return ctx_.Insert(k, ", false, stream_context_create(['http' => ['method' => 'POST']])");
  }
  if (lang == "ruby") return MakeRubyPost(stmt_begin, stmt, url_end);
  if (lang == "go" || lang == "csharp") return MakeTypedPost(stmt_begin, stmt, path_at, k, next);
  throw Withhold{"no POST idiom for this language yet; fix the revocation by hand"};
}

// Go: http.Get(url) / client.Get(url) -> Post(url, "application/x-www-form-urlencoded", nil);
// http.NewRequest("GET" or http.MethodGet, url, …) -> "POST". C#: client.GetAsync(url) /
// DeleteAsync(url) -> PostAsync(url, null); new HttpRequestMessage(HttpMethod.Get, url) -> Post;
// WebClient.DownloadString(url) -> UploadString(url, "") (a POST).
void Revocation::MakeTypedPost(size_t stmt_begin, std::string_view stmt, size_t path_at, size_t k, char next) {
  const bool go = Lang() == "go";
  static const RE2 kGoGet(R"(\.(Get|Head)\()");
  static const RE2 kGoNew(R"(\bhttp\.NewRequest(?:WithContext)?\([^;]*?("GET"|"DELETE"|http\.MethodGet|http\.MethodDelete)\s*,)");
  static const RE2 kCsAsync(R"(\.(GetAsync|DeleteAsync|DownloadString)\()");
  static const RE2 kCsMethod(R"(\bHttpMethod\.(Get|Delete)\b)");
  re2::StringPiece in(stmt.data(), stmt.size());
  re2::StringPiece m;
  auto at = [&](re2::StringPiece piece) { return stmt_begin + static_cast<size_t>(piece.data() - stmt.data()); };
  // The method name of the call whose one argument runs from its `(` to the URL's end.
  if (RE2::PartialMatch(in, go ? kGoGet : kCsAsync, &m) && next == ')') {
    int depth = 0;
    bool sole = at(m) < path_at;
    for (size_t i = at(m) + m.size() + 1; sole && i < path_at; ++i) {
      if (src_[i] == '(' || src_[i] == '[') ++depth;
      if (src_[i] == ')' || src_[i] == ']') --depth;
      if ((src_[i] == ',' && depth == 0) || depth < 0) sole = false;
    }
    if (sole) {
      const std::string method(m.data(), m.size());
      const bool download = method == "DownloadString";
      ctx_.Replace(at(m), at(m) + m.size(), go ? "Post" : download ? "UploadString" : "PostAsync");
      // gofmt writes the `+` of an argument among several without spaces: `accounts+"/oauth…"`.
      const size_t open = src_.rfind('"', path_at);
      const size_t arg = at(m) + m.size() + 1;
      if (go && open != std::string_view::npos && open > arg) {
        std::string tight;
        char quote = 0;
        for (size_t i = arg; i < open; ++i) {
          const char c = src_[i];
          if (quote == 0 && c == ' ' && ((i + 1 < open && src_[i + 1] == '+') || (!tight.empty() && tight.back() == '+')))
            continue;
          if (quote == 0 && (c == '"' || c == '`')) quote = c;
          else if (c == quote) quote = 0;
          tight += c;
        }
        if (tight != src_.substr(arg, open - arg)) ctx_.Replace(arg, open, tight);
      }
      return ctx_.Insert(k, go ? ", \"application/x-www-form-urlencoded\", nil" : download ? ", \"\"" : ", null");
    }
  }
  if (RE2::PartialMatch(in, go ? kGoNew : kCsMethod, &m) && at(m) < path_at) {
    const std::string method(m.data(), m.size());
    return ctx_.Replace(at(m), at(m) + m.size(), !go ? "Post" : method[0] == '"' ? "\"POST\"" : "http.MethodPost");
  }
  throw Withhold{go ? "the revocation URL is not requested with Get(url) or http.NewRequest(\"GET\", …) in this statement; "
                      "make it a POST by hand"
                    : "the revocation URL is not requested with GetAsync(url), DownloadString(url) or an "
                      "HttpRequestMessage in this statement; make it a POST by hand"};
}

// Net::HTTP.get_response(URI(url)) -> Net::HTTP.post(URI(url), ""); Net::HTTP.get(URI(url)), which
// gives the body, -> Net::HTTP.post(URI(url), "").body.
void Revocation::MakeRubyPost(size_t stmt_begin, std::string_view stmt, size_t url_end) {
  static const RE2 kGet(R"(\bNet::HTTP\.(get_response|get)\(\s*URI\()");
  re2::StringPiece in(stmt.data(), stmt.size());
  re2::StringPiece m;
  // The URI's `)` and then the request's, right after the URL.
  size_t k = url_end;
  while (k < src_.size() && (src_[k] == ' ' || src_[k] == '\t')) ++k;
  size_t k2 = k + 1;
  while (k2 < src_.size() && (src_[k2] == ' ' || src_[k2] == '\t')) ++k2;
  if (!RE2::PartialMatch(in, kGet, &m) || k >= src_.size() || src_[k] != ')' || k2 >= src_.size() ||
      src_[k2] != ')') {
    throw Withhold{"the revocation URL is not requested with Net::HTTP.get or get_response(URI(…)) in this "
                   "statement; make it a POST by hand"};
  }
  const size_t method = stmt_begin + static_cast<size_t>(m.data() - stmt.data());
  ctx_.Replace(method, method + m.size(), "post");
  ctx_.Insert(k + 1, ", \"\"");
  if (m == "get") ctx_.Insert(k2 + 1, ".body");
}

// The HttpURLConnection opened on the URL, in this statement or (the URL held in a variable) the
// next: `conn.setRequestMethod("POST");` after it.
void Revocation::MakeJavaPost(size_t stmt_line, std::string_view stmt) {
  static const RE2 kConn(R"((?s)\b(\w+)\s*=\s*\(\s*HttpURLConnection\s*\)\s*(.*))");
  static const RE2 kUrlVar(R"(^\s*(?:URL\s+)?(\w+)\s*=\s*new\s+URL\()");
  std::string conn;
  std::string rest;
  std::string url_var;
  std::optional<size_t> at = stmt_line;
  if (!Matches(stmt, kConn, &conn)) {
    at = lines_.Next(stmt_line);
    const std::string_view next = at ? lines_.Statement(*at) : std::string_view();
    if (!Matches(stmt, kUrlVar, &url_var) ||
        !RE2::PartialMatch(re2::StringPiece(next.data(), next.size()), kConn, &conn, &rest) ||
        rest.rfind(url_var + ".openConnection()", 0) != 0) {
      throw Withhold{"the revocation URL is not opened as an HttpURLConnection held in a variable here; "
                     "make it a POST by hand"};
    }
  }
  const size_t end = lines_.StatementEnd(*at);
  const size_t after = lines_.End(end);
  const size_t block_end = lines_.BlockEnd(*at);
  const size_t stop = block_end < lines_.Count() ? lines_.Begin(block_end) : src_.size();
  if (stop > after && src_.substr(after, stop - after).find(conn + ".setRequestMethod(") != std::string_view::npos) {
    throw Withhold{"the connection already sets its request method; make it a POST by hand"};
  }
  const std::string indent(lines_.Text(*at).substr(0, lines_.Text(*at).find_first_not_of(" \t")));
  std::string line = indent + conn + ".setRequestMethod(\"POST\");" + std::string(ctx_.Eol());
  if (after == src_.size() && (after == 0 || src_[after - 1] != '\n')) line = std::string(ctx_.Eol()) + line;
  ctx_.Insert(after, line);
}

}  // namespace

RewriteResult FixRevocation(const FixInput& input, const std::vector<const core::Finding*>& findings,
                            const FixOptions& options) {
  return ForEachFinding<Revocation>(input, findings, options);
}

}  // namespace authshift::rewriters::oauth
