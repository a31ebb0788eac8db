; Lowering query for JavaScript (tree-sitter-javascript 0.23); also the base of TypeScript and TSX
; (typescript.scm adds their own node kinds). See lower.h for the capture vocabulary.

(comment) @comment

[(string) (template_string)] @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

(call_expression function: (identifier) @call.callee arguments: (arguments) @call.args) @call
(call_expression
  function: (member_expression object: (_) @call.object property: (_) @call.property) @call.callee
  arguments: (arguments) @call.args) @call
(new_expression constructor: (identifier) @call.callee arguments: (arguments) @call.args) @call
(new_expression
  constructor: (member_expression object: (_) @call.object property: (_) @call.property) @call.callee
  arguments: (arguments) @call.args) @call

; URLSearchParams / FormData / Headers / Map filled entry by entry; request headers set one by
; one (XMLHttpRequest, Node's http, superagent's chained .set(k, v)).
(call_expression
  function: (member_expression object: (_) @put.object property: (property_identifier) @_m)
  arguments: (arguments . (_) @put.key . "," . (_) @put.value .)
  (#match? @_m "^(append|set|setRequestHeader|setHeader)$")) @put

(object) @map
(pair key: (_) @pair.key value: (_) @pair.value) @pair
(shorthand_property_identifier) @pair.shorthand
(array) @list

[(identifier) (this)] @name
(member_expression object: (_) @member.object property: (property_identifier) @member.property) @member
(subscript_expression object: (_) @index.object index: (_) @index.key) @index

(variable_declarator name: (identifier) @assign.left value: (_) @assign.right) @assign
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "right" "right"))
((augmented_assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

[(function_declaration) (function_expression) (generator_function_declaration) (generator_function)
 (arrow_function) (method_definition)] @function
(class_declaration name: (_) @class.name) @class
(class name: (_) @class.name) @class
(class !name) @class


(parenthesized_expression) @wrap
(expression_statement) @statement

(number) @number
[(true) (false)] @bool
[(null) (undefined)] @null
(spread_element) @splat
