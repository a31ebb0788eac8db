#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace authshift::core {

// 64-bit FNV-1a: stable across platforms and runs (used for fingerprints).
uint64_t Fnv1a64(std::string_view data, uint64_t seed = 14695981039346656037ull);
std::string Hex64(uint64_t v);  // 16 lower-case hex digits

}  // namespace authshift::core
