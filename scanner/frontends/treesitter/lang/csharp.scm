; Lowering query for C# (tree-sitter-c-sharp 0.23). See lower.h for the capture vocabulary.
; `a.b` and `this.x` are name chains; fields, constants and properties with initialisers bind in
; their class ("Token", "this.Token", "C.Token").

(comment) @comment

[(string_literal) (verbatim_string_literal) (raw_string_literal) (interpolated_string_expression)] @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; StringBuilder: `new StringBuilder(a).Append(b).ToString()` is a join; `sb.Append(x);` as a
; statement appends to sb like `+=`.
; Like `binary_expression`, invocations, creations and member accesses name only their node:
; the predicates read fields by path (query.h: "function.name", "arguments.0.0" = the first
; argument's first named child), since every child step under these nodes costs ts_query_new
; 8-10 ms.
((object_creation_expression) @concat (#field-type? @concat "type" "identifier") (#field-eq? @concat "type" "StringBuilder")
  (#named-count? @concat "arguments" "1") (#part! @concat "part" "arguments.0.0"))
((object_creation_expression) @concat (#field-type? @concat "type" "identifier") (#field-eq? @concat "type" "StringBuilder")
  (#field? @concat "arguments"))
((invocation_expression) @concat (#field-type? @concat "function" "member_access_expression") (#field-type? @concat "function.name" "identifier") (#field-eq? @concat "function.name" "Append")
  (#named-count? @concat "arguments" "1") (#part! @concat "part" "function.expression") (#part! @concat "part" "arguments.0.0"))
((invocation_expression) @assign (#field-type? @assign "^" "expression_statement")
  (#field-type? @assign "function" "member_access_expression") (#field-type? @assign "function.expression" "identifier")
  (#field-type? @assign "function.name" "identifier") (#field-eq? @assign "function.name" "Append")
  (#named-count? @assign "arguments" "1") (#part! @assign "left" "function.expression") (#part! @assign "op" "function.name")
  (#part! @assign "right" "arguments.0.0"))
;; `sb.Append(a).Append(b);` and three links as a statement are `sb = sb.Append(a).Append(b)`: the
;; chain's join is the new value of sb (as in Java).
((expression_statement) @assign (#field-type? @assign "0" "invocation_expression")
  (#field-type? @assign "0.function" "member_access_expression") (#field-eq? @assign "0.function.name" "Append")
  (#field-type? @assign "0.function.expression" "invocation_expression")
  (#field-type? @assign "0.function.expression.function" "member_access_expression")
  (#field-eq? @assign "0.function.expression.function.name" "Append")
  (#field-type? @assign "0.function.expression.function.expression" "identifier")
  (#part! @assign "left" "0.function.expression.function.expression") (#part! @assign "right" "0"))
((expression_statement) @assign (#field-type? @assign "0" "invocation_expression")
  (#field-type? @assign "0.function" "member_access_expression") (#field-eq? @assign "0.function.name" "Append")
  (#field-type? @assign "0.function.expression" "invocation_expression")
  (#field-type? @assign "0.function.expression.function" "member_access_expression")
  (#field-eq? @assign "0.function.expression.function.name" "Append")
  (#field-type? @assign "0.function.expression.function.expression" "invocation_expression")
  (#field-type? @assign "0.function.expression.function.expression.function" "member_access_expression")
  (#field-eq? @assign "0.function.expression.function.expression.function.name" "Append")
  (#field-type? @assign "0.function.expression.function.expression.function.expression" "identifier")
  (#part! @assign "left" "0.function.expression.function.expression.function.expression") (#part! @assign "right" "0"))
((invocation_expression) @concat (#field-type? @concat "function" "member_access_expression") (#field-type? @concat "function.name" "identifier") (#field-eq? @concat "function.name" "ToString")
  (#part! @concat "part" "function.expression"))

; string.Format("…{0}…", a) / String.Format.
((invocation_expression) @format.printf_brace (#field-type? @format.printf_brace "function" "member_access_expression") (#field-type? @format.printf_brace "function.name" "identifier")
  (#field-match? @format.printf_brace "function.expression" "^(string|String)$")
  (#field-eq? @format.printf_brace "function.name" "Format")
  (#field-type? @format.printf_brace "arguments.0.0" "string_literal" "verbatim_string_literal")
  (#part! @format.printf_brace "template" "arguments.0.0") (#part! @format.printf_brace "args" "arguments"))

((invocation_expression) @call (#field-type? @call "function" "identifier") (#part! @call "callee" "function")
  (#part! @call "args" "arguments"))
((invocation_expression) @call (#field-type? @call "function" "generic_name") (#part! @call "callee" "function.0")
  (#part! @call "args" "arguments"))
((invocation_expression) @call (#field-type? @call "function" "member_access_expression") (#field-type? @call "function.name" "identifier") (#field-not-match? @call "function.name" "^(Append|ToString)$")
  (#part! @call "object" "function.expression") (#part! @call "property" "function.name") (#part! @call "args" "arguments"))
((invocation_expression) @call (#field-type? @call "function" "member_access_expression")
  (#field-type? @call "function.name" "generic_name") (#field-not-match? @call "function.name.0" "^(Append|ToString)$")
  (#part! @call "object" "function.expression") (#part! @call "property" "function.name.0") (#part! @call "args" "arguments"))
; `new T(args)`; a creation with an initializer is its initializer (below).
((object_creation_expression) @call (#field-type? @call "type" "identifier" "qualified_name")
  (#field-not-match? @call "type" "^StringBuilder$") (#no-field? @call "initializer")
  (#part! @call "callee" "type") (#part! @call "args" "arguments"))
((object_creation_expression) @call (#field-type? @call "type" "generic_name") (#no-field? @call "initializer")
  (#part! @call "callee" "type.0") (#part! @call "args" "arguments"))
(implicit_object_creation_expression (argument_list) @call.args) @call
((argument) @arg (#part! @arg "name" "name") (#part! @arg "value" "1"))
(argument) @wrap

; Entries added one by one: Dictionary/NameValueCollection Add, HttpClient
; DefaultRequestHeaders.Add / request.Headers.Add / TryAddWithoutValidation, WebClient
; Headers.Add/Set, RestSharp AddHeader / AddDefaultHeader, list.Add(new KeyValuePair<…>(k, v)).
((invocation_expression) @put (#field-type? @put "function" "member_access_expression") (#field-type? @put "function.name" "identifier")
  (#field-match? @put "function.name" "^(Add|TryAdd|Set|TryAddWithoutValidation|AddHeader|AddDefaultHeader|AddOrUpdateHeader)$")
  (#field-not-match? @put "function.expression" "(^|\\.)QueryString$") (#named-count? @put "arguments" "2")
  (#part! @put "object" "function.expression") (#part! @put "key" "arguments.0.0") (#part! @put "value" "arguments.1.0"))
((invocation_expression) @put (#field-type? @put "function" "member_access_expression") (#field-type? @put "function.name" "identifier") (#field-eq? @put "function.name" "Add")
  (#named-count? @put "arguments" "1") (#field-type? @put "arguments.0.0" "object_creation_expression")
  (#field-type? @put "arguments.0.0.type" "generic_name") (#field-eq? @put "arguments.0.0.type.0" "KeyValuePair")
  (#named-count? @put "arguments.0.0.arguments" "2") (#part! @put "object" "function.expression")
  (#part! @put "key" "arguments.0.0.arguments.0.0") (#part! @put "value" "arguments.0.0.arguments.1.0"))
; Parameter setters that add the entry to the request itself (see lower.h): RestSharp
; AddParameter / AddQueryParameter / AddOrUpdateParameter, WebClient QueryString.Add,
; Flurl SetQueryParam.
((invocation_expression) @put (#field-type? @put "function" "member_access_expression") (#field-type? @put "function.name" "identifier")
  (#field-match? @put "function.name" "^(AddParameter|AddQueryParameter|AddOrUpdateParameter|AddDefaultParameter|AddDefaultQueryParameter|SetQueryParam)$")
  (#part! @put "object" "function.expression") (#part! @put "direct" "function.name")
  (#part! @put "key" "arguments.0.0") (#part! @put "value" "arguments.1.0"))
((invocation_expression) @put (#field-type? @put "function" "member_access_expression") (#field-type? @put "function.name" "identifier") (#field-eq? @put "function.name" "Add")
  (#field-type? @put "function.expression" "member_access_expression")
  (#field-type? @put "function.expression.name" "identifier") (#field-eq? @put "function.expression.name" "QueryString")
  (#named-count? @put "arguments" "2") (#part! @put "object" "function.expression") (#part! @put "direct" "function.name")
  (#part! @put "key" "arguments.0.0") (#part! @put "value" "arguments.1.0"))

; new AuthenticationHeaderValue(scheme, credentials): an Authorization header (see lower.h).
((object_creation_expression) @authorization (#field-type? @authorization "type" "identifier")
  (#field-eq? @authorization "type" "AuthenticationHeaderValue") (#named-count? @authorization "arguments" "1")
  (#part! @authorization "scheme" "arguments.0.0"))
((object_creation_expression) @authorization (#field-type? @authorization "type" "identifier")
  (#field-eq? @authorization "type" "AuthenticationHeaderValue") (#named-count? @authorization "arguments" "2")
  (#part! @authorization "scheme" "arguments.0.0") (#part! @authorization "credentials" "arguments.1.0"))

; HttpRequestHeader.Authorization (WebClient), HeaderNames.Authorization (ASP.NET Core).
((member_access_expression) @header_constant (#field-type? @header_constant "expression" "identifier")
  (#field-match? @header_constant "expression" "^(HttpRequestHeader|HeaderNames)$")
  (#field-type? @header_constant "name" "identifier") (#field-eq? @header_constant "name" "Authorization")
  (#part! @header_constant "name" "name"))

; Collection initializers: a dictionary's `{ ["k"] = v }` and `{ { "k", v } }`, a list of
; KeyValuePair creations; other initializers are lists.
(initializer_expression (assignment_expression left: (element_binding_expression))) @map
(initializer_expression (initializer_expression . (_) . (_) .)) @map
(initializer_expression
  (object_creation_expression type: (generic_name (identifier) @_t))
  (#eq? @_t "KeyValuePair")) @map
((assignment_expression) @pair (#field-type? @pair "left" "element_binding_expression") (#named-count? @pair "left" "1")
  (#part! @pair "key" "left.0.0") (#part! @pair "value" "right"))
((initializer_expression) @pair (#field-type? @pair "^" "initializer_expression") (#named-count? @pair "" "2")
  (#part! @pair "key" "0") (#part! @pair "value" "1"))
((object_creation_expression) @pair (#field-type? @pair "^" "initializer_expression")
  (#field-type? @pair "type" "generic_name") (#field-eq? @pair "type.0" "KeyValuePair")
  (#named-count? @pair "arguments" "2") (#part! @pair "key" "arguments.0.0") (#part! @pair "value" "arguments.1.0"))
(initializer_expression) @list
((object_creation_expression) @wrap (#field? @wrap "initializer"))
(implicit_object_creation_expression (initializer_expression)) @wrap
(array_creation_expression) @wrap
(implicit_array_creation_expression) @wrap

(identifier) @name
"this" @name
((member_access_expression) @member (#field-type? @member "name" "identifier") (#part! @member "object" "expression")
  (#part! @member "property" "name"))
((element_access_expression) @index (#named-count? @index "subscript" "1") (#part! @index "object" "expression")
  (#part! @index "key" "subscript.0.0"))

((variable_declarator) @assign (#field-type? @assign "name" "identifier") (#field-type? @assign "0" "identifier")
  (#part! @assign "left" "name") (#part! @assign "right" "1"))
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))
((property_declaration) @assign (#part! @assign "left" "name") (#part! @assign "right" "value"))

[(method_declaration) (constructor_declaration) (local_function_statement) (lambda_expression)
 (anonymous_method_expression) (accessor_declaration)] @function
([(class_declaration) (struct_declaration) (record_declaration) (interface_declaration)] @class
  (#field-type? @class "name" "identifier") (#part! @class "name" "name"))

((parameter) @param (#field-type? @param "name" "identifier") (#part! @param "name" "name"))

(parenthesized_expression) @wrap
(await_expression) @wrap
((cast_expression) @wrap (#field? @wrap "value"))
(expression_statement) @statement

[(integer_literal) (real_literal)] @number
(boolean_literal) @bool
(null_literal) @null
