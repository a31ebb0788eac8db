#include "scanner/core/unified_diff.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <unordered_map>

namespace authshift::core {

namespace {

using Index = std::ptrdiff_t;

constexpr Index kMinMaxCost = 256;  // like git's XDL_MAX_COST_MIN
constexpr std::string_view kNoNewline = "\\ No newline at end of file\n";

size_t U(Index i) { return static_cast<size_t>(i); }
Index I(size_t i) { return static_cast<Index>(i); }

// Lines including their '\n'; a last line without one is kept as it is.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

// Myers' O((N+M)D) diff in linear space, as in git's xdiff (xdl_split/xdl_recs_cmp): finds the
// middle snake, splits and repeats on both halves (with an explicit stack). When the search costs
// more than `max_cost_` d-steps it splits at the furthest-reaching path instead: still a correct
// edit script, no longer guaranteed minimal.
class Myers {
 public:
  Myers(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b, std::vector<char>* changed_a,
        std::vector<char>* changed_b)
      : a_(a), b_(b), changed_a_(*changed_a), changed_b_(*changed_b),
        offset_(I(b.size()) + 1), kvdf_(a.size() + b.size() + 3), kvdb_(a.size() + b.size() + 3) {
    Index diagonals = I(a.size() + b.size() + 3);
    max_cost_ = std::max(kMinMaxCost, static_cast<Index>(std::sqrt(static_cast<double>(diagonals))));
  }

  void Run() {
    struct Box {
      Index off1, lim1, off2, lim2;
    };
    std::vector<Box> stack{{0, I(a_.size()), 0, I(b_.size())}};
    while (!stack.empty()) {
      Box box = stack.back();
      stack.pop_back();
      Index off1 = box.off1, lim1 = box.lim1, off2 = box.off2, lim2 = box.lim2;
      while (off1 < lim1 && off2 < lim2 && A(off1) == B(off2)) ++off1, ++off2;
      while (off1 < lim1 && off2 < lim2 && A(lim1 - 1) == B(lim2 - 1)) --lim1, --lim2;
      if (off1 == lim1 || off2 == lim2) {
        MarkAll(off1, lim1, off2, lim2);
        continue;
      }
      auto [x, y] = Split(off1, lim1, off2, lim2);
      bool inside = x >= off1 && x <= lim1 && y >= off2 && y <= lim2;
      bool corner = (x == off1 && y == off2) || (x == lim1 && y == lim2);
      if (!inside || corner) {  // cannot happen; never loop forever on it
        MarkAll(off1, lim1, off2, lim2);
        continue;
      }
      stack.push_back({x, lim1, y, lim2});
      stack.push_back({off1, x, off2, y});
    }
  }

 private:
  uint32_t A(Index i) const { return a_[U(i)]; }
  uint32_t B(Index i) const { return b_[U(i)]; }
  Index& F(Index d) { return kvdf_[U(d + offset_)]; }
  Index& Bk(Index d) { return kvdb_[U(d + offset_)]; }

  void MarkAll(Index off1, Index lim1, Index off2, Index lim2) {
    for (Index i = off1; i < lim1; ++i) changed_a_[U(i)] = 1;
    for (Index j = off2; j < lim2; ++j) changed_b_[U(j)] = 1;
  }

  // Diagonal d = x - y. kvdf_ holds the furthest x reached forward on each diagonal, kvdb_ the
  // smallest x reached backward.
  std::pair<Index, Index> Split(Index off1, Index lim1, Index off2, Index lim2) {
    constexpr Index kFar = std::numeric_limits<Index>::max() / 4;
    const Index dmin = off1 - lim2, dmax = lim1 - off2;
    const Index fmid = off1 - off2, bmid = lim1 - lim2;
    const bool odd = ((fmid - bmid) & 1) != 0;
    Index fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    F(fmid) = off1;
    Bk(bmid) = lim1;
    for (Index ec = 1;; ++ec) {
      if (fmin > dmin) {
        F(--fmin - 1) = -1;
      } else {
        ++fmin;
      }
      if (fmax < dmax) {
        F(++fmax + 1) = -1;
      } else {
        --fmax;
      }
      for (Index d = fmax; d >= fmin; d -= 2) {
        Index i1 = F(d - 1) >= F(d + 1) ? F(d - 1) + 1 : F(d + 1);
        Index i2 = i1 - d;
        while (i1 < lim1 && i2 < lim2 && A(i1) == B(i2)) ++i1, ++i2;
        F(d) = i1;
        if (odd && bmin <= d && d <= bmax && Bk(d) <= i1) return {i1, i2};
      }
      if (bmin > dmin) {
        Bk(--bmin - 1) = kFar;
      } else {
        ++bmin;
      }
      if (bmax < dmax) {
        Bk(++bmax + 1) = kFar;
      } else {
        --bmax;
      }
      for (Index d = bmax; d >= bmin; d -= 2) {
        Index i1 = Bk(d - 1) < Bk(d + 1) ? Bk(d - 1) : Bk(d + 1) - 1;
        Index i2 = i1 - d;
        while (i1 > off1 && i2 > off2 && A(i1 - 1) == B(i2 - 1)) --i1, --i2;
        Bk(d) = i1;
        if (!odd && fmin <= d && d <= fmax && i1 <= F(d)) return {i1, i2};
      }
      if (ec < max_cost_) continue;
      // Too expensive: split at whichever half-path got furthest.
      Index fbest = -1, fbest1 = -1;
      for (Index d = fmax; d >= fmin; d -= 2) {
        Index i1 = std::min(F(d), lim1);
        Index i2 = i1 - d;
        if (lim2 < i2) i1 = lim2 + d, i2 = lim2;
        if (fbest < i1 + i2) fbest = i1 + i2, fbest1 = i1;
      }
      Index bbest = kFar, bbest1 = kFar;
      for (Index d = bmax; d >= bmin; d -= 2) {
        Index i1 = std::max(off1, Bk(d));
        Index i2 = i1 - d;
        if (i2 < off2) i1 = off2 + d, i2 = off2;
        if (i1 + i2 < bbest) bbest = i1 + i2, bbest1 = i1;
      }
      if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) return {fbest1, fbest - fbest1};
      return {bbest1, bbest - bbest1};
    }
  }

  const std::vector<uint32_t>& a_;
  const std::vector<uint32_t>& b_;
  std::vector<char>& changed_a_;
  std::vector<char>& changed_b_;
  Index offset_;
  Index max_cost_ = kMinMaxCost;
  std::vector<Index> kvdf_;
  std::vector<Index> kvdb_;
};

// Marks every line of `a` and `b` that is not part of a longest common subsequence (or, for very
// different inputs, of a long one).
void DiffLines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
               std::vector<char>* changed_a, std::vector<char>* changed_b) {
  changed_a->assign(a.size(), 0);
  changed_b->assign(b.size(), 0);
  // Common prefix and suffix first: the usual case is a big file with a few changed lines.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t a_end = a.size() - suffix, b_end = b.size() - suffix;
  if (prefix == a_end || prefix == b_end) {
    for (size_t i = prefix; i < a_end; ++i) (*changed_a)[i] = 1;
    for (size_t j = prefix; j < b_end; ++j) (*changed_b)[j] = 1;
    return;
  }
  // Lines as small integers; count occurrences per side.
  std::unordered_map<std::string_view, uint32_t> ids;
  ids.reserve((a_end - prefix) + (b_end - prefix));
  std::vector<uint32_t> id_a, id_b;
  std::vector<uint32_t> in_a, in_b;  // occurrences per id
  auto intern = [&](std::string_view line) {
    auto [it, inserted] = ids.try_emplace(line, static_cast<uint32_t>(ids.size()));
    if (inserted) in_a.push_back(0), in_b.push_back(0);
    return it->second;
  };
  for (size_t i = prefix; i < a_end; ++i) {
    id_a.push_back(intern(a[i]));
    ++in_a[id_a.back()];
  }
  for (size_t j = prefix; j < b_end; ++j) {
    id_b.push_back(intern(b[j]));
    ++in_b[id_b.back()];
  }
  // A line that occurs on one side only is always a change; leaving it out of the search keeps the
  // longest common subsequence the same and makes totally different files cheap.
  std::vector<uint32_t> ra, rb;
  std::vector<size_t> ra_index, rb_index;
  for (size_t k = 0; k < id_a.size(); ++k) {
    if (in_b[id_a[k]] == 0) {
      (*changed_a)[prefix + k] = 1;
    } else {
      ra.push_back(id_a[k]);
      ra_index.push_back(prefix + k);
    }
  }
  for (size_t k = 0; k < id_b.size(); ++k) {
    if (in_a[id_b[k]] == 0) {
      (*changed_b)[prefix + k] = 1;
    } else {
      rb.push_back(id_b[k]);
      rb_index.push_back(prefix + k);
    }
  }
  std::vector<char> rca(ra.size(), 0), rcb(rb.size(), 0);
  Myers(ra, rb, &rca, &rcb).Run();
  for (size_t k = 0; k < ra.size(); ++k) {
    if (rca[k] != 0) (*changed_a)[ra_index[k]] = 1;
  }
  for (size_t k = 0; k < rb.size(); ++k) {
    if (rcb[k] != 0) (*changed_b)[rb_index[k]] = 1;
  }
}

// git's quote_c_style with core.quotepath=true.
bool NeedsQuoting(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u >= 0x7f || c == '"' || c == '\\';
  });
}

std::string QuotePath(std::string_view prefix, std::string_view path) {
  std::string full = std::string(prefix) + std::string(path);
  if (!NeedsQuoting(full)) return full;
  std::string out = "\"";
  for (char c : full) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\a': out += "\\a"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\v': out += "\\v"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (u < 0x20 || u >= 0x7f) {
          out += '\\';
          out += static_cast<char>('0' + ((u >> 6) & 3));
          out += static_cast<char>('0' + ((u >> 3) & 7));
          out += static_cast<char>('0' + (u & 7));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void AppendLine(std::string* out, char mark, std::string_view line) {
  *out += mark;
  out->append(line);
  if (line.empty() || line.back() != '\n') {
    *out += '\n';
    out->append(kNoNewline);
  }
}

void AppendRange(std::string* out, Index start, Index count) {
  // git: the start names the line before the hunk when the count is 0; ",1" is left out.
  *out += std::to_string(count == 0 ? start : start + 1);
  if (count != 1) {
    // Two appends, not `"," + to_string(…)`: GCC 12 at -O3 reports a false -Wrestrict on that.
    out->push_back(',');
    out->append(std::to_string(count));
  }
}

struct Block {  // one run of changes: a[a0, a1) replaced by b[b0, b1)
  Index a0, a1, b0, b1;
};

}  // namespace

std::string UnifiedDiff(std::string_view path, std::string_view before, std::string_view after,
                        int context) {
  if (before == after) return "";
  const Index ctx = std::max(context, 0);
  std::vector<std::string_view> a = SplitLines(before);
  std::vector<std::string_view> b = SplitLines(after);
  std::vector<char> ca, cb;
  DiffLines(a, b, &ca, &cb);

  const Index n = I(a.size()), m = I(b.size());
  std::vector<Block> blocks;
  for (Index i = 0, j = 0; i < n || j < m;) {
    if (i < n && j < m && ca[U(i)] == 0 && cb[U(j)] == 0) {
      ++i, ++j;
      continue;
    }
    Block block{i, i, j, j};
    while (i < n && ca[U(i)] != 0) ++i;
    while (j < m && cb[U(j)] != 0) ++j;
    if (i == block.a0 && j == block.b0) {  // inconsistent marks (cannot happen): stay correct
      if (i < n) ++i;
      if (j < m) ++j;
    }
    block.a1 = i, block.b1 = j;
    blocks.push_back(block);
  }

  std::string out;
  const std::string name_a = QuotePath("a/", path), name_b = QuotePath("b/", path);
  out += "diff --git " + name_a + " " + name_b + "\n";
  out += "--- " + name_a + (name_a.find(' ') != std::string::npos ? "\t" : "") + "\n";
  out += "+++ " + name_b + (name_b.find(' ') != std::string::npos ? "\t" : "") + "\n";
  for (size_t first = 0; first < blocks.size();) {
    size_t last = first;
    while (last + 1 < blocks.size() && blocks[last + 1].a0 - blocks[last].a1 <= 2 * ctx) ++last;
    const Block& fb = blocks[first];
    const Block& lb = blocks[last];
    const Index lead = std::min(ctx, fb.a0 - (first == 0 ? 0 : blocks[first - 1].a1));
    const Index trail = std::min(ctx, (last + 1 < blocks.size() ? blocks[last + 1].a0 : n) - lb.a1);
    const Index a_start = fb.a0 - lead, b_start = fb.b0 - lead;
    const Index a_count = lb.a1 + trail - a_start, b_count = lb.b1 + trail - b_start;
    out += "@@ -";
    AppendRange(&out, a_start, a_count);
    out += " +";
    AppendRange(&out, b_start, b_count);
    out += " @@\n";
    Index pos = a_start;
    for (size_t k = first; k <= last; ++k) {
      for (; pos < blocks[k].a0; ++pos) AppendLine(&out, ' ', a[U(pos)]);
      for (Index i = blocks[k].a0; i < blocks[k].a1; ++i) AppendLine(&out, '-', a[U(i)]);
      for (Index j = blocks[k].b0; j < blocks[k].b1; ++j) AppendLine(&out, '+', b[U(j)]);
      pos = blocks[k].a1;
    }
    for (; pos < lb.a1 + trail; ++pos) AppendLine(&out, ' ', a[U(pos)]);
    first = last + 1;
  }
  return out;
}

std::string UnifiedDiffSet(const std::vector<FileChange>& changes, int context) {
  std::vector<size_t> order(changes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t x, size_t y) { return changes[x].path < changes[y].path; });
  std::string out;
  for (size_t k : order) {
    std::string d = UnifiedDiff(changes[k].path, changes[k].before, changes[k].after, context);
    if (changes[k].created && !d.empty()) {
      // git's creation header: a mode line, and /dev/null for the old side.
      const size_t git_line = d.find('\n');
      const size_t old_line = d.find('\n', git_line + 1);
      d = d.substr(0, git_line + 1) + "new file mode 100644\n--- /dev/null\n" + d.substr(old_line + 1);
    }
    out += d;
  }
  return out;
}

}  // namespace authshift::core
