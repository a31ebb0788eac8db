#pragma once
// Which Connection a Deluge call needs: the product from the host (books.zoho.eu -> Zoho Books,
// link name "zohobooks"), the scope from the method and the path's first segment, using Zoho Books'
// published method/path/scope table (rewriters/deluge/data/zohobooks-scopes.tsv, embedded).
#include <string_view>

#include "rewriters/deluge/deluge_fixer.h"
