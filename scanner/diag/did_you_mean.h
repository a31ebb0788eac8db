#pragma once
// "Did you mean": the closest of a list of names to a misspelt one, for messages about rules,
// options and configuration keys.
#include <string>
#include <string_view>
#include <vector>

namespace authshift::diag {

// The closest candidate within a small edit distance, or empty.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace authshift::diag
