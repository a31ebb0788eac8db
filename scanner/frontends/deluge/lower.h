#pragma once
// Lowers a Deluge tree to IR facts (scanner/ir/facts.h): strings and `+` joins, calls (getUrl,
// postUrl, invokeurl with named arguments, member calls), map entries (literals and `put`), and
// bindings (assignments and function parameters, one scope per function). Pure; thread-safe.
#include <string_view>

#include "scanner/frontends/deluge/cst.h"
#include "scanner/ir/facts.h"

namespace authshift::frontends::deluge {

ir::Facts Lower(const Tree& tree, std::string_view source);

}  // namespace authshift::frontends::deluge
