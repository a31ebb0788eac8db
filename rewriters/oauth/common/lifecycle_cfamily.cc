// Authtoken generation rewritten in C and C++ (lifecycle_cfamily.h).
#include "rewriters/oauth/common/lifecycle_cfamily.h"

#include <re2/re2.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "rewriters/oauth/common/cfamily_params.h"
#include "rewriters/oauth/common/context.h"
#include "rewriters/oauth/common/lifecycle.h"
#include "rewriters/oauth/common/lifecycle_base.h"
#include "rewriters/oauth/common/lifecycle_lines.h"
#include "scanner/ir/url.h"

namespace authshift::rewriters::oauth {
namespace {

constexpr size_t kNpos = std::string_view::npos;

bool Has(std::string_view text, const RE2& re, std::string* capture = nullptr) { return Matches(text, re, capture); }

// A file-scope item: a preprocessor line, a function definition, a struct/class definition or a
// declaration, as whole lines [begin, end).
struct Item {
  enum Kind { kPreproc, kFunction, kStruct, kDeclaration } kind = kDeclaration;
  size_t begin = 0;
  size_t end = 0;
  std::vector<std::string> names;  // what it defines
  bool internal = false;           // invisible to other files (static, a macro, a type)
  bool variable = false;           // a declaration of a variable (not a prototype)
  size_t open = kNpos;             // a function: its body's `{` and `}`
  size_t close = kNpos;
};

class Items {
 public:
  Items(std::string_view src, const std::string& m, bool cpp) : src_(src), m_(m), cpp_(cpp) { Scan(); }
  const std::vector<Item>& all() const { return items_; }

 private:
  size_t LineBegin(size_t at) const {
    const size_t nl = m_.rfind('\n', at == 0 ? 0 : at - 1);
    return at == 0 || nl == std::string::npos ? 0 : nl + 1;
  }
  // After `at`: the line break too when only blanks follow on the line.
  size_t LineEnd(size_t at) const {
    size_t k = at;
    while (k < m_.size() && (m_[k] == ' ' || m_[k] == '\t' || m_[k] == '\r')) ++k;
    return k < m_.size() && m_[k] == '\n' ? k + 1 : at;
  }
  void Scan();
  void Finish(size_t start, size_t first_open, size_t end, bool function);
  std::string_view src_;
  const std::string& m_;
  bool cpp_;
  std::vector<Item> items_;
  int anonymous_ = 0;  // open anonymous namespaces (what they hold is internal)
};

void Items::Finish(size_t start, size_t first_open, size_t end, bool function) {
  static const RE2 kCalled(R"(([A-Za-z_~][\w:~]*)\s*\()");
  static const RE2 kType(R"(^\s*(?:typedef\s+)?(?:struct|class|union|enum)\b\s*([A-Za-z_]\w*)?)");
  static const RE2 kTypedef(R"(\}\s*([A-Za-z_]\w*)\s*;\s*$)");
  static const RE2 kDeclared(R"(([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)*(?:=|;))");
  static const RE2 kStatic(R"(^\s*(?:inline\s+)?static\b)");
  static const RE2 kConst(R"(^\s*(?:static\s+)?(?:constexpr|const)\b)");
  Item it;
  it.begin = LineBegin(start);
  it.end = LineEnd(end);
  const std::string_view text = std::string_view(m_).substr(start, end - start);
  const std::string_view head = first_open == kNpos ? text : text.substr(0, first_open - start);
  it.internal = anonymous_ > 0 || Has(text, kStatic) || (cpp_ && Has(text, kConst));
  std::string name;
  if (function) {
    it.kind = Item::kFunction;
    it.open = first_open;
    it.close = end - 1;
    if (Has(head, kCalled, &name)) it.names.push_back(name);
  } else if (first_open != kNpos && Has(head, kType, &name)) {
    it.kind = Item::kStruct;
    it.internal = true;
    if (!name.empty()) it.names.push_back(name);
    if (Has(text, kTypedef, &name)) it.names.push_back(name);
  } else {
    const size_t eq = head.find('=');
    const size_t paren = head.find('(');
    if (paren != kNpos && (eq == kNpos || paren < eq)) {
      if (Has(head, kCalled, &name)) it.names.push_back(name);  // a prototype
    } else if (Has(text, kDeclared, &name)) {
      it.names.push_back(name);
      it.variable = true;
    }
  }
  items_.push_back(std::move(it));
}

void Items::Scan() {
  static const RE2 kTransparent(R"(^\s*(?:namespace\b[^;]*|extern\s+"\s*C\s*"\s*)$)");
  static const RE2 kFunctionHead(R"(\)\s*(?:const\s*)?(?:noexcept\s*)?(?:override\s*)?(?:->\s*[\w:<>*& ]+)?$)");
  static const RE2 kDefine(R"(^\s*#\s*define\s+([A-Za-z_]\w*))");
  std::vector<int> stack;  // per open brace: 0 a block, 1 a namespace's (transparent), 2 an anonymous one's
  int depth = 0;
  size_t start = kNpos;
  size_t first_open = kNpos;
  for (size_t i = 0; i < m_.size(); ++i) {
    const char c = m_[i];
    if (depth == 0 && start == kNpos) {
      if (std::isspace(static_cast<unsigned char>(c)) || c == ';') continue;
      if (c == '#') {
        size_t e = i;
        do {
          e = m_.find('\n', e + 1);
        } while (e != std::string::npos && e > 0 && m_[e - 1 - (m_[e - 1] == '\r' ? 1 : 0)] == '\\');
        e = e == std::string::npos ? m_.size() : e + 1;
        Item it{Item::kPreproc, LineBegin(i), e, {}, true};
        std::string name;
        if (Has(std::string_view(m_).substr(i, e - i), kDefine, &name)) it.names.push_back(name);
        items_.push_back(std::move(it));
        i = e - 1;
        continue;
      }
      if (c != '}') start = i;
    }
    if (c == '{') {
      if (depth == 0 && first_open == kNpos && Has(std::string_view(m_).substr(start, i - start), kTransparent)) {
        static const RE2 kAnonymous(R"(^\s*namespace\s*$)");
        stack.push_back(Has(std::string_view(m_).substr(start, i - start), kAnonymous) ? 2 : 1);
        anonymous_ += stack.back() == 2 ? 1 : 0;
        start = kNpos;
        continue;
      }
      if (depth == 0 && first_open == kNpos) first_open = i;
      stack.push_back(0);
      ++depth;
    } else if (c == '}') {
      if (stack.empty()) continue;
      const int kind = stack.back();
      stack.pop_back();
      anonymous_ -= kind == 2 ? 1 : 0;
      if (kind != 0) continue;
      --depth;
      if (depth == 0 && Has(std::string_view(m_).substr(start, first_open - start), kFunctionHead)) {
        Finish(start, first_open, i + 1, true);
        start = first_open = kNpos;
      }
    } else if (c == ';' && depth == 0 && start != kNpos) {
      Finish(start, first_open, i + 1, false);
      start = first_open = kNpos;
    }
  }
}

// The headers whose names the fix follows: an #include of one goes when only deleted code used it.
struct HeaderUse {
  std::string_view header;
  std::string_view names;  // RE2
};
constexpr HeaderUse kHeaders[] = {
    {"curl/curl.h", R"(\b(?:curl_\w+|CURL\w*)\b)"},
    {"cpr/cpr.h", R"(\bcpr::)"},
    {"string.h", R"(\b(?:str[a-z]+|mem[a-z]+)\s*\()"},
    {"cstring", R"(\b(?:str[a-z]+|mem[a-z]+)\s*\()"},
    {"stdio.h", R"(\b(?:v?s?n?printf|fprintf|f?puts|fgets|fopen|fclose|fread|fwrite|perror|FILE|stderr|stdout|stdin|s?scanf|fflush)\b)"},
    {"cstdio", R"(\b(?:v?s?n?printf|fprintf|f?puts|fgets|fopen|fclose|fread|fwrite|perror|FILE|stderr|stdout|stdin|s?scanf|fflush)\b)"},
    {"stdlib.h", R"(\b(?:malloc|calloc|realloc|free|getenv|exit|atoi|atol|strtol|strtoul|abort|EXIT_\w+)\b)"},
    {"cstdlib", R"(\b(?:malloc|calloc|realloc|free|getenv|exit|atoi|atol|strtol|strtoul|abort|EXIT_\w+)\b)"},
    {"regex", R"(\bstd::(?:regex|smatch|cmatch|regex_search|regex_match|sregex_iterator)\b)"},
    {"sstream", R"(\bstd::(?:[io]?stringstream)\b)"},
};

// How the function hands the token out.
enum class Contract { kBuffer, kMalloc, kString };

class CGeneration {
 public:
  CGeneration(Context& ctx, std::string_view src) : ctx_(ctx), src_(src), m_(Masked(src)), cpp_(ctx.profile().id == "cpp"),
                                                    items_(src, m_, cpp_) {}
  std::string Fix(size_t offset);

 private:
  std::string_view M(size_t b, size_t e) const { return std::string_view(m_).substr(b, e - b); }
  // The start of the line holding `at`.
  size_t LineStart(size_t at) const {
    const size_t nl = src_.rfind('\n', at == 0 ? 0 : at - 1);
    return at == 0 || nl == kNpos ? 0 : nl + 1;
  }
  // Reads the head and body of `fn`: the contract, the values it returns. Throws Withhold.
  void ReadContract(const Item& fn);
  // The contract of a function returning `type` (blanks removed) with body `body`.
  void ReadReturns(std::string_view body, const std::string& type);
  void ReadBuffer(std::string_view body, const std::string& type,
                  const std::vector<std::pair<size_t, std::string>>& returns);
  // The new body (with its braces) for lookup expression `lookup`.
  std::string Body(const std::string& lookup, const std::string& indent) const;
  // Deletes the file-scope helpers and includes only the old body needed; returns what went.
  std::string DeleteDead(const Item& fn, const std::string& body);
  // Adds `#include <header>` when none of `have` is included (before the first #include).
  void Need(std::string_view header, std::initializer_list<std::string_view> have, std::string* insert) const;

  Context& ctx_;
  std::string_view src_;
  std::string m_;
  bool cpp_;
  Items items_;
  std::string name_;           // the function's name
  std::vector<Param> params_;  // its parameters
  // The parameters the new body does not read (not the buffer and its size).
  std::vector<std::string> Unread() const {
    std::vector<std::string> out;
    for (const Param& p : params_) {
      if (!p.name.empty() && p.name != buffer_ && p.name != cap_) out.push_back(p.name);
    }
    return out;
  }
  Contract contract_ = Contract::kBuffer;
  std::string buffer_;         // kBuffer: the buffer and its size parameter
  std::string cap_;
  std::string success_;        // kBuffer: the return values; kString: the failure statement
  std::string failure_;
  std::string var_ = "oauth_token";
};

void CGeneration::ReadContract(const Item& fn) {
  static const RE2 kHead(R"(^\s*((?:(?:static|inline|extern)\s+)*)([\w:<>\s*&]*?)\s*\b([A-Za-z_~][\w:~]*)\s*\(([^()]*)\)\s*$)");
  static const RE2 kRequest(R"(\bcurl_easy_perform\s*\(|\bcpr::(?:Get|Post|Put|Patch|Delete)\s*\()");
  static const RE2 kStaticLocal(R"(\bstatic\s+[\w:<>\s*]*?([A-Za-z_]\w*)\s*(?:\[|=|;))");
  const std::string_view head = M(fn.begin, fn.open);
  const std::string_view body = M(fn.open + 1, fn.close);
  std::string storage;
  std::string type;
  std::string list;
  if (!RE2::FullMatch(re2::StringPiece(head.data(), head.size()), kHead, &storage, &type, &name_, &list)) {
    throw Withhold{"the generation is in a function whose head the fix does not read (a method, a template or a "
                   "function pointer); replace it by hand"};
  }
  const std::string where = name_ + "()";
  re2::StringPiece in(body.data(), body.size());
  int requests = 0;
  while (RE2::FindAndConsume(&in, kRequest)) ++requests;
  if (requests != 1) {
    throw Withhold{where + " sends " + std::to_string(requests) + " requests: it does more than generate the token, "
                   "so its body is not replaced; replace the generation by hand"};
  }
  std::string local;
  if (Has(body, kStaticLocal, &local)) {
    throw Withhold{"the token is kept in the static variable " + local + " of " + where +
                   " between calls; the OAuth token must not be kept past its hour; replace the generation by hand"};
  }
  // A file-scope variable the body writes or returns keeps the token beyond the call.
  for (const Item& it : items_.all()) {
    if (!it.variable) continue;
    const std::string& g = it.names.front();
    const RE2 kept("(?:\\b(?:str\\w*cpy|strn?cat|s?n?printf|memcpy|memmove)\\s*\\(\\s*|\\breturn\\s+)\\Q" + g +
                   "\\E\\b|\\b\\Q" + g + "\\E\\s*(?:\\[[^\\]]*\\]\\s*)?=[^=]");
    if (Has(body, kept)) {
      throw Withhold{"the token is kept in the global " + g + " by " + where +
                     "; who else reads it is not followed; replace the generation by hand"};
    }
  }
  params_ = Params(list);
  for (const Param& p : params_) {
    if (p.name == var_) var_ = "oauth_token_value";
  }
  type.erase(std::remove_if(type.begin(), type.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
             type.end());
  ReadReturns(body, type);
}

void CGeneration::ReadReturns(std::string_view body, const std::string& type) {
  static const RE2 kReturn(R"(\breturn\b\s*([^;]*);)");
  static const RE2 kAlloc(R"(\b(?:strn?dup|malloc|calloc|realloc)\s*\()");
  static const RE2 kThrow(R"(\bthrow\s+std::runtime_error\s*[({])");
  const std::string where = name_ + "()";
  std::vector<std::pair<size_t, std::string>> returns;  // offset in the body, expression
  re2::StringPiece in(body.data(), body.size());
  std::string expr;
  while (RE2::FindAndConsume(&in, kReturn, &expr)) {
    const size_t at = static_cast<size_t>(in.data() - body.data());
    expr.erase(expr.find_last_not_of(" \t\r\n") + 1);
    // The expression as written (the masked text blanks string contents).
    const size_t from = body.rfind(expr, at);
    const size_t abs = static_cast<size_t>(body.data() - m_.data()) + (from == kNpos ? 0 : from);
    returns.emplace_back(at, from == kNpos ? expr : std::string(src_.substr(abs, expr.size())));
  }
  auto handing = [&](std::initializer_list<std::string_view> empty) {
    return std::count_if(returns.begin(), returns.end(), [&](const auto& r) {
      return std::find(empty.begin(), empty.end(), r.second) == empty.end();
    });
  };
  const std::string more = " has more than one exit that hands a token out; which one the OAuth token replaces is "
                           "not known; replace the generation by hand";
  if (cpp_ && (type == "std::string" || type == "conststd::string")) {
    contract_ = Contract::kString;
    if (handing({"\"\"", "{}", "std::string()", "std::string{}", "std::string(\"\")"}) != 1) throw Withhold{where + more};
    for (const auto& r : returns) {
      if (r.second == "\"\"" || r.second == "{}" || r.second.rfind("std::string(", 0) == 0 || r.second == "std::string{}") {
        failure_ = "return " + r.second + ";";
      }
    }
    if (failure_.empty() && Has(body, kThrow)) failure_ = "throw std::runtime_error(\"no Zoho OAuth access token\");";
    if (failure_.empty()) {
      throw Withhold{"what " + where + " does when there is no token (it neither returns an empty string nor throws "
                     "std::runtime_error) is not known; replace the generation by hand"};
    }
    return;
  }
  if (type == "char*") {
    contract_ = Contract::kMalloc;
    if (!Has(body, kAlloc)) {
      throw Withhold{where + " returns a char * it does not allocate (storage the caller does not free); replace the "
                     "generation by hand"};
    }
    if (handing({"NULL", "0", "nullptr"}) != 1) throw Withhold{where + more};
    return;
  }
  if (type == "constchar*") {
    throw Withhold{where + " returns a const char *: storage the caller neither owns nor frees, which the OAuth token "
                   "does not fit; replace the generation by hand"};
  }
  ReadBuffer(body, type, returns);
}

void CGeneration::ReadBuffer(std::string_view body, const std::string& type,
                             const std::vector<std::pair<size_t, std::string>>& returns) {
  static const RE2 kBuf(R"(^char\s*(?:\*\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)\s*\[\s*\]))");
  static const RE2 kCap(R"(^(?:std::)?(?:size_t|int|unsigned(?:\s+int)?|long|unsigned\s+long|socklen_t)\s+([A-Za-z_]\w*)$)");
  static const RE2 kConstant(R"(^-?\w+$)");
  const std::string where = name_ + "()";
  for (size_t i = 0; i + 1 < params_.size() && buffer_.empty(); ++i) {
    std::string a;
    std::string b;
    if (RE2::PartialMatch(params_[i].text, kBuf, &a, &b) && RE2::FullMatch(params_[i + 1].text, kCap, &cap_)) {
      buffer_ = a.empty() ? b : a;
    }
  }
  if (buffer_.empty()) {
    throw Withhold{where + " neither writes the token into a caller's buffer (char *, size) nor returns it (a char * it "
                   "allocates, or a std::string); its contract is not known; replace the generation by hand"};
  }
  const RE2 write("\\b(?:snprintf|sprintf|strn?cpy|strlcpy|memcpy|strn?cat)\\s*\\(\\s*\\Q" + buffer_ + "\\E\\b");
  re2::StringPiece in(body.data(), body.size());
  int writes = 0;
  size_t written = kNpos;
  while (RE2::FindAndConsume(&in, write)) {
    ++writes;
    written = static_cast<size_t>(in.data() - body.data());
  }
  if (writes != 1) {
    throw Withhold{where + " writes its buffer " + buffer_ + " " + std::to_string(writes) +
                   " times: not one exit that hands the token out; replace the generation by hand"};
  }
  if (type == "void") {
    throw Withhold{where + " returns nothing, so its callers cannot tell that there is no token; replace the "
                   "generation by hand"};
  }
  for (const auto& r : returns) {
    if (!Has(r.second, kConstant)) {
      throw Withhold{where + " returns a computed value (" + r.second + "), not a success or failure constant; "
                     "replace the generation by hand"};
    }
    if (r.first > written && success_.empty()) success_ = r.second;
  }
  for (const auto& r : returns) {
    if (failure_.empty() && r.second != success_) failure_ = r.second;
  }
  if (success_.empty() || failure_.empty()) {
    throw Withhold{where + " has no " + (success_.empty() ? "success" : "failure") +
                   " value to return; its contract is not known; replace the generation by hand"};
  }
}

std::string CGeneration::Body(const std::string& lookup, const std::string& indent) const {
  const std::string eol(ctx_.Eol());
  const std::string null = cpp_ ? "nullptr" : "NULL";
  std::string out = "{" + eol + indent + (cpp_ ? "const char* " : "const char *") + var_ + " = " + lookup + ";" + eol;
  out += VoidLines(Unread(), indent, eol);
  switch (contract_) {
    case Contract::kBuffer:
      out += indent + "if (" + var_ + " == " + null + ") return " + failure_ + ";" + eol;
      out += indent + "snprintf(" + buffer_ + ", " + cap_ + ", \"%s\", " + var_ + ");" + eol;
      out += indent + "return " + success_ + ";" + eol;
      break;
    case Contract::kMalloc:
      out += indent + "return " + var_ + " == " + null + " ? " + null + " : strdup(" + var_ + ");" + eol;
      break;
    case Contract::kString:
      out += indent + "if (" + var_ + " == nullptr) " + failure_ + eol;
      out += indent + "return " + var_ + ";" + eol;
      break;
  }
  return out + "}";
}

void CGeneration::Need(std::string_view header, std::initializer_list<std::string_view> have, std::string* insert) const {
  for (std::string_view h : have) {
    if (src_.find("<" + std::string(h) + ">") != kNpos) return;
  }
  *insert += "#include <" + std::string(header) + ">" + std::string(ctx_.Eol());
}

std::string CGeneration::DeleteDead(const Item& fn, const std::string& body) {
  const auto& items = items_.all();
  std::vector<bool> gone(items.size(), false);
  std::vector<std::string_view> readers{M(fn.open, fn.close + 1)};
  for (bool grew = true; grew;) {
    grew = false;
    for (size_t j = 0; j < items.size(); ++j) {
      const Item& it = items[j];
      if (gone[j] || &it == &fn || !it.internal || it.names.empty()) continue;
      const bool read = std::any_of(readers.begin(), readers.end(), [&](std::string_view r) {
        return std::any_of(it.names.begin(), it.names.end(), [&](const std::string& n) { return HasWord(r, n); });
      });
      if (!read) continue;
      gone[j] = grew = true;
      readers.push_back(M(it.begin, it.end));
    }
  }
  static const RE2 kInclude(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::string rest;
  for (bool kept = true; kept;) {
    kept = false;
    rest = m_;
    auto blank = [&](size_t b, size_t e) { std::fill(rest.begin() + static_cast<long>(b), rest.begin() + static_cast<long>(e), ' '); };
    blank(fn.open, fn.close + 1);
    for (size_t j = 0; j < items.size(); ++j) {
      if (gone[j] || (items[j].kind == Item::kPreproc && Has(M(items[j].begin, items[j].end), kInclude)))
        blank(items[j].begin, items[j].end);
    }
    rest += body;
    for (size_t j = 0; j < items.size(); ++j) {
      if (gone[j] && std::any_of(items[j].names.begin(), items[j].names.end(), [&](const std::string& n) { return HasWord(rest, n); })) {
        gone[j] = false;
        kept = true;
      }
    }
  }
  std::string old(M(fn.open, fn.close + 1));
  for (size_t j = 0; j < items.size(); ++j) {
    if (gone[j]) old += M(items[j].begin, items[j].end);
  }
  std::string what;
  std::string header;
  std::optional<size_t> first_include;
  for (size_t j = 0; j < items.size(); ++j) {
    if (items[j].kind != Item::kPreproc || !Has(M(items[j].begin, items[j].end), kInclude, &header)) continue;
    if (!first_include) first_include = j;
    for (const HeaderUse& h : kHeaders) {
      const RE2 names(h.names);
      if (h.header == header && Has(old, names) && !Has(rest, names)) {
        gone[j] = true;
        what += (what.empty() ? "" : ", ") + ("#include <" + header + ">");
      }
    }
  }
  std::string insert;
  if (contract_ == Contract::kBuffer) Need(cpp_ ? "cstdio" : "stdio.h", {"stdio.h", "cstdio"}, &insert);
  if (contract_ == Contract::kMalloc) Need(cpp_ ? "cstring" : "string.h", {"string.h", "cstring"}, &insert);
  if (!insert.empty() && !first_include) throw Withhold{"no #include lines to add " + insert + " to; replace the generation by hand"};
  std::string helpers;
  std::vector<std::pair<size_t, size_t>> code;  // non-include ranges, merged below
  for (size_t j = 0; j < items.size(); ++j) {
    if (!gone[j]) continue;
    const Item& it = items[j];
    if (it.kind == Item::kPreproc && it.names.empty()) {  // an #include line
      if (first_include == j && !insert.empty()) {
        ctx_.Replace(it.begin, it.end, insert);
        insert.clear();
      } else {
        ctx_.Delete(it.begin, it.end);
      }
      continue;
    }
    // (A prototype and its definition are named once.)
    const bool function = it.kind == Item::kFunction || (it.kind == Item::kDeclaration && !it.variable);
    const std::string label = it.names.front() + (function ? "()" : "");
    if (!HasWord(helpers, it.names.front())) helpers += (helpers.empty() ? "" : ", ") + label;
    if (!code.empty() && code.back().second == it.begin) {
      code.back().second = it.end;
    } else {
      code.emplace_back(it.begin, it.end);
    }
  }
  if (!insert.empty()) ctx_.Insert(items[*first_include].begin, insert);
  // Between two blank lines (or at the top above one), one of them goes too.
  auto blank_line = [&](size_t at) {
    const size_t k = src_.find_first_not_of(" \t\r", at);
    return k == kNpos || src_[k] == '\n';
  };
  for (auto [b, e] : code) {
    // The comment lines right above it (a blank line above them) go with it.
    size_t up = b;
    while (up > 0 && M(LineStart(up - 1), up).find_first_not_of(" \t\r\n") == kNpos &&
           src_.substr(LineStart(up - 1), up - LineStart(up - 1)).find_first_not_of(" \t\r\n") != kNpos) {
      up = LineStart(up - 1);
    }
    if (up < b && up > 0 && blank_line(LineStart(up - 1))) b = up;
    const bool blank_before = b == 0 || (b >= 2 && blank_line(LineStart(b - 1)));
    if (blank_before && e < src_.size() && blank_line(e)) e = src_.find('\n', e) + 1;
    ctx_.Delete(b, e);
  }
  if (!helpers.empty()) what = helpers + (what.empty() ? "" : ", " + what);
  return what;
}

std::string CGeneration::Fix(size_t offset) {
  const auto& items = items_.all();
  const auto fn = std::find_if(items.begin(), items.end(), [&](const Item& it) {
    return it.kind == Item::kFunction && it.open < offset && offset < it.close;
  });
  if (fn == items.end()) {
    throw Withhold{"the generation is not inside a function whose body the fix can replace; replace it by hand"};
  }
  const std::string_view old = src_.substr(fn->open, fn->close + 1 - fn->open);
  if (old.find("AUTHTOKEN") == kNpos) {
    throw Withhold{"the response of the generation is not parsed for AUTHTOKEN in the same function (it is returned, "
                   "printed or passed on); replace it by hand with the OAuth access token"};
  }
  ReadContract(*fn);
  static const RE2 kScope(R"((Zoho[A-Za-z]+)/([a-z]+api))");
  std::string service;
  std::string scope_note = "; the self client needs the OAuth scope of the product it calls (the old SCOPE is not written out here)";
  if (Has(old, kScope, &service) && !OAuthScopeFor(service).empty()) scope_note = "; the self client needs scope " + OAuthScopeFor(service);
  std::vector<std::string> accounts = ir::AccountsServersIn(old);
  if (accounts.empty()) accounts = ir::AccountsServersIn(src_);
  ctx_.set_accounts(accounts.size() == 1 ? accounts.front() : "https://accounts.zoho.com");
  const std::string lookup = ctx_.Lookup();
  // The body's indentation: its first indented line's.
  std::string indent = "  ";
  const size_t nl = old.find('\n');
  if (nl != kNpos) {
    const size_t text = old.find_first_not_of(" \t", nl + 1);
    if (text != kNpos && text > nl + 1 && old[text] != '\n' && old[text] != '\r') indent = std::string(old.substr(nl + 1, text - nl - 1));
  }
  const std::string body = Body(lookup, indent);
  ctx_.Replace(fn->open, fn->close + 1, body);
  const std::string dead = DeleteDead(*fn, body);
  const RE2 call("\\b\\Q" + name_.substr(name_.rfind(':') == std::string::npos ? 0 : name_.rfind(':') + 1) + "\\E\\s*\\(");
  std::string outside = m_;
  std::fill(outside.begin() + static_cast<long>(fn->begin), outside.begin() + static_cast<long>(fn->end), ' ');
  const bool called = Has(outside, call);
  std::string detail = "the Authtoken generation in " + name_ + "() is replaced by " +
                       (ctx_.helper_used() ? "the refresh helper's access token (set ZOHO_REFRESH_TOKEN, ZOHO_CLIENT_ID and "
                                             "ZOHO_CLIENT_SECRET of a self client)"
                                           : "the OAuth access token in ZOHO_OAUTH_TOKEN");
  switch (contract_) {
    case Contract::kBuffer:
      detail += ", written into the caller's buffer " + buffer_ + " (returns " + success_ + ", or " + failure_ + " when there is none)";
      break;
    case Contract::kMalloc:
      detail += ", returned as a strdup'd copy the caller frees (NULL when there is none)";
      break;
    case Contract::kString:
      detail += ", returned as a std::string";
      break;
  }
  if (const std::string unread = UnreadClause(Unread()); !unread.empty()) {
    detail += "; " + unread + (called ? ", so its callers in this file stay as they are" : "; no caller in this file passes them") + ")";
  }
  if (!dead.empty()) detail += "; deleted with it, as nothing else used them: " + dead;
  return detail + scope_note + "; the password it sent is a leaked credential: have its owner change it";
}

}  // namespace

std::string FixCFamilyGeneration(Context& ctx, std::string_view src, size_t offset) {
  return CGeneration(ctx, src).Fix(offset);
}

}  // namespace authshift::rewriters::oauth
