; Lowering query for Ruby (tree-sitter-ruby 0.23). See lower.h for the capture vocabulary.
; Symbols are strings of their names (`:get`, `query:` keys without the colon); `a.b` without
; arguments or block is the name chain "a.b"; `A::B` is "A.B".

(comment) @comment

[(string) (simple_symbol) (hash_key_symbol) (heredoc_beginning)] @string
(chained_string (string) @concat.part) @concat
; `binary` patterns name only the node; fields are read by predicates (lower.h: #field-eq?,
; #field-type?, #part!), since child steps under `binary` cost ts_query_new ~20 ms each.
((binary) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; "…%s…" % args, format('…%s…', a, …), sprintf(…), Kernel.format(…).
((binary) @format.percent (#field-eq? @format.percent "operator" "%") (#field-type? @format.percent "left" "string")
  (#part! @format.percent "template" "left") (#part! @format.percent "args" "right"))
(call
  method: (identifier) @_m
  arguments: (argument_list . (string) @format.template) @format.args
  (#match? @_m "^(format|sprintf)$")) @format.printf

(call receiver: (_) @call.object method: (_) @call.property arguments: (argument_list) @call.args) @call
(call receiver: (_) @call.object method: (_) @call.property !arguments block: (_)) @call
(call !receiver method: (_) @call.callee arguments: (argument_list) @call.args) @call
(call !receiver method: (_) @call.callee !arguments block: (_)) @call
[(splat_argument) (hash_splat_argument) (block_argument)] @splat

; Entries added by a method call: req.add_field(k, v) (Net::HTTP), h.store(k, v),
; env.request_headers / Faraday-style set_header(k, v).
(call
  receiver: (_) @put.object
  method: (identifier) @_m
  arguments: (argument_list . (_) @put.key . (_) @put.value .)
  (#match? @_m "^(add_field|store|set_header|add_header|set_form_data_field)$")) @put

(hash) @map
(pair key: (_) @pair.key value: (_) @pair.value) @pair
(array) @list

[(identifier) (constant) (instance_variable) (class_variable) (global_variable) (self)] @name
(call receiver: (_) @member.object method: (identifier) @member.property !arguments !block) @member
(scope_resolution scope: (_) @member.object name: (_) @member.property) @member
(element_reference object: (_) @index.object . (_) @index.key .) @index

(assignment left: (_) @assign.left right: (_) @assign.right) @assign
(operator_assignment left: (_) @assign.left operator: _ @assign.op right: (_) @assign.right) @assign
; `s << "…"` appends to a string (lowered as `+=`, see lower.h).
((binary) @assign (#field-eq? @assign "operator" "<<") (#field-type? @assign "left" "identifier")
  (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

[(method) (singleton_method) (lambda) (block) (do_block)] @function
(class name: (_) @class.name) @class
(module name: (_) @class.name) @class

(method_parameters (identifier) @param.name @param)
(block_parameters (identifier) @param.name @param)
(lambda_parameters (identifier) @param.name @param)
(optional_parameter name: (identifier) @param.name value: (_) @param.value) @param
(keyword_parameter name: (identifier) @param.name !value) @param
(keyword_parameter name: (identifier) @param.name value: (_) @param.value) @param

[(parenthesized_statements) (begin_block)] @wrap

[(integer) (float)] @number
[(true) (false)] @bool
(nil) @null
