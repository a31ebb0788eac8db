// C/C++ lowering, stage 2 (lower.h): library semantics on facts, the plain-lexer fallback, and the
// entry point. No Clang headers here: this translation unit compiles in a second.
#include <dlfcn.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "scanner/core/utf8.h"
#include "scanner/frontends/clang/lower.h"
#include "scanner/frontends/treesitter/lower.h"
#include "scanner/ir/form_body.h"
#include "scanner/ir/format_template.h"

namespace authshift::frontends::clang_fe {
namespace {

using ir::AddConcat;
using ir::AddString;
using ir::SubString;

// The literal pieces of a template expression: a kString, adjacent literals, or a name bound to
// one of those. Empty when it is anything else.
std::vector<ir::ExprId> TemplatePieces(const ir::Facts& f, ir::ExprId id) {
  id = ir::Deref(f, id);
  if (id == ir::kNoExpr) return {};
  const ir::Expr& e = f.exprs[id];
  if (e.kind == ir::ExprKind::kString) return {id};
  if (e.kind != ir::ExprKind::kConcat) return {};
  std::vector<ir::ExprId> out;
  for (ir::ExprId c : e.children) {
    const ir::ExprId d = ir::Deref(f, c);
    if (d == ir::kNoExpr || f.exprs[d].kind != ir::ExprKind::kString) return {};
    out.push_back(d);
  }
  return out;
}

// Marks a template literal as consumed by the expression built from it (no longer a string root).
void Consume(ir::Facts* f, ir::ExprId id) {
  if (id == ir::kNoExpr) return;
  ir::Expr& e = f->exprs[id];
  if (e.kind == ir::ExprKind::kString) {
    e.kind = ir::ExprKind::kOther;
  } else if (e.kind == ir::ExprKind::kConcat) {
    const std::vector<ir::ExprId> children = e.children;
    e.kind = ir::ExprKind::kOther;
    for (ir::ExprId c : children) {
      if (f->exprs[c].kind == ir::ExprKind::kString) f->exprs[c].kind = ir::ExprKind::kOther;
    }
  }
}

ir::ExprId Hole(ir::Facts* f, const ir::Call& call) {
  ir::Expr e;
  e.kind = ir::ExprKind::kOther;
  e.span = call.span;
  e.text = call.callee;
  e.scope = f->exprs[call.self].scope;
  return f->Add(std::move(e));
}

// printf-style (`%s`, `%.*s`, `%%`) or brace-style (`{}`, `{0}`, `{:>8}`, `{{`) template pieces
// with their placeholders (scanner/ir/format_template.h) replaced by `args` (in order, or by
// index; a named brace field takes the next argument).
std::vector<ir::ExprId> ExpandTemplate(std::string_view code, ir::Facts* f, const std::vector<ir::ExprId>& pieces,
                                       const std::vector<ir::ExprId>& args, bool brace, const ir::Call& call) {
  std::vector<ir::ExprId> out;
  size_t next = 0;
  auto arg = [&](size_t i) { return i < args.size() ? args[i] : Hole(f, call); };
  for (ir::ExprId piece : pieces) {
    const std::string text = f->exprs[piece].text;
    for (const ir::FormatPiece& p :
         ir::ParseFormatTemplate(text, brace ? ir::FormatSyntax::kBrace : ir::FormatSyntax::kPercent)) {
      if (p.placeholder) {
        const std::optional<size_t> index = ir::ArgumentIndex(p.ph, &next);
        out.push_back(arg(index ? *index : next++));
      } else if (!p.escaped) {
        out.push_back(SubString(code, f, piece, p.begin, p.end));
      } else {
        const ir::Span lit = f->exprs[piece].literal_span;
        out.push_back(AddString(f, p.text, lit, lit, f->exprs[piece].scope));
      }
    }
  }
  return out;
}

// QString::arg: the lowest-numbered %N markers of the receiver's literal pieces are replaced by
// the arguments, in order.
bool ExpandQtArg(std::string_view code, ir::Facts* f, const std::vector<ir::ExprId>& parts,
                 const std::vector<ir::ExprId>& args, std::vector<ir::ExprId>* out) {
  auto marker_at = [](const std::string& t, size_t i, size_t* len) -> int {
    if (t[i] != '%' || i + 1 >= t.size() || std::isdigit(static_cast<unsigned char>(t[i + 1])) == 0) return -1;
    int n = t[i + 1] - '0';
    *len = 2;
    if (i + 2 < t.size() && std::isdigit(static_cast<unsigned char>(t[i + 2])) != 0) {
      n = n * 10 + (t[i + 2] - '0');
      *len = 3;
    }
    return n;
  };
  std::set<int> markers;
  for (ir::ExprId p : parts) {
    if (f->exprs[p].kind != ir::ExprKind::kString) continue;
    const std::string& t = f->exprs[p].text;
    for (size_t i = 0; i < t.size(); ++i) {
      size_t len = 0;
      const int n = marker_at(t, i, &len);
      if (n > 0) markers.insert(n);
    }
  }
  if (markers.empty()) return false;
  std::map<int, ir::ExprId> replace;
  auto it = markers.begin();
  for (ir::ExprId a : args) {
    if (it == markers.end()) break;
    replace[*it++] = a;
  }
  for (ir::ExprId p : parts) {
    if (f->exprs[p].kind != ir::ExprKind::kString) {
      out->push_back(p);
      continue;
    }
    const std::string t = f->exprs[p].text;
    size_t run = 0;
    bool changed = false;
    std::vector<ir::ExprId> local;
    for (size_t i = 0; i < t.size(); ++i) {
      size_t len = 0;
      const int n = marker_at(t, i, &len);
      auto r = replace.find(n);
      if (n <= 0 || r == replace.end()) continue;
      if (run < i) local.push_back(SubString(code, f, p, run, i));
      local.push_back(r->second);
      i += len - 1;
      run = i + 1;
      changed = true;
    }
    if (!changed) {
      out->push_back(p);
      continue;
    }
    if (run < t.size()) local.push_back(SubString(code, f, p, run, t.size()));
    out->insert(out->end(), local.begin(), local.end());
  }
  return true;
}

// `Name: value` header lines: key and value expressions over the line's first literal.
bool HeaderLine(std::string_view code, ir::Facts* f, ir::ExprId item, ir::MapEntry* entry) {
  item = ir::Deref(*f, item);
  if (item == ir::kNoExpr) return false;
  const ir::Expr x = f->exprs[item];
  std::vector<ir::ExprId> rest;
  ir::ExprId first = item;
  if (x.kind == ir::ExprKind::kConcat) {
    if (x.children.empty()) return false;
    first = x.children[0];
    rest.assign(x.children.begin() + 1, x.children.end());
  }
  if (f->exprs[first].kind != ir::ExprKind::kString) return false;
  const std::string text = f->exprs[first].text;
  size_t colon = 0;
  while (colon < text.size() &&
         (std::isalnum(static_cast<unsigned char>(text[colon])) != 0 || text[colon] == '-' || text[colon] == '_')) {
    ++colon;
  }
  if (colon == 0 || colon >= text.size() || text[colon] != ':' ||
      std::isalpha(static_cast<unsigned char>(text[0])) == 0) {
    return false;
  }
  size_t value_begin = colon + 1;
  while (value_begin < text.size() && (text[value_begin] == ' ' || text[value_begin] == '\t')) ++value_begin;
  entry->key = SubString(code, f, first, 0, colon);
  std::vector<ir::ExprId> parts;
  if (value_begin < text.size()) parts.push_back(SubString(code, f, first, value_begin, text.size()));
  parts.insert(parts.end(), rest.begin(), rest.end());
  if (parts.empty()) return false;
  entry->value = parts.size() == 1 ? parts[0] : AddConcat(f, parts, x.span, x.scope);
  entry->span = x.span;
  entry->scope = x.scope;
  return true;
}

std::string NameText(const ir::Facts& f, ir::ExprId id) {
  if (id == ir::kNoExpr) return {};
  const ir::Expr& e = f.exprs[id];
  if (e.kind == ir::ExprKind::kName) return e.text;
  std::string t = e.text;
  while (!t.empty() && (t[0] == '&' || t[0] == ' ')) t.erase(0, 1);
  if (t.empty()) return {};
  for (char c : t) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_') return {};
  }
  return t;
}


// Two-argument calls that put an entry into their receiver.
bool IsPut(const std::string& method) {
  static const std::set<std::string> kNames = {"setRawHeader", "addQueryItem", "set", "add", "insert",
                                               "emplace", "setHeader", "addHeader", "append_header",
                                               "SetHeader", "AddHeader"};
  return kNames.count(method) != 0;
}

}  // namespace


namespace {

// printf family and brace formats (`sprintf`, `snprintf`, `g_strdup_printf`, `absl::StrFormat`,
// `QString::asprintf`, `fmt::sprintf`, `std::format`, `StrCat`): the template argument becomes the
// concatenation it formats. True when the call is one of them (its template expanded or not).
bool LowerFormatCall(std::string_view code, ir::Facts* f, size_t ci, const ir::Call& call,
                     const std::vector<ir::ExprId>& args, uint32_t scope) {
  const std::string& m = call.method;
  int tmpl = -1;
  bool returns = false;
  bool brace = false;
  const bool qt = call.callee.find("QString") != std::string::npos;
  const bool fmt_ns = call.callee.rfind("fmt::", 0) == 0;
  if (call.receiver == ir::kNoExpr) {
    if ((m == "sprintf" && !fmt_ns) || (m == "asprintf" && !qt)) tmpl = 1;
    if (m == "snprintf" || m == "swprintf") tmpl = 2;
    if (m == "g_strdup_printf" || m == "StrFormat" || (m == "asprintf" && qt) || (m == "sprintf" && fmt_ns)) {
      tmpl = 0;
      returns = true;
    }
    if (m == "format" || m == "StrCat") {
      tmpl = m == "format" ? 0 : -1;
      returns = true;
      brace = true;
    }
  }
  if (tmpl < 0 || static_cast<size_t>(tmpl) >= args.size()) return false;
  const std::vector<ir::ExprId> pieces = TemplatePieces(*f, args[static_cast<size_t>(tmpl)]);
  if (!pieces.empty()) {
    const std::vector<ir::ExprId> rest(args.begin() + tmpl + 1, args.end());
    std::vector<ir::ExprId> parts = ExpandTemplate(code, f, pieces, rest, brace, call);
    const ir::ExprId original = args[static_cast<size_t>(tmpl)];
    if (f->exprs[original].kind != ir::ExprKind::kName) Consume(f, original);
    if (returns) {
      ir::Expr& self = f->exprs[call.self];
      self.kind = ir::ExprKind::kConcat;
      self.children = std::move(parts);
    } else {
      const ir::ExprId concat = AddConcat(f, std::move(parts), call.span, scope);
      f->calls[ci].args[static_cast<size_t>(tmpl)].value = concat;
      ir::Binding b;
      b.name = NameText(*f, args[0]);
      b.value = concat;
      b.span = call.span;
      b.scope = scope;
      if (!b.name.empty()) f->bindings.push_back(b);
    }
  }
  return true;
}

// QString::arg chains: `QString("…%1…").arg(x)` becomes the concatenation it builds. True when the
// call is an `arg` on a receiver.
bool LowerQtArg(std::string_view code, ir::Facts* f, const ir::Call& call, const std::vector<ir::ExprId>& args) {
  if (call.method != "arg" || call.receiver == ir::kNoExpr || args.empty()) return false;
  const ir::ExprId recv = call.receiver;
  std::vector<ir::ExprId> parts;
  const ir::ExprId base = ir::Deref(*f, recv);
  if (f->exprs[base].kind == ir::ExprKind::kString) {
    parts = {base};
  } else if (f->exprs[base].kind == ir::ExprKind::kConcat) {
    parts = f->exprs[base].children;
  }
  std::vector<ir::ExprId> replacements;
  bool all_strings = true;
  for (ir::ExprId a : args) all_strings = all_strings && f->exprs[a].kind != ir::ExprKind::kNumber;
  if (all_strings) {
    replacements = args;
  } else {
    replacements = {args[0]};
  }
  std::vector<ir::ExprId> out;
  if (!parts.empty() && ExpandQtArg(code, f, parts, replacements, &out)) {
    if (f->exprs[recv].kind != ir::ExprKind::kName) Consume(f, recv);
    ir::Expr& self = f->exprs[call.self];
    self.kind = ir::ExprKind::kConcat;
    self.children = std::move(out);
  }
  return true;
}

}  // namespace

void ApplyLibrarySemantics(std::string_view code, ir::Facts* f) {
  if (f->scope_parent.empty()) f->scope_parent.push_back(0);
  const size_t call_count = f->calls.size();
  for (size_t ci = 0; ci < call_count; ++ci) {
    const ir::Call call = f->calls[ci];  // a copy: facts grow below
    const std::string& m = call.method;
    const uint32_t scope = f->exprs[call.self].scope;
    std::vector<ir::ExprId> args;
    for (const ir::Arg& a : call.args) args.push_back(a.value);

    if (LowerFormatCall(code, f, ci, call, args, scope)) continue;
    // strcpy / strcat into a buffer.
    if (call.receiver == ir::kNoExpr && args.size() >= 2 &&
        (m == "strcpy" || m == "strncpy" || m == "strcat" || m == "strncat" || m == "strlcpy" || m == "strlcat")) {
      ir::Binding b;
      b.name = NameText(*f, args[0]);
      b.value = args[1];
      b.op = m.find("cat") != std::string::npos ? "+=" : "=";
      b.span = call.span;
      b.scope = scope;
      if (!b.name.empty()) f->bindings.push_back(b);
      continue;
    }
    if (LowerQtArg(code, f, call, args)) continue;
    // curl_slist_append(list, "Name: value"): an entry of the list variable.
    if (m == "curl_slist_append" && args.size() == 2) {
      std::string container = NameText(*f, args[0]);
      if (container.empty()) {
        for (const ir::Binding& b : f->bindings) {
          if (b.value == call.self) container = b.name;
        }
      }
      ir::MapEntry e;
      if (!container.empty() && HeaderLine(code, f, args[1], &e)) {
        e.container_name = container;
        e.origin = ir::EntryOrigin::kPut;
        e.statement = call.span;  // e.span: where the line is written (HeaderLine)
        e.scope = scope;
        f->entries.push_back(e);
      }
      continue;
    }
    // CURLOPT_POSTFIELDS bodies and cpr::Body: form entries.
    if (m == "curl_easy_setopt" && args.size() >= 3) {
      const std::string option = f->exprs[args[1]].text;
      if (option == "CURLOPT_POSTFIELDS" || option == "CURLOPT_COPYPOSTFIELDS") ir::AddFormEntries(code, f, args[2]);
      continue;
    }
    if ((call.callee == "cpr::Body" || call.callee == "cpr::Payload") && args.size() == 1 &&
        f->exprs[args[0]].kind != ir::ExprKind::kMap) {
      ir::AddFormEntries(code, f, args[0]);
      continue;
    }
    // Poco: request.setCredentials("scheme", info) sends Authorization: scheme info.
    if (m == "setCredentials" && call.receiver != ir::kNoExpr && args.size() == 2) {
      ir::MapEntry e;
      const ir::Span s0 = call.args[0].span;
      e.key = AddString(f, "Authorization", s0, s0, scope);
      const ir::Span gap{s0.end, s0.end};
      e.value = AddConcat(f, {args[0], AddString(f, " ", gap, gap, scope), args[1]}, call.span, scope);
      e.container_name = NameText(*f, call.receiver);
      e.origin = ir::EntryOrigin::kPut;
      e.span = {s0.begin, call.args[1].span.end};
      e.statement = call.span;
      e.scope = scope;
      if (!e.container_name.empty()) f->entries.push_back(e);
      continue;
    }
    // Two-argument puts: setRawHeader, addQueryItem, Poco set/add, map insert/emplace.
    if (IsPut(m) && call.receiver != ir::kNoExpr && args.size() == 2) {
      const ir::StringValue key = ir::Flatten(*f, args[0], code);
      if (!key.AllLiteral() || key.parts.empty()) continue;
      ir::MapEntry e;
      e.key = args[0];
      e.value = args[1];
      e.container_name = NameText(*f, call.receiver);
      if (e.container_name.empty()) e.container_name = f->exprs[call.receiver].text;
      e.origin = ir::EntryOrigin::kPut;
      e.span = {call.args[0].span.begin, call.args[1].span.end};
      e.statement = call.span;
      e.scope = scope;
      f->entries.push_back(e);
      if (m == "addQueryItem") {
        // A query parameter of the request being built: also a one-entry map, the call's
        // argument "<entry>" (the convention of the other request builders' setters).
        ir::MapEntry one = e;
        one.container = AddConcat(f, {}, e.span, scope);
        f->exprs[one.container].kind = ir::ExprKind::kMap;
        one.container_name.clear();
        one.origin = ir::EntryOrigin::kLiteral;
        f->entries.push_back(one);
        f->calls[ci].args.push_back({"<entry>", one.container, e.span});
      }
      continue;
    }
  }
  std::stable_sort(f->bindings.begin(), f->bindings.end(),
                   [](const ir::Binding& a, const ir::Binding& b) { return a.span.begin < b.span.begin; });
}

namespace {

std::mutex g_settings_mu;
Settings g_settings;  // written by Configure before scans start

}  // namespace

void Configure(const Settings& settings) {
  std::lock_guard<std::mutex> lock(g_settings_mu);
  g_settings = settings;
}

const Settings& CurrentSettings() { return g_settings; }

namespace {
std::string g_plugin_error =  // NOLINT(cert-err58-cpp): a constant message until a load fails
    AUTHSHIFT_WITH_CLANG ? "" : "this build has no Clang (-DAUTHSHIFT_WITH_CLANG=OFF)";
}  // namespace

const std::string& PluginError() { return g_plugin_error; }

#if AUTHSHIFT_WITH_CLANG
namespace {

// The directory of the running binary (/proc/self/exe), or "".
std::string BinaryDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : exe.parent_path().string();
}

const ClangPlugin* Load() {
  using Entry = const ClangPlugin* (*)();
  // Already in the process (a program linked with the plugin, such as the test suite).
  if (auto entry = reinterpret_cast<Entry>(dlsym(RTLD_DEFAULT, kClangPluginSymbol)); entry != nullptr) {  // NOLINT
    if (const ClangPlugin* plugin = entry(); plugin != nullptr && plugin->version == kClangPluginVersion) return plugin;
  }
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("AUTHSHIFT_CLANG_PLUGIN"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  } else if (const std::string dir = BinaryDir(); !dir.empty()) {
    candidates.push_back(dir + "/" + kClangPluginFile);
    candidates.push_back(dir + "/../lib/authshift/" + kClangPluginFile);
  }
  std::string errors;
  for (const std::string& path : candidates) {
    if (!std::filesystem::exists(path)) {
      errors += (errors.empty() ? "" : "; ") + path + ": no such file";
      continue;
    }
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* e = dlerror();
      errors += (errors.empty() ? "" : "; ") + (e != nullptr ? std::string(e) : path + ": cannot load");
      continue;
    }
    auto entry = reinterpret_cast<Entry>(dlsym(handle, kClangPluginSymbol));  // NOLINT: dlsym's contract
    const ClangPlugin* plugin = entry != nullptr ? entry() : nullptr;
    if (plugin == nullptr || plugin->version != kClangPluginVersion) {
      errors += (errors.empty() ? "" : "; ") + path + ": not an authshift Clang plugin of this version";
      continue;
    }
    return plugin;  // the handle stays open until exit
  }
  g_plugin_error = errors.empty() ? std::string("no place to look for ") + kClangPluginFile : errors;
  return nullptr;
}

// Whether a compile database may cover files of this run (-p, or compile_commands.json in the base
// directory or its build/): without one, `auto` needs no Clang and the plugin is not loaded.
bool MayHaveDatabase(const Settings& s) {
  if (!s.compile_db_dir.empty()) return true;
  const std::filesystem::path base = s.base_dir.empty() ? std::filesystem::path(".") : std::filesystem::path(s.base_dir);
  std::error_code ec;
  return std::filesystem::exists(base / "compile_commands.json", ec) ||
         std::filesystem::exists(base / "build" / "compile_commands.json", ec);
}

}  // namespace

const ClangPlugin* LoadClangPlugin() {
  static const ClangPlugin* plugin = Load();
  return plugin;
}

#endif

std::optional<CFamilyMode> ParseCFamilyMode(std::string_view text) {
  if (text == "auto") return CFamilyMode::kAuto;
  if (text == "clang") return CFamilyMode::kClang;
  if (text == "tree-sitter") return CFamilyMode::kTreeSitter;
  return std::nullopt;
}

bool IsCLanguage(std::string_view language, std::string_view path, std::string_view code) {
  if (language != "c") return false;
  if (path.size() >= 2 && path.substr(path.size() - 2) == ".c") return true;
  // A .h file: C++ when it reads like C++.
  for (std::string_view marker : {"class ", "namespace ", "std::", "template <", "template<", "#include <string>",
                                  "public:", "QString", "cpr::", "Poco::"}) {
    if (code.find(marker) != std::string_view::npos) return false;
  }
  return true;
}

CFamilyResult LowerCFamily(std::string_view language, std::string_view code, std::string_view path) {
  CFamilyResult r;
  namespace fs = std::filesystem;
  std::string abs;
  std::error_code ec;
  if (!path.empty()) {
    fs::path p(path);
    if (p.is_relative() && !CurrentSettings().base_dir.empty()) p = fs::path(CurrentSettings().base_dir) / p;
    abs = fs::absolute(p, ec).lexically_normal().string();
  }
  const bool is_c = IsCLanguage(language, abs, code);
  // The tree-sitter path: the file's own syntax, no headers (see lower.h).
  auto tree_sitter = [&](std::string_view which) {
    size_t syntax_errors = 0;
    std::optional<ir::Facts> facts = treesitter::LowerWithTreeSitter(is_c ? "c" : "cpp", code, &syntax_errors);
    r.facts = facts ? std::move(*facts) : ir::Facts{};
    r.errors = syntax_errors;
    r.path = which;
  };
#if AUTHSHIFT_WITH_CLANG
  if (abs.empty()) abs = (fs::current_path(ec) / (is_c ? "input.c" : "input.cc")).string();
  const CFamilyMode mode = CurrentSettings().mode;
  ClangOutcome outcome;
  try {
    const bool wants_clang =
        mode == CFamilyMode::kClang || (mode == CFamilyMode::kAuto && MayHaveDatabase(CurrentSettings()));
    const ClangPlugin* clang = wants_clang ? LoadClangPlugin() : nullptr;
    bool from_database = false;
    std::vector<std::string> flags;
    if (clang != nullptr) flags = clang->compile_flags(abs, is_c, CurrentSettings(), &from_database);
    if (clang == nullptr || (mode == CFamilyMode::kAuto && !from_database)) {
      tree_sitter(mode == CFamilyMode::kTreeSitter ? kPathTreeSitter
                  : wants_clang && clang == nullptr ? kPathTreeSitterNoPlugin
                                                    : kPathTreeSitterNoDatabase);
      ApplyLibrarySemantics(code, &r.facts);
      return r;
    }
    outcome = clang->lower(code, abs, flags, &r.facts);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (...) {
    outcome = ClangOutcome{};
  }
  r.errors = outcome.errors;
  r.first_error = outcome.first_error;
  r.degraded = !outcome.ran || outcome.missing_header;
  r.path = kPathClang;
  if (r.degraded) {
    // Clang drops whatever depends on a missing header (a call to an undeclared function goes with
    // its arguments): the file's own syntax through tree-sitter keeps them. Clang's error count
    // stays the file's error count (the fix check compares it before and after).
    const size_t clang_errors = r.errors;
    tree_sitter(kPathTreeSitterMissingHeaders);
    r.errors = clang_errors;
  }
#else
  tree_sitter(kPathTreeSitter);
#endif
  ApplyLibrarySemantics(code, &r.facts);
  return r;
}

}  // namespace authshift::frontends::clang_fe
