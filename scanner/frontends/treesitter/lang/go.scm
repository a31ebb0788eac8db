; Lowering query for Go (tree-sitter-go 0.23). See lower.h for the capture vocabulary.
; `a.b` is the name chain "a.b"; composite literals with keys are maps (`url.Values{…}`,
; `http.Header{…}`, `map[string]string{…}`), without keys lists; a one-element literal `{v}` is v.

(comment) @comment

[(interpreted_string_literal) (raw_string_literal)] @string
(binary_expression left: (_) @concat.part operator: "+" right: (_) @concat.part) @concat

; fmt.Sprintf("…%s…%v…", a, b).
(call_expression
  function: (selector_expression operand: (identifier) @_p field: (field_identifier) @_f)
  arguments: (argument_list . [(interpreted_string_literal) (raw_string_literal)] @format.template) @format.args
  (#eq? @_p "fmt")
  (#match? @_f "^(Sprintf|Errorf)$")) @format.printf

(call_expression function: (identifier) @call.callee arguments: (argument_list) @call.args) @call
(call_expression
  function: (selector_expression operand: (_) @call.object field: (field_identifier) @call.property) @call.callee
  arguments: (argument_list) @call.args
  (#not-eq? @call.property "Encode")) @call
; q.Encode() (url.Values): the receiver is the encoder's input (see lower.h).
(call_expression
  function: (selector_expression operand: (_) @call.object field: (field_identifier) @call.property) @call.callee
  arguments: (argument_list) @call.args @call.receiver_arg
  (#eq? @call.property "Encode")) @call
(variadic_argument) @splat

; Entries added one by one: q.Set/Add(k, v) on url.Values, req.Header.Set/Add(k, v).
(call_expression
  function: (selector_expression operand: (_) @put.object field: (field_identifier) @_m)
  arguments: (argument_list . (_) @put.key . (_) @put.value .)
  (#match? @_m "^(Set|Add)$")) @put

(composite_literal) @wrap
(literal_value (keyed_element)) @map
(literal_value . (literal_element) .) @wrap
(literal_value (literal_element) (literal_element)) @list
(keyed_element key: (literal_element) @pair.key value: (literal_element) @pair.value) @pair
(literal_element) @wrap

(identifier) @name
(selector_expression operand: (_) @member.object field: (field_identifier) @member.property) @member
(index_expression operand: (_) @index.object index: (_) @index.key) @index

(short_var_declaration left: (expression_list . (_) @assign.left) right: (expression_list . (_) @assign.right)) @assign
(assignment_statement left: (expression_list . (_) @assign.left) operator: _ @assign.op right: (expression_list . (_) @assign.right)) @assign
(var_spec name: (identifier) @assign.left value: (expression_list . (_) @assign.right)) @assign
(const_spec name: (identifier) @assign.left value: (expression_list . (_) @assign.right)) @assign
(expression_list) @wrap

[(function_declaration) (method_declaration) (func_literal)] @function

(parameter_declaration name: (identifier) @param.name) @param

(parenthesized_expression) @wrap
(expression_statement) @statement

[(int_literal) (float_literal)] @number
[(true) (false)] @bool
(nil) @null
