; Lowering query for Java (tree-sitter-java 0.23). See lower.h for the capture vocabulary.
; `a.b` and `this.x` are name chains; fields bind in their class ("tok", "this.tok", "C.tok").

[(line_comment) (block_comment)] @comment

(string_literal) @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; StringBuilder / StringBuffer: `new StringBuilder(a).append(b).append(c).toString()` is a join;
; `sb.append(x);` as a statement appends to sb like `+=`.
(object_creation_expression
  type: (type_identifier) @_t
  arguments: (argument_list . (_) @concat.part .)
  (#match? @_t "^(StringBuilder|StringBuffer)$")) @concat
(object_creation_expression
  type: (type_identifier) @_t
  arguments: (argument_list)
  (#match? @_t "^(StringBuilder|StringBuffer)$")) @concat
(method_invocation
  object: (_) @concat.part
  name: (identifier) @_m
  arguments: (argument_list . (_) @concat.part .)
  (#eq? @_m "append")) @concat
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
(method_invocation
  object: (_)
  name: (identifier) @_m
  arguments: (argument_list)
  (#eq? @_m "toString")) @wrap

; String.format("…%s…", a) and MessageFormat.format("…{0}…", a).
(method_invocation
  object: (identifier) @_o
  name: (identifier) @_m
  arguments: (argument_list . (string_literal) @format.template) @format.args
  (#eq? @_o "String")
  (#eq? @_m "format")) @format.printf
(method_invocation
  object: (identifier) @_o
  name: (identifier) @_m
  arguments: (argument_list . (string_literal) @format.template) @format.args
  (#eq? @_o "MessageFormat")
  (#eq? @_m "format")) @format.printf_brace

; Map.of / ImmutableMap.of(k1, v1, k2, v2, …): a map literal.
(method_invocation
  object: (identifier) @_o
  name: (identifier) @_m
  arguments: (argument_list) @map.items
  (#match? @_o "^(Map|ImmutableMap)$")
  (#eq? @_m "of")) @map

(method_invocation !object name: (identifier) @call.callee arguments: (argument_list) @call.args) @call
(method_invocation
  object: (_) @call.object
  name: (identifier) @call.property
  arguments: (argument_list) @call.args
  (#not-match? @call.object "^(Map|ImmutableMap)$")
  (#not-match? @call.property "^(append|toString)$")) @call
(object_creation_expression
  type: [(type_identifier) (scoped_type_identifier)] @call.callee
  arguments: (argument_list) @call.args
  (#not-match? @call.callee "^(StringBuilder|StringBuffer)$")) @call
(object_creation_expression
  type: (generic_type [(type_identifier) (scoped_type_identifier)] @call.callee)
  arguments: (argument_list) @call.args) @call

; Entries added one by one: Map.put, Spring MultiValueMap/HttpHeaders add/set, request headers
; (HttpURLConnection setRequestProperty, Apache setHeader/addHeader, OkHttp/Jersey header,
; java.net.http HttpRequest.Builder header/setHeader), Jersey Form.param.
(method_invocation
  object: (_) @put.object
  name: (identifier) @_m
  arguments: (argument_list . (_) @put.key . (_) @put.value .)
  (#match? @_m "^(put|putIfAbsent|add|set|setHeader|addHeader|header|setRequestProperty|addRequestProperty)$")) @put
; Request builders' parameter setters: the call itself adds the entry to the request (see lower.h):
; Apache URIBuilder/RequestBuilder setParameter/addParameter, JAX-RS/Spring queryParam, OkHttp
; HttpUrl.Builder addQueryParameter, Jersey/REST Assured param/formParam/queryParam.
(method_invocation
  object: (_) @put.object
  name: (identifier) @put.direct
  arguments: (argument_list . (_) @put.key . (_) @put.value)
  (#match? @put.direct "^(setParameter|addParameter|queryParam|addQueryParameter|setQueryParameter|addEncodedQueryParameter|param|formParam)$")) @put
; params.add(new BasicNameValuePair(k, v)) (Apache HttpClient form and query parameters).
(method_invocation
  object: (_) @put.object
  name: (identifier) @_m
  arguments: (argument_list .
    (object_creation_expression
      type: (type_identifier) @_t
      arguments: (argument_list . (_) @put.key . (_) @put.value .)) .)
  (#eq? @_m "add")
  (#match? @_t "^(BasicNameValuePair|BasicHeader)$")) @put
; new BasicHeader(k, v) anywhere (request.setHeader(new BasicHeader(…))): an entry of its own.
(object_creation_expression
  type: (type_identifier) @put.direct
  arguments: (argument_list . (_) @put.key . (_) @put.value .)
  (#eq? @put.direct "BasicHeader")) @put

; HttpHeaders.AUTHORIZATION (Spring, JAX-RS, Apache, Guava): the header's name.
(field_access
  object: (identifier) @_o
  field: (identifier) @header_constant.name
  (#match? @_o "^(HttpHeaders|HttpHeaderNames|HttpHeader)$")
  (#eq? @header_constant.name "AUTHORIZATION")) @header_constant

(array_initializer) @list

[(identifier) (this)] @name
(field_access object: (_) @member.object field: (identifier) @member.property) @member
(array_access array: (_) @index.object index: (_) @index.key) @index

(variable_declarator name: (identifier) @assign.left value: (_) @assign.right) @assign
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

[(method_declaration) (constructor_declaration) (lambda_expression) (compact_constructor_declaration)] @function
(class_declaration name: (identifier) @class.name) @class
(interface_declaration name: (identifier) @class.name) @class
(enum_declaration name: (identifier) @class.name) @class
(record_declaration name: (identifier) @class.name) @class

(formal_parameter name: (identifier) @param.name) @param
(spread_parameter (variable_declarator name: (identifier) @param.name)) @param
(lambda_expression parameters: (identifier) @param.name @param)
(inferred_parameters (identifier) @param.name @param)

(parenthesized_expression) @wrap
(cast_expression value: (_) @_v) @wrap
(expression_statement) @statement

[(decimal_integer_literal) (hex_integer_literal) (octal_integer_literal) (binary_integer_literal)
 (decimal_floating_point_literal) (hex_floating_point_literal)] @number
[(true) (false)] @bool
(null_literal) @null
