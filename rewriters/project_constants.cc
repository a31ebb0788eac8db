#include "rewriters/project_constants.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstddef>

namespace authshift::rewriters {

namespace {
// `text` with its comments blanked (newlines kept): a commented-out class is not one.
std::string WithoutComments(std::string_view text) {
  std::string out(text);
  char quote = 0;
  for (size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    const char next = i + 1 < out.size() ? out[i + 1] : '\0';
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote || c == '\n') quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '/' && next == '/') {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
    } else if (c == '/' && next == '*') {
      const size_t end = out.find("*/", i + 2);
      const size_t stop = end == std::string::npos ? out.size() : end + 2;
      for (; i < stop; ++i) {
        if (out[i] != '\n') out[i] = ' ';
      }
      --i;
    }
  }
  return out;
}

uint32_t LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}
}  // namespace

void ProjectConstants::ReadJava(std::string_view path, std::string_view text,
                                std::map<std::string, std::vector<ProjectConstant>>* out) {
  const size_t slash = path.rfind('/');
  std::string_view base = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  if (base.size() <= 5 || base.substr(base.size() - 5) != ".java") return;
  base.remove_suffix(5);
  const std::string code = WithoutComments(text);
  text = code;
  // One type declared in the file, the one its name says: a nested class would own some of the
  // constants, and which ones is not read here.
  static const RE2 kType(R"(\b(?:class|interface|enum|record)\s+([A-Za-z_]\w*))");
  re2::StringPiece in(text.data(), text.size());
  std::string type;
  int types = 0;
  bool named = false;
  while (RE2::FindAndConsume(&in, kType, &type)) {
    ++types;
    named = named || type == base;
  }
  if (types != 1 || !named) return;
  static const RE2 kConst(
      R"re(\b(?:static\s+final|final\s+static)\s+String\s+([A-Za-z_]\w*)\s*=\s*"([^"\\\n]*)"\s*;)re");
  static const RE2 kPackage(R"(^\s*package\s+([\w.]+)\s*;)");
  std::string package;
  RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kPackage, &package);
  in = re2::StringPiece(text.data(), text.size());
  std::string name;
  std::string value;
  while (RE2::FindAndConsume(&in, kConst, &name, &value)) {
    const size_t at = static_cast<size_t>(in.data() - text.data());
    (*out)[std::string(base) + "." + name].push_back({value, std::string(path), LineAt(text, at), package});
  }
}

void ProjectConstants::Build() const {
  core::WalkResult walked = core::Walk(paths_, walk_);
  walked_ = walked.files;
  for (const core::WalkedFile& f : walked.files) {
    if (f.path.size() <= 5 || f.path.substr(f.path.size() - 5) != ".java") continue;
    std::string text;
    std::string err;
    if (core::ReadFile(f.abs_path, &text, &err)) ReadJava(f.path, text, &java_);
  }
}

const std::vector<ProjectFile>& ProjectConstants::AuthtokenFiles() const {
  std::call_once(files_once_, [this] {
    std::call_once(once_, [this] { Build(); });  // one walk serves both
    static const RE2 kAuthtoken("(?i)authtoken");
    for (const core::WalkedFile& f : walked_) {
      std::string text;
      std::string err;
      if (core::ReadFile(f.abs_path, &text, &err) && RE2::PartialMatch(text, kAuthtoken)) files_.push_back({f.path, std::move(text)});
    }
  });
  return files_;
}

std::vector<core::WalkedFile> ProjectConstants::FilesEndingWith(std::string_view suffix) const {
  std::call_once(once_, [this] { Build(); });
  std::vector<core::WalkedFile> out;
  for (const core::WalkedFile& f : walked_) {
    if (f.path.size() >= suffix.size() && f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(f);
  }
  return out;
}

const std::vector<ProjectFile>* ProjectConstants::TextsEndingWith(const std::string& suffix) const {
  constexpr size_t kFileMax = size_t{2} << 20;
  constexpr size_t kKeptMax = size_t{64} << 20;
  const std::vector<core::WalkedFile> walked = FilesEndingWith(suffix);
  std::lock_guard<std::mutex> lock(texts_mu_);
  if (auto it = texts_.find(suffix); it != texts_.end()) return it->second ? &*it->second : nullptr;
  std::optional<std::vector<ProjectFile>>& slot = texts_[suffix];
  std::vector<ProjectFile> out;
  size_t bytes = 0;
  for (const core::WalkedFile& f : walked) {
    std::string text;
    std::string err;
    if (f.size > kFileMax || texts_bytes_ + bytes + f.size > kKeptMax || !core::ReadFile(f.abs_path, &text, &err))
      return nullptr;  // the slot stays empty: the answer is the same next time
    bytes += text.size();
    out.push_back({f.path, std::move(text)});
  }
  texts_bytes_ += bytes;
  slot = std::move(out);
  return &*slot;
}

std::optional<ProjectConstant> ProjectConstants::Java(std::string_view cls, std::string_view name,
                                                      const std::vector<std::string>& packages) const {
  std::call_once(once_, [this] { Build(); });
  auto it = java_.find(std::string(cls) + "." + std::string(name));
  if (it == java_.end()) return std::nullopt;
  std::vector<const ProjectConstant*> seen;
  for (const ProjectConstant& c : it->second) {
    if (std::find(packages.begin(), packages.end(), c.package) != packages.end()) seen.push_back(&c);
  }
  if (seen.empty() ||
      std::any_of(seen.begin(), seen.end(), [&](const ProjectConstant* c) { return c->value != seen.front()->value; }))
    return std::nullopt;
  return *seen.front();
}

}  // namespace authshift::rewriters
