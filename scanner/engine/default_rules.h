#pragma once
// The default rule pack (rules/*.yaml), embedded at build time so a copied binary works alone.
#include <vector>

#include "scanner/core/embedded.h"

namespace authshift::engine {

const std::vector<core::EmbeddedFile>& DefaultRuleFiles();  // sorted by name

}  // namespace authshift::engine
