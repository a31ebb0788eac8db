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
((call) @format.printf (#field-type? @format.printf "method" "identifier")
  (#field-match? @format.printf "method" "^(format|sprintf)$") (#field-type? @format.printf "arguments.0" "string")
  (#part! @format.printf "template" "arguments.0") (#part! @format.printf "args" "arguments"))

; Calls, like `binary`, name only the node (every child step under `call` costs ts_query_new
; ~25 ms); `call` fields hold one named node each (arguments: an argument_list).
((call) @call (#part! @call "object" "receiver") (#part! @call "property" "method") (#part! @call "args" "arguments"))
((call) @call (#part! @call "object" "receiver") (#part! @call "property" "method") (#no-field? @call "arguments")
  (#field? @call "block"))
((call) @call (#no-field? @call "receiver") (#part! @call "callee" "method") (#part! @call "args" "arguments"))
((call) @call (#no-field? @call "receiver") (#part! @call "callee" "method") (#no-field? @call "arguments")
  (#field? @call "block"))
[(splat_argument) (hash_splat_argument) (block_argument)] @splat

; Entries added by a method call: req.add_field(k, v) (Net::HTTP), h.store(k, v),
; env.request_headers / Faraday-style set_header(k, v).
((call) @put (#field-type? @put "method" "identifier")
  (#field-match? @put "method" "^(add_field|store|set_header|add_header|set_form_data_field)$")
  (#named-count? @put "arguments" "2") (#part! @put "object" "receiver") (#part! @put "key" "arguments.0")
  (#part! @put "value" "arguments.1"))

(hash) @map
((pair) @pair (#part! @pair "key" "key") (#part! @pair "value" "value"))
(array) @list

[(identifier) (constant) (instance_variable) (class_variable) (global_variable) (self)] @name
((call) @member (#field-type? @member "method" "identifier") (#no-field? @member "arguments") (#no-field? @member "block")
  (#part! @member "object" "receiver") (#part! @member "property" "method"))
((scope_resolution) @member (#part! @member "object" "scope") (#part! @member "property" "name"))
; `a[k]`: exactly the object and one key (an empty path names the capture itself).
((element_reference) @index (#named-count? @index "" "2") (#part! @index "object" "object") (#part! @index "key" "1"))

((assignment) @assign (#part! @assign "left" "left") (#part! @assign "right" "right"))
((operator_assignment) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))
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
