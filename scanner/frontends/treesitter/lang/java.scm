; Lowering query for Java (tree-sitter-java 0.23). See lower.h for the capture vocabulary.
; `a.b` and `this.x` are name chains; fields bind in their class ("tok", "this.tok", "C.tok").

[(line_comment) (block_comment)] @comment

(string_literal) @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; StringBuilder / StringBuffer: `new StringBuilder(a).append(b).append(c).toString()` is a join;
; `sb.append(x);` as a statement appends to sb like `+=`.
; Like `binary_expression`, invocations, creations and accesses name only their node: the
; predicates read fields by path (query.h: "arguments.0" = the first argument), since every child
; step under them costs ts_query_new 1-3 ms.
((object_creation_expression) @concat (#field-type? @concat "type" "type_identifier")
  (#field-match? @concat "type" "^(StringBuilder|StringBuffer)$") (#named-count? @concat "arguments" "1")
  (#part! @concat "part" "arguments.0"))
((object_creation_expression) @concat (#field-type? @concat "type" "type_identifier")
  (#field-match? @concat "type" "^(StringBuilder|StringBuffer)$") (#field? @concat "arguments"))
((method_invocation) @concat (#field-type? @concat "name" "identifier") (#field-eq? @concat "name" "append") (#named-count? @concat "arguments" "1")
  (#part! @concat "part" "object") (#part! @concat "part" "arguments.0"))
(expression_statement
  (method_invocation
    object: (identifier) @assign.left
    name: (identifier) @assign.op
    arguments: (argument_list . (_) @assign.right .)
    (#eq? @assign.op "append")) @assign)
; `sb.append(a).append(b);` (two or three links) is `sb = sb.append(a).append(b)`: the chain's join
; is the new value of sb.
(expression_statement
  (method_invocation
    object: (method_invocation
      object: (identifier) @assign.left
      name: (identifier) @_m1
      arguments: (argument_list . (_) .))
    name: (identifier) @_m2
    arguments: (argument_list . (_) .)
    (#eq? @_m1 "append") (#eq? @_m2 "append")) @assign.right) @assign
(expression_statement
  (method_invocation
    object: (method_invocation
      object: (method_invocation
        object: (identifier) @assign.left
        name: (identifier) @_m1
        arguments: (argument_list . (_) .))
      name: (identifier) @_m2
      arguments: (argument_list . (_) .))
    name: (identifier) @_m3
    arguments: (argument_list . (_) .)
    (#eq? @_m1 "append") (#eq? @_m2 "append") (#eq? @_m3 "append")) @assign.right) @assign
((method_invocation) @wrap (#field? @wrap "object") (#field-type? @wrap "name" "identifier") (#field-eq? @wrap "name" "toString"))

; String.format("…%s…", a) and MessageFormat.format("…{0}…", a).
((method_invocation) @format.printf (#field-type? @format.printf "object" "identifier")
  (#field-eq? @format.printf "object" "String") (#field-type? @format.printf "name" "identifier") (#field-eq? @format.printf "name" "format")
  (#field-type? @format.printf "arguments.0" "string_literal")
  (#part! @format.printf "template" "arguments.0") (#part! @format.printf "args" "arguments"))
((method_invocation) @format.printf_brace (#field-type? @format.printf_brace "object" "identifier")
  (#field-eq? @format.printf_brace "object" "MessageFormat") (#field-type? @format.printf_brace "name" "identifier")
  (#field-eq? @format.printf_brace "name" "format") (#field-type? @format.printf_brace "arguments.0" "string_literal")
  (#part! @format.printf_brace "template" "arguments.0") (#part! @format.printf_brace "args" "arguments"))

; Map.of / ImmutableMap.of(k1, v1, k2, v2, …): a map literal.
((method_invocation) @map (#field-type? @map "object" "identifier") (#field-match? @map "object" "^(Map|ImmutableMap)$")
  (#field-type? @map "name" "identifier") (#field-eq? @map "name" "of") (#part! @map "items" "arguments"))

((method_invocation) @call (#no-field? @call "object") (#field-type? @call "name" "identifier") (#part! @call "callee" "name")
  (#part! @call "args" "arguments"))
((method_invocation) @call (#field-not-match? @call "object" "^(Map|ImmutableMap)$") (#field-type? @call "name" "identifier")
  (#field-not-match? @call "name" "^(append|toString)$")
  (#part! @call "object" "object") (#part! @call "property" "name") (#part! @call "args" "arguments"))
((object_creation_expression) @call (#field-type? @call "type" "type_identifier" "scoped_type_identifier")
  (#field-not-match? @call "type" "^(StringBuilder|StringBuffer)$") (#part! @call "callee" "type")
  (#part! @call "args" "arguments"))
((object_creation_expression) @call (#field-type? @call "type" "generic_type")
  (#field-type? @call "type.0" "type_identifier" "scoped_type_identifier") (#part! @call "callee" "type.0")
  (#part! @call "args" "arguments"))

; Entries added one by one: Map.put, Spring MultiValueMap/HttpHeaders add/set, request headers
; (HttpURLConnection setRequestProperty, Apache setHeader/addHeader, OkHttp/Jersey header,
; java.net.http HttpRequest.Builder header/setHeader), Jersey Form.param.
((method_invocation) @put (#field-type? @put "name" "identifier")
  (#field-match? @put "name" "^(put|putIfAbsent|add|set|setHeader|addHeader|header|setRequestProperty|addRequestProperty)$")
  (#named-count? @put "arguments" "2") (#part! @put "object" "object") (#part! @put "key" "arguments.0")
  (#part! @put "value" "arguments.1"))
; Request builders' parameter setters: the call itself adds the entry to the request (see lower.h):
; Apache URIBuilder/RequestBuilder setParameter/addParameter, JAX-RS/Spring queryParam, OkHttp
; HttpUrl.Builder addQueryParameter, Jersey/REST Assured param/formParam/queryParam.
((method_invocation) @put (#field-type? @put "name" "identifier")
  (#field-match? @put "name" "^(setParameter|addParameter|queryParam|addQueryParameter|setQueryParameter|addEncodedQueryParameter|param|formParam)$")
  (#part! @put "object" "object") (#part! @put "direct" "name") (#part! @put "key" "arguments.0")
  (#part! @put "value" "arguments.1"))
; params.add(new BasicNameValuePair(k, v)) (Apache HttpClient form and query parameters).
((method_invocation) @put (#field-type? @put "name" "identifier") (#field-eq? @put "name" "add") (#named-count? @put "arguments" "1")
  (#field-type? @put "arguments.0" "object_creation_expression") (#field-type? @put "arguments.0.type" "type_identifier")
  (#field-match? @put "arguments.0.type" "^(BasicNameValuePair|BasicHeader)$")
  (#named-count? @put "arguments.0.arguments" "2") (#part! @put "object" "object")
  (#part! @put "key" "arguments.0.arguments.0") (#part! @put "value" "arguments.0.arguments.1"))
; new BasicHeader(k, v) anywhere (request.setHeader(new BasicHeader(…))): an entry of its own.
((object_creation_expression) @put (#field-type? @put "type" "type_identifier") (#field-eq? @put "type" "BasicHeader")
  (#named-count? @put "arguments" "2") (#part! @put "direct" "type") (#part! @put "key" "arguments.0")
  (#part! @put "value" "arguments.1"))

; HttpHeaders.AUTHORIZATION (Spring, JAX-RS, Apache, Guava): the header's name.
((field_access) @header_constant (#field-type? @header_constant "object" "identifier")
  (#field-match? @header_constant "object" "^(HttpHeaders|HttpHeaderNames|HttpHeader)$")
  (#field-type? @header_constant "field" "identifier") (#field-eq? @header_constant "field" "AUTHORIZATION")
  (#part! @header_constant "name" "field"))

(array_initializer) @list

[(identifier) (this)] @name
((field_access) @member (#field-type? @member "field" "identifier") (#part! @member "object" "object")
  (#part! @member "property" "field"))
((array_access) @index (#part! @index "object" "array") (#part! @index "key" "index"))

((variable_declarator) @assign (#field-type? @assign "name" "identifier") (#part! @assign "left" "name") (#part! @assign "right" "value"))
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

[(method_declaration) (constructor_declaration) (lambda_expression) (compact_constructor_declaration)] @function
([(class_declaration) (interface_declaration) (enum_declaration) (record_declaration)] @class (#field-type? @class "name" "identifier")
  (#part! @class "name" "name"))

((formal_parameter) @param (#field-type? @param "name" "identifier") (#part! @param "name" "name"))
(spread_parameter (variable_declarator name: (identifier) @param.name)) @param
(lambda_expression parameters: (identifier) @param.name @param)
(inferred_parameters (identifier) @param.name @param)

(parenthesized_expression) @wrap
((cast_expression) @wrap (#field? @wrap "value"))
(expression_statement) @statement

[(decimal_integer_literal) (hex_integer_literal) (octal_integer_literal) (binary_integer_literal)
 (decimal_floating_point_literal) (hex_floating_point_literal)] @number
[(true) (false)] @bool
(null_literal) @null
