; Lowering query for Python (tree-sitter-python 0.23). See lower.h for the capture vocabulary.

(comment) @comment

(string) @string
(concatenated_string (string) @concat.part) @concat
; Joins, calls, accesses and assignments name only their node: the predicates read fields by
; path (query.h: "function.object"), since every child step under them costs ts_query_new 1-3 ms.
((binary_operator) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; printf-style and str.format() formatting of a literal template.
((binary_operator) @format.percent (#field-eq? @format.percent "operator" "%") (#field-type? @format.percent "left" "string")
  (#part! @format.percent "template" "left") (#part! @format.percent "args" "right"))
((call) @format.call (#field-type? @format.call "function" "attribute") (#field-type? @format.call "function.object" "string")
  (#field-eq? @format.call "function.attribute" "format") (#field-type? @format.call "arguments" "argument_list")
  (#part! @format.call "template" "function.object") (#part! @format.call "args" "arguments"))

((call) @call (#field-type? @call "function" "identifier") (#field-type? @call "arguments" "argument_list")
  (#part! @call "callee" "function") (#part! @call "args" "arguments"))
((call) @call (#field-type? @call "function" "attribute") (#field-type? @call "arguments" "argument_list")
  (#part! @call "object" "function.object") (#part! @call "property" "function.attribute")
  (#part! @call "callee" "function") (#part! @call "args" "arguments"))
((keyword_argument) @arg (#part! @arg "name" "name") (#part! @arg "value" "value"))

; Entries added by a method call: m.setdefault("k", v), req.add_header(k, v) (urllib),
; conn.putheader(k, v) (http.client), headers.set/append(k, v).
((call) @put (#field-type? @put "function" "attribute")
  (#field-match? @put "function.attribute" "^(setdefault|add_header|add_unredirected_header|putheader|set|append)$")
  (#field-type? @put "arguments" "argument_list") (#named-count? @put "arguments" "2")
  (#part! @put "object" "function.object") (#part! @put "key" "arguments.0") (#part! @put "value" "arguments.1"))

(dictionary) @map
((pair) @pair (#part! @pair "key" "key") (#part! @pair "value" "value"))
[(list) (tuple) (set)] @list

(identifier) @name
((attribute) @member (#part! @member "object" "object") (#part! @member "property" "attribute"))
(subscript value: (_) @index.object subscript: (_) @index.key) @index

((assignment) @assign (#part! @assign "left" "left") (#part! @assign "right" "right"))
((augmented_assignment) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

[(function_definition) (lambda)] @function
((class_definition) @class (#part! @class "name" "name"))

(parameters (identifier) @param.name @param)
(lambda_parameters (identifier) @param.name @param)
(typed_parameter . (identifier) @param.name) @param
([(default_parameter) (typed_default_parameter)] @param (#field-type? @param "name" "identifier")
  (#part! @param "name" "name") (#part! @param "value" "value"))

(parenthesized_expression) @wrap
(expression_statement) @statement

[(integer) (float)] @number
[(true) (false)] @bool
(none) @null
[(list_splat) (dictionary_splat)] @splat
