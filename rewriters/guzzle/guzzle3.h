#pragma once
// Authtoken parameters of Guzzle 3 service descriptions (JSON), fixed with the PHP client that
// fills them: a fix across files (rewriters/linked_fix.h).
//
// A Guzzle 3 description declares `"authtoken": {"location": "query", …}` among an operation's
// parameters, and the client's `command.before_prepare` listener sets it on every command
// (`$e['command']->set('authtoken', $config['authtoken'])`). Guzzle 3 documents the `header`
// location ("parameters are injected as headers … you can change the name of the header created by
// the parameter using the sentAs attribute"), so the parameter becomes
// `"location": "header", "sentAs": "Authorization"` in every description of the project, and the
// listener sends `'Zoho-oauthtoken ' . $config['authtoken']`. The option keeps its name (renames
// are `rename-options`); the outcome says it now holds an OAuth access token.
//
// Made only when every file of the change is read and agrees: one listener in the project's PHP
// (Guzzle 3, `Guzzle\Service` or `Guzzle\Common`), setting the parameter from a variable, array
// element or property; every `authtoken` key of every description an operation parameter sent in the
// query, without `sentAs`, `default` or `static`; no PHP array entry `'authtoken' => …` (a command
// argument that would bypass the listener). Withheld with the reason otherwise.
#include <string_view>
#include <vector>

#include "rewriters/fix.h"

namespace authshift::rewriters::guzzle {

// A JSON document whose root object has an "operations" object of operations (objects with a
// `uri`, `httpMethod`, `extends` or `parameters` member): a Guzzle service description.
bool IsServiceDescription(std::string_view json);

// `findings`: the description's oauth-header findings (fix.cc routes them here).
RewriteResult Fix(const FixInput& input, const std::vector<const core::Finding*>& findings,
                  const FixOptions& options);

}  // namespace authshift::rewriters::guzzle
