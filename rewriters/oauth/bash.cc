// Bash: curl, wget and HTTPie commands (docs/architecture.md). The lowering (lower.h, Bash conventions) makes a
// command a call of its name with every word positional, plus named arguments "url", "headers",
// "data", "form" and "params" for curl/wget options. The header is a new word right after the
// command name (`curl -H "Authorization: Zoho-oauthtoken $T" …`, wget `--header=…`), so line
// continuations stay as they are; a `-d`/`-F` parameter goes with its option, or only its `k=v`
// part when its word carries several. HTTPie gets a `"Authorization:…"` request item after its URL
// word, and loses an `authtoken==…` item's word.
#include <algorithm>

#include "rewriters/oauth/clients.h"

namespace authshift::rewriters::oauth {
namespace {

bool IsHttpie(const ir::Call& c) {
  return c.method == "http" || c.method == "https" || c.method == "xh" || c.method == "xhs";
}

bool IsClient(const ir::Call& c) { return c.method == "curl" || c.method == "wget" || IsHttpie(c); }

// Options whose next word carries form or query parameters.
bool IsDataOption(std::string_view w) {
  return w == "-d" || w == "--data" || w == "--data-ascii" || w == "--data-binary" ||
         w == "--data-raw" || w == "--data-urlencode" || w == "-F" || w == "--form" ||
         w == "--form-string" || w == "--post-data" || w == "--body-data";
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t\r") == std::string_view::npos; }

// Removes the words [begin, end) of a command with the blanks that separate them from the rest:
// a continuation line that holds only them goes whole.
void DeleteWords(Context& ctx, size_t begin, size_t end) {
  std::string_view src = ctx.src();
  size_t lb = ctx.LineBegin(begin);
  size_t le = src.find('\n', end);
  size_t line_end = le == std::string_view::npos ? src.size() : le;
  std::string_view before = src.substr(lb, begin - lb);
  std::string_view after = src.substr(end, line_end - end);
  std::string_view after_trim =
      after.substr(std::min(after.find_first_not_of(" \t"), after.size()));
  if (IsBlank(before) && (after_trim == "\\" || after_trim == "\\\r") &&
      le != std::string_view::npos && lb > 0) {
    ctx.Delete(lb, le + 1);
    return;
  }
  size_t e = end;
  while (e < src.size() && (src[e] == ' ' || src[e] == '\t')) ++e;
  bool more = e < src.size() && src[e] != '\n' && src[e] != '\r' && src[e] != ';' &&
              src[e] != '|' && src[e] != '&' && src[e] != '#' && src[e] != ')';
  if (more) {
    ctx.Delete(begin, e);
    return;
  }
  size_t b = begin;
  while (b > 0 && (src[b - 1] == ' ' || src[b - 1] == '\t')) --b;
  ctx.Delete(b, end);
}

// The token as it goes inside the new double-quoted header word: `$T`, `${T}`, `$(cmd)`; a token
// written `"$T"` loses its own quotes.
std::string InQuotes(const std::string& token) {
  std::string t = token;
  if (t.size() >= 2 && t.front() == '"' && t.back() == '"' && t.find('"', 1) == t.size() - 1) {
    t = t.substr(1, t.size() - 2);
  }
  if (t.find_first_of("\"'`\\\n") != std::string::npos)
    throw Withhold{
        "the token is not a plain shell expansion; add the Authorization header by hand"};
  return t;
}

}  // namespace

std::optional<Request> BashFindRequest(const Context& ctx, ir::ExprId value, bool is_map) {
  std::optional<Request> found;
  const auto& calls = ctx.facts().calls;
  for (uint32_t i = 0; i < calls.size(); ++i) {
    const ir::Call& c = calls[i];
    if (!IsClient(c)) continue;
    bool hit = false;
    for (const ir::Arg& a : c.args) {
      if (is_map) {
        if ((a.name == "data" || a.name == "form" || a.name == "params") &&
            ctx.HoldsEntry(a.value, value))
          hit = true;
      } else if (a.name.empty() && ctx.BuiltFrom(a.value, value, ir::kInString)) {
        hit = true;
      }
    }
    if (!hit) continue;
    if (found) {
      MarkAmbiguous(ctx, &*found, i);
      continue;
    }
    found = Request{i, c.method, {}};
  }
  return found;
}

void BashAddHeader(Context& ctx, const Request& req, const std::string& token) {
  const ir::Call& c = ctx.facts().calls[req.call];
  if (!IsClient(c)) throw Withhold{"not a curl, wget or HTTPie command"};
  for (const ir::Arg& a : c.args) {
    if (a.name == "headers" && ctx.HasKey(a.value, "authorization"))
      throw Withhold{"the command already sends an Authorization header"};
    if (a.name.empty()) {
      std::string w(ctx.Text(a.span));
      std::transform(w.begin(), w.end(), w.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (w.find("authorization:") != std::string::npos)
        throw Withhold{"the command already sends an Authorization header"};
    }
  }
  std::string_view src = ctx.src();
  if (IsHttpie(c)) {
    // HTTPie takes request items after the URL: a `Name:value` header item right after it.
    const ir::Arg* url = ctx.ArgAt(c, -1, "url");
    if (url == nullptr) throw Withhold{"cannot find the URL of the HTTPie command"};
    ctx.Insert(url->span.end, " \"Authorization:Zoho-oauthtoken " + InQuotes(token) + "\"");
    return;
  }
  size_t name_end = c.span.begin;
  while (name_end < c.span.end && src[name_end] != ' ' && src[name_end] != '\t' &&
         src[name_end] != '\n' && src[name_end] != '\r')
    ++name_end;
  std::string value = "Authorization: Zoho-oauthtoken " + InQuotes(token);
  std::string word = c.method == "wget" ? " --header=\"" + value + "\"" : " -H \"" + value + "\"";
  ctx.Insert(name_end, word);
}

void BashRemoveEntries(Context& ctx, const std::vector<uint32_t>& entries, uint32_t call) {
  const ir::Facts& facts = ctx.facts();
  const ir::Call& c = facts.calls[call];
  std::string_view src = ctx.src();
  for (uint32_t e : entries) {
    const ir::MapEntry& m = facts.entries[e];
    size_t shared = 0;
    for (const auto& o : facts.entries) {
      if (o.container == m.container && o.span.begin == m.span.begin && o.span.end == m.span.end)
        ++shared;
    }
    if (shared == 1) {
      // The word is this one parameter: it goes with its option (`-d word`, `--data=word`).
      std::vector<const ir::Arg*> words;
      for (const ir::Arg& a : c.args) {
        if (a.name.empty()) words.push_back(&a);
      }
      size_t k = 0;
      while (k < words.size() &&
             !(words[k]->span.begin <= m.span.begin && m.span.end <= words[k]->span.end))
        ++k;
      if (k == words.size()) throw Withhold{"cannot find the parameter's word; remove it by hand"};
      size_t begin = words[k]->span.begin;
      std::string_view w = ctx.Text(words[k]->span);
      if (IsHttpie(c)) {  // a request item (`authtoken==$T`, `authtoken=$T`) is its own word
        DeleteWords(ctx, begin, words[k]->span.end);
        continue;
      }
      bool joined = w.rfind("--", 0) == 0 && w.find('=') != std::string_view::npos &&
                    IsDataOption(w.substr(0, w.find('=')));
      if (!joined) {
        if (k == 0 || !IsDataOption(ctx.Text(words[k - 1]->span)))
          throw Withhold{"cannot find the option that passes the parameter; remove it by hand"};
        begin = words[k - 1]->span.begin;
      }
      DeleteWords(ctx, begin, words[k]->span.end);
      continue;
    }
    // `"a=1&authtoken=$T&b=2"`: only the authtoken part of the word goes, `&` joints kept right.
    const ir::Expr& key = facts.exprs[m.key];
    size_t kb = key.literal_span.begin;
    if (kb < m.span.begin || kb >= m.span.end)
      throw Withhold{"cannot find the parameter in its word; remove it by hand"};
    size_t word_end = m.span.end;
    if (src[word_end - 1] == '"' || src[word_end - 1] == '\'') --word_end;
    size_t amp = src.substr(0, word_end).find('&', kb);
    size_t from = 0;
    size_t to = 0;
    if (amp != std::string_view::npos) {
      from = kb;
      to = amp + 1;
    } else if (kb > m.span.begin && src[kb - 1] == '&') {
      from = kb - 1;
      to = word_end;
    } else {
      throw Withhold{"cannot rejoin the parameters after authtoken; remove it by hand"};
    }
    std::string_view cut = src.substr(from, to - from);
    if (std::count(cut.begin(), cut.end(), '"') % 2 != 0 ||
        std::count(cut.begin(), cut.end(), '\'') % 2 != 0 ||
        cut.find('\\') != std::string_view::npos)
      throw Withhold{"the parameter crosses shell quotes; remove it by hand"};
    ctx.Delete(from, to);
  }
}

// This language's row of the OAuth rewriter's table (profiles.cc).
// Bash joins words by adjacency (concat ""); the lookup is a quoted word, spliced without its
// quotes into the double-quoted header word.
extern const LanguageProfile kBashProfile = {"bash", "\"$ZOHO_OAUTH_TOKEN\"", "", nullptr, BashFindRequest,
                                              BashAddHeader, BashRemoveEntries, /*shell_words=*/true};

}  // namespace authshift::rewriters::oauth
