#include "scanner/engine/literal_set.h"

#include <algorithm>
#include <array>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace authshift::engine {
namespace {

uint8_t Fold(uint8_t c) { return static_cast<uint8_t>(c | 0x20); }

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// How common a folded byte is in source code, higher = more common: bytes listed first are the
// most common; unlisted bytes (rare punctuation, non-ASCII) are 0.
int Commonness(uint8_t folded) {
  static const std::array<int, 256> kTable = [] {
    std::array<int, 256> t{};
    constexpr std::string_view kOrder =
        " etaoinsrlcdupmh\n.()\"_=,fgby;v{}w:k/-0x1'2[]<>q345678j9z";
    for (size_t i = 0; i < kOrder.size(); ++i) {
      t[Fold(static_cast<uint8_t>(kOrder[i]))] = std::max(t[Fold(static_cast<uint8_t>(kOrder[i]))],
                                                          static_cast<int>(kOrder.size() - i));
    }
    return t;
  }();
  return kTable[folded];
}

}  // namespace

std::vector<std::vector<std::string>> ExceptionsFor(const std::vector<std::string>& keywords,
                                                    const std::vector<std::string>& except) {
  std::vector<std::vector<std::string>> out(keywords.size());
  for (size_t i = 0; i < keywords.size(); ++i) {
    for (const std::string& w : except) {
      if (w.size() > keywords[i].size() && w.find(keywords[i]) != std::string::npos) out[i].push_back(w);
    }
  }
  return out;
}

LiteralSet::LiteralSet(std::vector<std::string> literals, std::vector<std::vector<std::string>> except)
    : literals_(std::move(literals)), except_(literals_.size()) {
  for (size_t i = 0; i < literals_.size(); ++i) {
    std::string& lit = literals_[i];
    for (char& c : lit) c = AsciiLower(c);
    if (i < except.size()) {
      for (std::string word : except[i]) {
        for (char& c : word) c = AsciiLower(c);
        if (lit.empty()) continue;
        for (size_t off = word.find(lit); off != std::string::npos; off = word.find(lit, off + 1)) {
          except_[i].emplace_back(word, off);
        }
      }
    }
    if (lit.size() < 3) {
      short_.push_back(i);
      continue;
    }
    // The rarest run of three bytes; ties go to the earliest.
    size_t best = 0;
    int best_score = 1 << 30;
    for (size_t o = 0; o + 2 < lit.size(); ++o) {
      int score = 0;
      for (size_t k = 0; k < 3; ++k) score += Commonness(Fold(static_cast<uint8_t>(lit[o + k])));
      if (score < best_score) {
        best_score = score;
        best = o;
      }
    }
    std::array<uint8_t, 3> bytes{};
    for (size_t k = 0; k < 3; ++k) bytes[k] = Fold(static_cast<uint8_t>(lit[best + k]));
    auto it = std::find_if(anchors_.begin(), anchors_.end(), [&](const Anchor& x) { return x.bytes == bytes; });
    if (it == anchors_.end()) {
      anchors_.push_back(Anchor{bytes, {}});
      it = anchors_.end() - 1;
    }
    it->literals.emplace_back(i, best);
    starts_anchor_[bytes[0]] = true;
  }
  for (size_t a = 0; a < anchors_.size(); ++a) {
    const auto bucket = static_cast<uint8_t>(1U << (a % 8));
    for (size_t k = 0; k < 3; ++k) {
      nibble_lo_[k][anchors_[a].bytes[k] & 0x0F] |= bucket;
      nibble_hi_[k][anchors_[a].bytes[k] >> 4] |= bucket;
    }
  }
}

void LiteralSet::Verify(const Anchor& a, std::string_view text, size_t pos, std::vector<char>* found, size_t* left) const {
  for (const auto& [index, offset] : a.literals) {
    if ((*found)[index] != 0 || pos < offset) continue;
    const std::string& lit = literals_[index];
    size_t start = pos - offset;
    if (start + lit.size() > text.size()) continue;
    bool equal = true;
    for (size_t k = 0; k < lit.size(); ++k) {
      if (AsciiLower(text[start + k]) != lit[k]) {
        equal = false;
        break;
      }
    }
    if (equal && !Shadowed(index, text, start)) {
      (*found)[index] = 1;
      --*left;
    }
  }
}

bool LiteralSet::Shadowed(size_t index, std::string_view text, size_t start) const {
  for (const auto& [word, offset] : except_[index]) {
    if (start < offset || start - offset + word.size() > text.size()) continue;
    bool equal = true;
    for (size_t k = 0; equal && k < word.size(); ++k) equal = AsciiLower(text[start - offset + k]) == word[k];
    if (equal) return true;
  }
  return false;
}

void LiteralSet::VerifyAt(std::string_view text, size_t pos, std::vector<char>* found, size_t* left) const {
  std::array<uint8_t, 3> bytes{};
  for (size_t k = 0; k < 3; ++k) bytes[k] = Fold(static_cast<uint8_t>(text[pos + k]));
  for (const Anchor& anchor : anchors_) {
    if (anchor.bytes == bytes) Verify(anchor, text, pos, found, left);
  }
}

std::vector<size_t> LiteralSet::Collect(const std::vector<char>& found) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < found.size(); ++i) {
    if (found[i] != 0) out.push_back(i);
  }
  return out;
}

// Literals under three bytes (none in the shipped rules): a plain search each.
void LiteralSet::FindShort(std::string_view text, std::vector<char>* found, size_t* left) const {
  for (size_t i : short_) {
    const std::string& lit = literals_[i];
    bool hit = lit.empty();
    for (size_t p = 0; !hit && p + lit.size() <= text.size(); ++p) {
      hit = true;
      for (size_t k = 0; hit && k < lit.size(); ++k) hit = AsciiLower(text[p + k]) == lit[k];
      if (hit && Shadowed(i, text, p)) hit = false;
    }
    if (hit) {
      (*found)[i] = 1;
      --*left;
    }
  }
}

// Position by position from `from`, for the tail of a block scan and the scalar path.
void LiteralSet::ScanScalar(std::string_view text, size_t from, std::vector<char>* found, size_t* left) const {
  for (size_t p = from; *left != 0 && p + 2 < text.size(); ++p) {
    if (starts_anchor_[Fold(static_cast<uint8_t>(text[p]))]) VerifyAt(text, p, found, left);
  }
}

std::vector<size_t> LiteralSet::FindScalar(std::string_view text) const {
  std::vector<char> found(literals_.size(), 0);
  size_t left = literals_.size();
  FindShort(text, &found, &left);
  ScanScalar(text, 0, &found, &left);
  return Collect(found);
}

#if defined(__x86_64__) && defined(__GNUC__)
// 16 positions a step (SSE2, part of x86-64): positions p..p+15 need bytes p..p+17.
size_t LiteralSet::ScanSse2(std::string_view text, std::vector<char>* found, size_t* left) const {
  const char* data = text.data();
  const __m128i fold = _mm_set1_epi8(0x20);
  size_t p = 0;
  for (; *left != 0 && p + 18 <= text.size(); p += 16) {
    __m128i b0 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p)), fold);
    __m128i b1 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p + 1)), fold);
    __m128i b2 = _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + p + 2)), fold);
    __m128i any = _mm_setzero_si128();
    for (const Anchor& a : anchors_) {
      __m128i m = _mm_and_si128(_mm_cmpeq_epi8(b0, _mm_set1_epi8(static_cast<char>(a.bytes[0]))),
                                _mm_cmpeq_epi8(b1, _mm_set1_epi8(static_cast<char>(a.bytes[1]))));
      any = _mm_or_si128(any, _mm_and_si128(m, _mm_cmpeq_epi8(b2, _mm_set1_epi8(static_cast<char>(a.bytes[2])))));
    }
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(any));
    while (mask != 0) {
      VerifyAt(text, p + static_cast<size_t>(__builtin_ctz(mask)), found, left);
      mask &= mask - 1;
    }
  }
  return p;
}

namespace {

// A 16-byte nibble table in both 128-bit lanes (pshufb looks up within a lane).
__attribute__((target("avx2"))) inline __m256i NibbleTable(const std::array<uint8_t, 16>& t) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())));
}

// The buckets each of the 32 bytes at `at` (folded) may hold as the k-th byte of an anchor, given
// the k-th byte's tables.
__attribute__((target("avx2"))) inline __m256i NibbleLookup(const char* at, __m256i lo, __m256i hi) {
  const __m256i low4 = _mm256_set1_epi8(0x0F);
  __m256i b = _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(at)), _mm256_set1_epi8(0x20));
  __m256i l = _mm256_shuffle_epi8(lo, _mm256_and_si256(b, low4));
  __m256i h = _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(b, 4), low4));
  return _mm256_and_si256(l, h);
}

}  // namespace

// 32 positions a step, every anchor at once: six table lookups (pshufb) per step instead of three
// compares per anchor.
__attribute__((target("avx2"))) size_t LiteralSet::ScanAvx2Nibble(std::string_view text, std::vector<char>* found,
                                                                  size_t* left) const {
  const char* data = text.data();
  const __m256i lo0 = NibbleTable(nibble_lo_[0]), lo1 = NibbleTable(nibble_lo_[1]), lo2 = NibbleTable(nibble_lo_[2]);
  const __m256i hi0 = NibbleTable(nibble_hi_[0]), hi1 = NibbleTable(nibble_hi_[1]), hi2 = NibbleTable(nibble_hi_[2]);
  size_t p = 0;
  for (; *left != 0 && p + 34 <= text.size(); p += 32) {
    __m256i buckets = _mm256_and_si256(
        _mm256_and_si256(NibbleLookup(data + p, lo0, hi0), NibbleLookup(data + p + 1, lo1, hi1)),
        NibbleLookup(data + p + 2, lo2, hi2));
    auto mask = ~static_cast<uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256())));
    while (mask != 0) {
      VerifyAt(text, p + static_cast<size_t>(__builtin_ctz(mask)), found, left);
      mask &= mask - 1;
    }
  }
  return p;
}
#endif

std::vector<size_t> LiteralSet::Find(std::string_view text, Path path) const {
  std::vector<char> found(literals_.size(), 0);
  size_t left = literals_.size();
  FindShort(text, &found, &left);
  size_t from = 0;
#if defined(__x86_64__) && defined(__GNUC__)
  if (path == Path::kAuto) {
    static const bool kAvx2 = __builtin_cpu_supports("avx2") != 0;
    path = kAvx2 ? Path::kAvx2Nibble : Path::kSse2;
  }
  if (!anchors_.empty() && path == Path::kAvx2Nibble) from = ScanAvx2Nibble(text, &found, &left);
  if (!anchors_.empty() && path == Path::kSse2) from = ScanSse2(text, &found, &left);
#else
  (void)path;
#endif
  ScanScalar(text, from, &found, &left);
  return Collect(found);
}

}  // namespace authshift::engine
