; C++ additions to c.scm (tree-sitter-cpp 0.23).

(raw_string_literal) @string

; Qualified and template callees: `cpr::Get(…)`, `std::make_shared<T>(…)`; `new T(…)`.
((call_expression function: (qualified_identifier) @call.callee arguments: (argument_list) @call.args) @call
  (#not-match? @call.callee "^(std::string|std::string_view|QString::fromUtf8|QString::fromLatin1|QString::fromStdString|QByteArray::fromStdString)$"))
(call_expression function: (template_function) @call.callee arguments: (argument_list) @call.args) @call
(new_expression type: (_) @call.callee arguments: (argument_list) @call.args) @call
; Braced construction `cpr::Url{"…"}`, `cpr::Header{{"k", v}}`: a call of the class (see c.scm for
; the pairs).
(compound_literal_expression type: (_) @call.callee value: (initializer_list) @call.args) @call
; `QUrl url(x);`, `std::string s("…");`: the variable is bound to the constructor's argument.
(init_declarator declarator: (identifier) @assign.left value: (argument_list . (_) @assign.right .)) @assign
(init_declarator declarator: (identifier) @assign.left value: (initializer_list . (_) @assign.right .)) @assign
(init_declarator declarator: (reference_declarator (identifier) @assign.left) value: (_) @assign.right) @assign
; Conversions Clang looks through: std::string(x), QString::fromUtf8(x), ….
((call_expression function: (qualified_identifier) @_f) @wrap
  (#match? @_f "^(std::string|std::string_view|QString::fromUtf8|QString::fromLatin1|QString::fromStdString|QByteArray::fromStdString)$"))
((call_expression function: (qualified_identifier) @_f arguments: (argument_list) @wrap)
  (#match? @_f "^(std::string|std::string_view|QString::fromUtf8|QString::fromLatin1|QString::fromStdString|QByteArray::fromStdString)$"))

(subscript_expression argument: (_) @index.object indices: (subscript_argument_list . (_) @index.key)) @index

(lambda_expression) @function
(parameter_declaration declarator: (reference_declarator (identifier) @param.name)) @param
(optional_parameter_declaration declarator: (identifier) @param.name default_value: (_) @param.value) @param
(optional_parameter_declaration declarator: (reference_declarator (identifier) @param.name) default_value: (_) @param.value) @param
(field_declaration declarator: (field_identifier) @assign.left default_value: (_) @assign.right) @assign
[(class_specifier name: (_) @class.name) (struct_specifier name: (_) @class.name)] @class

(this) @name
