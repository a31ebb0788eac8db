; Lowering query for PHP (tree-sitter-php 0.23, grammar "php": PHP with HTML around it). See
; lower.h for the capture vocabulary. Variables keep their `$` ("$url") in bindings and uses alike;
; `$o->p` is the name chain "$o.p", `self::X` / `C::X` are "self.X" / "C.X".

(comment) @comment

[(string) (encapsed_string) (heredoc) (nowdoc)] @string
; Named by node only, fields read by predicates (lower.h): cheaper for ts_query_new than child steps.
((binary_expression) @concat (#field-eq? @concat "operator" ".") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; sprintf('…%s…', $a, …) / vsprintf-style templates.
; Like `binary_expression`, calls, accesses and declarations name only their node: the predicates
; read fields by path (query.h: "arguments.0.0" = the first argument's first named child, "0" the
; node's first named child), since every child step under them costs ts_query_new 2-10 ms.
((function_call_expression) @format.printf (#field-type? @format.printf "function" "name")
  (#field-match? @format.printf "function" "^(sprintf|\\\\sprintf)$")
  (#field-type? @format.printf "arguments.0.0" "string" "encapsed_string")
  (#part! @format.printf "template" "arguments.0.0") (#part! @format.printf "args" "arguments"))

((function_call_expression) @call (#part! @call "callee" "function") (#part! @call "args" "arguments"))
([(member_call_expression) (nullsafe_member_call_expression)] @call (#part! @call "object" "object")
  (#part! @call "property" "name") (#part! @call "args" "arguments"))
((scoped_call_expression) @call (#part! @call "object" "scope") (#part! @call "property" "name") (#part! @call "args" "arguments"))
((object_creation_expression) @call (#field-type? @call "0" "name" "qualified_name") (#field-type? @call "1" "arguments")
  (#part! @call "callee" "0") (#part! @call "args" "1"))
(argument name: (name) @arg.name (_) @arg.value) @arg
(argument (variadic_unpacking)) @splat
(argument) @wrap

; Headers and query parameters set one by one: PSR-7 withHeader/withAddedHeader, Symfony
; $headers->set(k, v), Guzzle-style ->setHeader / ->addHeader, $request->setQueryParam.
((member_call_expression) @put (#field-type? @put "name" "name")
  (#field-match? @put "name" "^(withHeader|withAddedHeader|setHeader|addHeader|header|set|add)$")
  (#named-count? @put "arguments" "2") (#part! @put "object" "object") (#part! @put "key" "arguments.0.0")
  (#part! @put "value" "arguments.1.0"))

; Arrays: with a `=>` element a map, otherwise a list (header-line items: see lower.h).
(array_creation_expression (array_element_initializer "=>")) @map
(array_creation_expression) @list
(array_element_initializer (_) @pair.key "=>" (_) @pair.value) @pair
(array_element_initializer (variadic_unpacking)) @splat
(array_element_initializer) @wrap

[(variable_name) (name) (qualified_name) (relative_scope)] @name
([(member_access_expression) (nullsafe_member_access_expression)] @member (#field-type? @member "name" "name")
  (#part! @member "object" "object") (#part! @member "property" "name"))
((class_constant_access_expression) @member (#named-count? @member "" "2") (#field-type? @member "1" "name")
  (#part! @member "object" "0") (#part! @member "property" "1"))
((subscript_expression) @index (#named-count? @index "" "2") (#part! @index "object" "0") (#part! @index "key" "1"))
((subscript_expression) @index (#named-count? @index "" "1") (#part! @index "object" "0"))

((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "right" "right"))
((augmented_assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))
((const_element) @assign (#field-type? @assign "0" "name") (#part! @assign "left" "0") (#part! @assign "right" "1"))
; define('NAME', value): a constant bound at run time, by its name.
((function_call_expression) @assign (#field-type? @assign "function" "name" "qualified_name")
  (#field-match? @assign "function" "^\\\\?define$") (#named-count? @assign "arguments" "2")
  (#field-type? @assign "arguments.0.0" "string" "encapsed_string")
  (#part! @assign "left" "arguments.0.0") (#part! @assign "right" "arguments.1.0"))
; Properties bind their bare name in the class ("tok", also "$this.tok", "self.tok", "C.tok").
((property_element) @assign (#field-type? @assign "name.0" "name") (#part! @assign "left" "name.0")
  (#part! @assign "right" "default_value"))

[(function_definition) (method_declaration) (anonymous_function) (arrow_function)] @function
([(class_declaration) (trait_declaration)] @class (#field-type? @class "name" "name") (#part! @class "name" "name"))

((simple_parameter) @param (#part! @param "name" "name") (#no-field? @param "default_value"))
((simple_parameter) @param (#part! @param "name" "name") (#part! @param "value" "default_value"))
((property_promotion_parameter) @param (#field-type? @param "name" "variable_name") (#part! @param "name" "name"))

(parenthesized_expression) @wrap
(expression_statement) @statement

[(integer) (float)] @number
(boolean) @bool
(null) @null
