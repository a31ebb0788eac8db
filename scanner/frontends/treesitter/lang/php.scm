; Lowering query for PHP (tree-sitter-php 0.23, grammar "php": PHP with HTML around it). See
; lower.h for the capture vocabulary. Variables keep their `$` ("$url") in bindings and uses alike;
; `$o->p` is the name chain "$o.p", `self::X` / `C::X` are "self.X" / "C.X".

(comment) @comment

[(string) (encapsed_string) (heredoc) (nowdoc)] @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" ".") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; sprintf('…%s…', $a, …) / vsprintf-style templates.
(function_call_expression
  function: (name) @_f
  arguments: (arguments . (argument [(string) (encapsed_string)] @format.template)) @format.args
  (#match? @_f "^(sprintf|\\\\sprintf)$")) @format.printf

(function_call_expression function: (_) @call.callee arguments: (arguments) @call.args) @call
(member_call_expression object: (_) @call.object name: (_) @call.property arguments: (arguments) @call.args) @call
(nullsafe_member_call_expression object: (_) @call.object name: (_) @call.property arguments: (arguments) @call.args) @call
(scoped_call_expression scope: (_) @call.object name: (_) @call.property arguments: (arguments) @call.args) @call
(object_creation_expression [(name) (qualified_name)] @call.callee (arguments) @call.args) @call
(argument name: (name) @arg.name (_) @arg.value) @arg
(argument (variadic_unpacking)) @splat
(argument) @wrap

; Headers and query parameters set one by one: PSR-7 withHeader/withAddedHeader, Symfony
; $headers->set(k, v), Guzzle-style ->setHeader / ->addHeader, $request->setQueryParam.
(member_call_expression
  object: (_) @put.object
  name: (name) @_m
  arguments: (arguments . (argument (_) @put.key) . (argument (_) @put.value) .)
  (#match? @_m "^(withHeader|withAddedHeader|setHeader|addHeader|header|set|add)$")) @put

; Arrays: with a `=>` element a map, otherwise a list (header-line items: see lower.h).
(array_creation_expression (array_element_initializer "=>")) @map
(array_creation_expression) @list
(array_element_initializer (_) @pair.key "=>" (_) @pair.value) @pair
(array_element_initializer (variadic_unpacking)) @splat
(array_element_initializer) @wrap

[(variable_name) (name) (qualified_name) (relative_scope)] @name
(member_access_expression object: (_) @member.object name: (name) @member.property) @member
(nullsafe_member_access_expression object: (_) @member.object name: (name) @member.property) @member
(class_constant_access_expression . (_) @member.object . (name) @member.property .) @member
(subscript_expression . (_) @index.object . (_) @index.key .) @index
(subscript_expression . (_) @index.object .) @index

((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "right" "right"))
((augmented_assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))
(const_element . (name) @assign.left . (_) @assign.right) @assign
; define('NAME', value): a constant bound at run time, by its name.
(function_call_expression
  function: [(name) (qualified_name)] @_define
  arguments: (arguments . (argument [(string) (encapsed_string)] @assign.left) . (argument (_) @assign.right) .)
  (#match? @_define "^\\\\?define$")) @assign
; Properties bind their bare name in the class ("tok", also "$this.tok", "self.tok", "C.tok").
(property_element name: (variable_name (name) @assign.left) default_value: (_) @assign.right) @assign

[(function_definition) (method_declaration) (anonymous_function) (arrow_function)] @function
(class_declaration name: (name) @class.name) @class
(trait_declaration name: (name) @class.name) @class

(simple_parameter name: (variable_name) @param.name !default_value) @param
(simple_parameter name: (variable_name) @param.name default_value: (_) @param.value) @param
(property_promotion_parameter name: (variable_name) @param.name) @param

(parenthesized_expression) @wrap
(expression_statement) @statement

[(integer) (float)] @number
(boolean) @bool
(null) @null
