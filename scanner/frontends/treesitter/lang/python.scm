; Lowering query for Python (tree-sitter-python 0.23). See lower.h for the capture vocabulary.

(comment) @comment

(string) @string
(concatenated_string (string) @concat.part) @concat
(binary_operator left: (_) @concat.part operator: "+" right: (_) @concat.part) @concat

; printf-style and str.format() formatting of a literal template.
(binary_operator left: (string) @format.template operator: "%" right: (_) @format.args) @format.percent
(call
  function: (attribute object: (string) @format.template attribute: (identifier) @_m)
  arguments: (argument_list) @format.args
  (#eq? @_m "format")) @format.call

(call function: (identifier) @call.callee arguments: (argument_list) @call.args) @call
(call
  function: (attribute object: (_) @call.object attribute: (identifier) @call.property) @call.callee
  arguments: (argument_list) @call.args) @call
(keyword_argument name: (identifier) @arg.name value: (_) @arg.value) @arg

; Entries added by a method call: m.setdefault("k", v), req.add_header(k, v) (urllib),
; conn.putheader(k, v) (http.client), headers.set/append(k, v).
(call
  function: (attribute object: (_) @put.object attribute: (identifier) @_m)
  arguments: (argument_list . (_) @put.key . (_) @put.value .)
  (#match? @_m "^(setdefault|add_header|add_unredirected_header|putheader|set|append)$")) @put

(dictionary) @map
(pair key: (_) @pair.key value: (_) @pair.value) @pair
[(list) (tuple) (set)] @list

(identifier) @name
(attribute object: (_) @member.object attribute: (identifier) @member.property) @member
(subscript value: (_) @index.object subscript: (_) @index.key) @index

(assignment left: (_) @assign.left right: (_) @assign.right) @assign
(augmented_assignment left: (_) @assign.left operator: _ @assign.op right: (_) @assign.right) @assign

[(function_definition) (lambda)] @function
(class_definition name: (identifier) @class.name) @class

(parameters (identifier) @param.name @param)
(lambda_parameters (identifier) @param.name @param)
(typed_parameter . (identifier) @param.name) @param
(default_parameter name: (identifier) @param.name value: (_) @param.value) @param
(typed_default_parameter name: (identifier) @param.name value: (_) @param.value) @param

(parenthesized_expression) @wrap
(expression_statement) @statement

[(integer) (float)] @number
[(true) (false)] @bool
(none) @null
[(list_splat) (dictionary_splat)] @splat
