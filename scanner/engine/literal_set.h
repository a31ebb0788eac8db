#pragma once
// Which of a small set of literals occur in a text, ASCII case-insensitively: the prefilter's one
// pass over every byte of every file, so it must run near memory speed.
//
// Design: each literal gets an anchor, the run of three adjacent bytes in it that is least common in
// source code (a fixed byte ranking), so that few positions of a text need a closer look. The scan
// compares 32 positions at a time (AVX2, chosen at run time), 16 (SSE2) or one (elsewhere) against
// every distinct anchor, bytes folded with `| 0x20` (letters to lower case; other bytes may collide,
// which only costs a verification); each candidate position is verified against the literals
// anchored there with an exact ASCII case-insensitive compare. Non-ASCII bytes compare exactly;
// literals under three bytes get a plain search.
// Built once; Find is const and thread-safe.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace authshift::engine {

class LiteralSet {
 public:
  // Any literals; duplicates allowed. `except[i]` (optional) lists words containing literal i whose
  // occurrences of it do not count (`authtoken` inside `oauthtoken`).
  explicit LiteralSet(std::vector<std::string> literals, std::vector<std::vector<std::string>> except = {});

  // The block scan: kAuto picks kAvx2Nibble when the CPU has AVX2, else SSE2 (x86-64), else
  // scalar. The others are for tests and benchmarks (a path the CPU or build lacks falls back to
  // scalar). kSse2 compares the positions with each anchor in turn (cost grows with the number of
  // anchors); kAvx2Nibble looks every anchor up at once in nibble tables (below).
  enum class Path { kAuto, kAvx2Nibble, kSse2, kScalar };

  // Indices (into the constructor's literals) of those occurring in `text`, ascending.
  std::vector<size_t> Find(std::string_view text, Path path = Path::kAuto) const;
  // The same with the portable position-by-position scan.
  std::vector<size_t> FindScalar(std::string_view text) const;

  size_t size() const { return literals_.size(); }

 private:
  struct Anchor {
    std::array<uint8_t, 3> bytes{};  // folded bytes of the run
    std::vector<std::pair<size_t, size_t>> literals;  // (literal index, offset of the run in it)
  };
  // Verifies the literals of `a` around a candidate run at `pos`; marks and counts new finds.
  void Verify(const Anchor& a, std::string_view text, size_t pos, std::vector<char>* found, size_t* left) const;
  // Verifies every anchor whose run is at `pos` (pos + 3 <= text.size()).
  void VerifyAt(std::string_view text, size_t pos, std::vector<char>* found, size_t* left) const;
  void FindShort(std::string_view text, std::vector<char>* found, size_t* left) const;
  void ScanScalar(std::string_view text, size_t from, std::vector<char>* found, size_t* left) const;
  // Block scans: return the first position they did not look at.
  size_t ScanSse2(std::string_view text, std::vector<char>* found, size_t* left) const;
  size_t ScanAvx2Nibble(std::string_view text, std::vector<char>* found, size_t* left) const;
  std::vector<size_t> Collect(const std::vector<char>& found) const;

  // True when the occurrence of literal `index` at `start` lies inside one of its exception words.
  bool Shadowed(size_t index, std::string_view text, size_t start) const;

  std::vector<std::string> literals_;  // ASCII-lowercased
  std::vector<std::vector<std::pair<std::string, size_t>>> except_;  // per literal: (word, offset of literal in it)
  std::vector<Anchor> anchors_;
  std::array<bool, 256> starts_anchor_{};  // folded byte -> some anchor starts with it
  // The nibble filter: anchors go into 8 buckets (a bit each); for the k-th byte of a run,
  // nibble_lo_[k][b & 15] and nibble_hi_[k][b >> 4] hold the buckets of the anchors whose k-th
  // byte has that low (high) nibble. A position whose three folded bytes leave a bucket bit set in
  // all six lookups may start an anchor of that bucket and is verified; every real anchor
  // position passes, and nibble combinations of different anchors only cost a verification.
  std::array<std::array<uint8_t, 16>, 3> nibble_lo_{};
  std::array<std::array<uint8_t, 16>, 3> nibble_hi_{};
  std::vector<size_t> short_;  // literals under 2 bytes: found with a plain search
};

// For each keyword, the exception words (from `except`) that contain it: LiteralSet's `except`.
std::vector<std::vector<std::string>> ExceptionsFor(const std::vector<std::string>& keywords,
                                                    const std::vector<std::string>& except);

}  // namespace authshift::engine
