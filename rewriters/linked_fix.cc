#include "rewriters/linked_fix.h"

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <set>

#include "rewriters/fix.h"
#include "scanner/core/redact.h"
#include "scanner/core/walk.h"

namespace authshift::rewriters {
namespace {

uint32_t LineOf(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

core::Finding* FindingOf(engine::ScanResult* result, const LinkedFix& fix) {
  for (core::Finding& f : result->findings) {
    if (f.path == fix.path && f.byte_start == fix.byte_start && f.rule_id == fix.rule_id) return &f;
  }
  return nullptr;
}

// Union-find over the paths the fixes touch: fixes that share a file are one unit.
std::vector<std::vector<size_t>> Units(const std::vector<LinkedFix>& fixes) {
  std::map<std::string, size_t> id;
  std::vector<size_t> parent;
  auto node = [&](const std::string& p) {
    auto [it, added] = id.emplace(p, parent.size());
    if (added) parent.push_back(parent.size());
    return it->second;
  };
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const LinkedFix& f : fixes) {
    const size_t a = node(f.path);
    for (const FileEdits& fe : f.files) parent[find(node(fe.path))] = find(a);
  }
  std::map<size_t, std::vector<size_t>> by_root;
  for (size_t i = 0; i < fixes.size(); ++i) by_root[find(id[fixes[i].path])].push_back(i);
  std::vector<std::vector<size_t>> out;
  out.reserve(by_root.size());
  for (auto& [root, members] : by_root) out.push_back(std::move(members));
  return out;
}

// A finding of another file whose span holds an edit of the unit (the line that sets the value
// the fixed parameter sends) is fixed by it: its outcome names the finding whose fix it is.
void MarkCovered(const std::vector<const LinkedFix*>& members, engine::ScanResult* result) {
  const LinkedFix& lead = *members.front();
  const core::Finding* lead_finding = FindingOf(result, lead);
  if (lead_finding == nullptr) return;
  const std::string by = lead.path + ":" + std::to_string(lead_finding->start.line);
  for (core::Finding& f : result->findings) {
    if (!f.fixable || f.outcome.status == FixStatus::kFixed) continue;
    const bool covered = std::any_of(members.begin(), members.end(), [&](const LinkedFix* m) {
      return std::any_of(m->files.begin(), m->files.end(), [&](const FileEdits& fe) {
        return fe.path == f.path && std::any_of(fe.edits.begin(), fe.edits.end(), [&](const Edit& e) {
                 return e.offset >= f.byte_start && e.offset < f.byte_end;
               });
      });
    });
    if (covered) f.outcome = {FixStatus::kFixed, "changed by the fix of " + by + " (the same change across files)"};
  }
}

}  // namespace

uint64_t BytesHash(std::string_view bytes) {
  uint64_t h = 1469598103934665603ULL;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

void LinkedFixes::Add(LinkedFix fix, core::Finding* finding) {
  finding->outcome = {FixStatus::kWithheld, "this fix edits other files too, and the run ended before they were checked"};
  std::lock_guard<std::mutex> lock(mu_);
  fixes_.push_back(std::move(fix));
}

void LinkedFixes::AddOwn(const std::string& path, std::vector<Edit> edits) {
  std::lock_guard<std::mutex> lock(mu_);
  own_[path] = std::move(edits);
}

struct LinkedFixes::Unit {
  std::string before;
  std::string after;
  std::vector<const Edit*> linked;  // the unit's edits to this file
};

// Resolves, applies and checks every file of one unit; on success writes the new texts into
// result->changes and returns true; otherwise `why` says which file failed and how.
bool LinkedFixes::MakeUnit(const std::vector<const LinkedFix*>& fixes, engine::ScanResult* result,
                           std::string* why) const {
  std::map<std::string, Unit> files;
  for (const LinkedFix* f : fixes) {
    for (const FileEdits& fe : f->files) {
      Unit& u = files[fe.path];
      auto change = std::find_if(result->changes.begin(), result->changes.end(),
                                 [&](const core::FileChange& c) { return c.path == fe.path; });
      if (u.linked.empty() && u.before.empty()) {
        std::string err;
        if (change != result->changes.end()) {
          u.before = change->before;
        } else if (!core::ReadFile((std::filesystem::path(result->root) / fe.path).string(), &u.before, &err)) {
          *why = fe.path + " cannot be read: " + err;
          return false;
        }
      }
      if (u.before.size() != fe.size || BytesHash(u.before) != fe.hash) {
        *why = fe.path + " changed while the run read it; run fix again";
        return false;
      }
      for (const Edit& e : fe.edits) u.linked.push_back(&e);
    }
  }
  for (auto& [path, u] : files) {
    EditSet set;
    auto own = own_.find(path);
    if (own != own_.end()) {
      for (const Edit& e : own->second) set.Add(e);
    }
    for (const Edit* e : u.linked) set.Add(*e);
    std::string err;
    if (!set.Resolve(&err)) {
      *why = "conflicting edits in " + path + ": " + err;
      return false;
    }
    u.after = set.Apply(u.before);
    const languages::Language& lang = languages::Detect(path, u.before);
    const long after_errors = ParseErrors(lang, u.after);
    if (after_errors > 0 && after_errors > ParseErrors(lang, u.before)) {
      *why = "the fix would add a syntax error to " + path + "; fix it by hand";
      return false;
    }
  }
  for (auto& [path, u] : files) {
    auto change = std::find_if(result->changes.begin(), result->changes.end(),
                               [&p = path](const core::FileChange& c) { return c.path == p; });
    if (change != result->changes.end()) {
      change->after = std::move(u.after);
    } else if (u.after != u.before) {
      result->changes.push_back({path, std::move(u.before), std::move(u.after), false});
    }
  }
  return true;
}

void LinkedFixes::Apply(engine::ScanResult* result) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::vector<size_t>& unit : Units(fixes_)) {
    std::vector<const LinkedFix*> members;
    members.reserve(unit.size());
    for (size_t i : unit) members.push_back(&fixes_[i]);
    // What the outcome names: every file of the unit but the finding's own, with the line of its
    // first edit.
    std::string why;
    std::map<std::string, std::string> before;  // path -> bytes, for the lines named
    for (const core::FileChange& c : result->changes) before[c.path] = c.before;
    const bool made = MakeUnit(members, result, &why);
    for (const core::FileChange& c : result->changes) before.emplace(c.path, c.before);
    for (const LinkedFix* f : members) {
      core::Finding* finding = FindingOf(result, *f);
      if (finding == nullptr) continue;
      if (!made) {
        finding->outcome = {FixStatus::kWithheld, core::RedactAll(why)};
        continue;
      }
      std::string also;
      std::set<std::string> named;
      for (const LinkedFix* g : members) {
        for (const FileEdits& fe : g->files) {
          if (fe.path == f->path || fe.edits.empty() || !named.insert(fe.path).second) continue;
          const size_t at = std::accumulate(fe.edits.begin(), fe.edits.end(), fe.edits.front().offset,
                                            [](size_t m, const Edit& e) { return std::min(m, e.offset); });
          auto b = before.find(fe.path);
          also += (also.empty() ? "" : ", ") + fe.path + ":" +
                  std::to_string(b == before.end() ? 0 : LineOf(b->second, at));
        }
      }
      finding->outcome = {FixStatus::kFixed, core::RedactAll(f->detail + (also.empty() ? "" : "; also edits " + also))};
    }
    if (made) MarkCovered(members, result);
  }
  std::sort(result->changes.begin(), result->changes.end(),
            [](const core::FileChange& a, const core::FileChange& b) { return a.path < b.path; });
}

}  // namespace authshift::rewriters
