; Lowering query for JavaScript (tree-sitter-javascript 0.23); also the base of TypeScript and TSX
; (typescript.scm adds their own node kinds). See lower.h for the capture vocabulary.

(comment) @comment

[(string) (template_string)] @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; Calls, accesses, pairs and declarators name only their node too: the predicates read fields by
; path (query.h: "function.object", "arguments.0"), since every child step under them costs
; ts_query_new 1-10 ms (TypeScript most).
((call_expression) @call (#field-type? @call "function" "identifier") (#field-type? @call "arguments" "arguments")
  (#part! @call "callee" "function") (#part! @call "args" "arguments"))
((call_expression) @call (#field-type? @call "function" "member_expression") (#field-type? @call "arguments" "arguments")
  (#part! @call "object" "function.object") (#part! @call "property" "function.property")
  (#part! @call "callee" "function") (#part! @call "args" "arguments"))
((new_expression) @call (#field-type? @call "constructor" "identifier") (#field-type? @call "arguments" "arguments")
  (#part! @call "callee" "constructor") (#part! @call "args" "arguments"))
((new_expression) @call (#field-type? @call "constructor" "member_expression") (#field-type? @call "arguments" "arguments")
  (#part! @call "object" "constructor.object") (#part! @call "property" "constructor.property")
  (#part! @call "callee" "constructor") (#part! @call "args" "arguments"))

; URLSearchParams / FormData / Headers / Map filled entry by entry; request headers set one by
; one (XMLHttpRequest, Node's http, superagent's chained .set(k, v)).
((call_expression) @put (#field-type? @put "function" "member_expression")
  (#field-type? @put "function.property" "property_identifier")
  (#field-match? @put "function.property" "^(append|set|setRequestHeader|setHeader)$")
  (#field-type? @put "arguments" "arguments") (#named-count? @put "arguments" "2")
  (#part! @put "object" "function.object") (#part! @put "key" "arguments.0") (#part! @put "value" "arguments.1"))

(object) @map
((pair) @pair (#part! @pair "key" "key") (#part! @pair "value" "value"))
(shorthand_property_identifier) @pair.shorthand
(array) @list

[(identifier) (this)] @name
((member_expression) @member (#field-type? @member "property" "property_identifier") (#part! @member "object" "object")
  (#part! @member "property" "property"))
((subscript_expression) @index (#part! @index "object" "object") (#part! @index "key" "index"))

((variable_declarator) @assign (#field-type? @assign "name" "identifier") (#part! @assign "left" "name")
  (#part! @assign "right" "value"))
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "right" "right"))
((augmented_assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

[(function_declaration) (function_expression) (generator_function_declaration) (generator_function)
 (arrow_function) (method_definition)] @function
([(class_declaration) (class)] @class (#part! @class "name" "name"))
((class) @class (#no-field? @class "name"))


(parenthesized_expression) @wrap
(expression_statement) @statement

(number) @number
[(true) (false)] @bool
[(null) (undefined)] @null
(spread_element) @splat
