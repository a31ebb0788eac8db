; Lowering query for C# (tree-sitter-c-sharp 0.23). See lower.h for the capture vocabulary.
; `a.b` and `this.x` are name chains; fields, constants and properties with initialisers bind in
; their class ("Token", "this.Token", "C.Token").

(comment) @comment

[(string_literal) (verbatim_string_literal) (raw_string_literal) (interpolated_string_expression)] @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; StringBuilder: `new StringBuilder(a).Append(b).ToString()` is a join; `sb.Append(x);` as a
; statement appends to sb like `+=`.
(object_creation_expression
  type: (identifier) @_t
  arguments: (argument_list . (argument (_) @concat.part) .)
  (#eq? @_t "StringBuilder")) @concat
(object_creation_expression
  type: (identifier) @_t
  arguments: (argument_list)
  (#eq? @_t "StringBuilder")) @concat
(invocation_expression
  function: (member_access_expression expression: (_) @concat.part name: (identifier) @_m)
  arguments: (argument_list . (argument (_) @concat.part) .)
  (#eq? @_m "Append")) @concat
(expression_statement
  (invocation_expression
    function: (member_access_expression expression: (identifier) @assign.left name: (identifier) @assign.op)
    arguments: (argument_list . (argument (_) @assign.right) .)
    (#eq? @assign.op "Append")) @assign)
(invocation_expression
  function: (member_access_expression expression: _ @concat.part name: (identifier) @_m)
  arguments: (argument_list)
  (#eq? @_m "ToString")) @concat

; string.Format("…{0}…", a) / String.Format.
(invocation_expression
  function: (member_access_expression expression: (_) @_o name: (identifier) @_m)
  arguments: (argument_list . (argument [(string_literal) (verbatim_string_literal)] @format.template)) @format.args
  (#match? @_o "^(string|String)$")
  (#eq? @_m "Format")) @format.printf_brace

(invocation_expression function: (identifier) @call.callee arguments: (argument_list) @call.args) @call
(invocation_expression function: (generic_name (identifier) @call.callee) arguments: (argument_list) @call.args) @call
(invocation_expression
  function: (member_access_expression
    expression: _ @call.object
    name: [(identifier) @call.property (generic_name (identifier) @call.property)])
  arguments: (argument_list) @call.args
  (#not-match? @call.property "^(Append|ToString)$")) @call
; `new T(args)`; a creation with an initializer is its initializer (below).
(object_creation_expression
  type: [(identifier) (qualified_name)] @call.callee
  arguments: (argument_list) @call.args
  !initializer
  (#not-eq? @call.callee "StringBuilder")) @call
(object_creation_expression
  type: (generic_name (identifier) @call.callee)
  arguments: (argument_list) @call.args
  !initializer) @call
(implicit_object_creation_expression (argument_list) @call.args) @call
(argument name: (identifier) @arg.name . (_) @arg.value) @arg
(argument) @wrap

; Entries added one by one: Dictionary/NameValueCollection Add, HttpClient
; DefaultRequestHeaders.Add / request.Headers.Add / TryAddWithoutValidation, WebClient
; Headers.Add/Set, RestSharp AddHeader / AddDefaultHeader, list.Add(new KeyValuePair<…>(k, v)).
(invocation_expression
  function: (member_access_expression expression: (_) @put.object name: (identifier) @_m)
  arguments: (argument_list . (argument (_) @put.key) . (argument (_) @put.value) .)
  (#match? @_m "^(Add|TryAdd|Set|TryAddWithoutValidation|AddHeader|AddDefaultHeader|AddOrUpdateHeader)$")
  (#not-match? @put.object "(^|\\.)QueryString$")) @put
(invocation_expression
  function: (member_access_expression expression: (_) @put.object name: (identifier) @_m)
  arguments: (argument_list .
    (argument (object_creation_expression
      type: (generic_name (identifier) @_t)
      arguments: (argument_list . (argument (_) @put.key) . (argument (_) @put.value) .))) .)
  (#eq? @_m "Add")
  (#eq? @_t "KeyValuePair")) @put
; Parameter setters that add the entry to the request itself (see lower.h): RestSharp
; AddParameter / AddQueryParameter / AddOrUpdateParameter, WebClient QueryString.Add,
; Flurl SetQueryParam.
(invocation_expression
  function: (member_access_expression expression: (_) @put.object name: (identifier) @put.direct)
  arguments: (argument_list . (argument (_) @put.key) . (argument (_) @put.value))
  (#match? @put.direct "^(AddParameter|AddQueryParameter|AddOrUpdateParameter|AddDefaultParameter|AddDefaultQueryParameter|SetQueryParam)$")) @put
(invocation_expression
  function: (member_access_expression
    expression: (member_access_expression name: (identifier) @_q) @put.object
    name: (identifier) @put.direct)
  arguments: (argument_list . (argument (_) @put.key) . (argument (_) @put.value) .)
  (#eq? @_q "QueryString")
  (#eq? @put.direct "Add")) @put

; new AuthenticationHeaderValue(scheme, credentials): an Authorization header (see lower.h).
(object_creation_expression
  type: (identifier) @_t
  arguments: (argument_list . (argument (_) @authorization.scheme) . (argument (_) @authorization.credentials)? .)
  (#eq? @_t "AuthenticationHeaderValue")) @authorization

; HttpRequestHeader.Authorization (WebClient), HeaderNames.Authorization (ASP.NET Core).
(member_access_expression
  expression: (identifier) @_o
  name: (identifier) @header_constant.name
  (#match? @_o "^(HttpRequestHeader|HeaderNames)$")
  (#eq? @header_constant.name "Authorization")) @header_constant

; Collection initializers: a dictionary's `{ ["k"] = v }` and `{ { "k", v } }`, a list of
; KeyValuePair creations; other initializers are lists.
(initializer_expression (assignment_expression left: (element_binding_expression))) @map
(initializer_expression (initializer_expression . (_) . (_) .)) @map
(initializer_expression
  (object_creation_expression type: (generic_name (identifier) @_t))
  (#eq? @_t "KeyValuePair")) @map
(assignment_expression
  left: (element_binding_expression . (argument (_) @pair.key) .)
  right: (_) @pair.value) @pair
(initializer_expression (initializer_expression . (_) @pair.key . (_) @pair.value .) @pair)
(initializer_expression
  (object_creation_expression
    type: (generic_name (identifier) @_t)
    arguments: (argument_list . (argument (_) @pair.key) . (argument (_) @pair.value) .)) @pair
  (#eq? @_t "KeyValuePair"))
(initializer_expression) @list
(object_creation_expression initializer: (initializer_expression)) @wrap
(implicit_object_creation_expression (initializer_expression)) @wrap
(array_creation_expression) @wrap
(implicit_array_creation_expression) @wrap

(identifier) @name
"this" @name
(member_access_expression expression: _ @member.object name: (identifier) @member.property) @member
(element_access_expression
  expression: (_) @index.object
  subscript: (bracketed_argument_list . (argument (_) @index.key) .)) @index

(variable_declarator name: (identifier) @assign.left . (_) @assign.right) @assign
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))
(property_declaration name: (identifier) @assign.left value: (_) @assign.right) @assign

[(method_declaration) (constructor_declaration) (local_function_statement) (lambda_expression)
 (anonymous_method_expression) (accessor_declaration)] @function
(class_declaration name: (identifier) @class.name) @class
(struct_declaration name: (identifier) @class.name) @class
(record_declaration name: (identifier) @class.name) @class
(interface_declaration name: (identifier) @class.name) @class

(parameter name: (identifier) @param.name) @param

(parenthesized_expression) @wrap
(await_expression) @wrap
(cast_expression value: (_) @_v) @wrap
(expression_statement) @statement

[(integer_literal) (real_literal)] @number
(boolean_literal) @bool
(null_literal) @null
