; C++ additions to c.scm (tree-sitter-cpp 0.23).

(raw_string_literal) @string

; Qualified and template callees: `cpr::Get(…)`, `std::make_shared<T>(…)`; `new T(…)`.
; Named by node only, fields read by path (query.h), as in c.scm.
((call_expression) @call (#field-type? @call "function" "qualified_identifier")
  (#field-not-match? @call "function" "^(std::string|std::string_view|QString::fromUtf8|QString::fromLatin1|QString::fromStdString|QByteArray::fromStdString)$")
  (#part! @call "callee" "function") (#part! @call "args" "arguments"))
((call_expression) @call (#field-type? @call "function" "template_function") (#part! @call "callee" "function")
  (#part! @call "args" "arguments"))
((new_expression) @call (#field-type? @call "arguments" "argument_list") (#part! @call "callee" "type")
  (#part! @call "args" "arguments"))
; Braced construction `cpr::Url{"…"}`, `cpr::Header{{"k", v}}`: a call of the class (see c.scm for
; the pairs).
((compound_literal_expression) @call (#part! @call "callee" "type") (#part! @call "args" "value"))
; `QUrl url(x);`, `std::string s("…");`: the variable is bound to the constructor's argument.
((init_declarator) @assign (#field-type? @assign "declarator" "identifier")
  (#field-type? @assign "value" "argument_list" "initializer_list") (#named-count? @assign "value" "1")
  (#part! @assign "left" "declarator") (#part! @assign "right" "value.0"))
((init_declarator) @assign (#field-type? @assign "declarator" "reference_declarator")
  (#field-type? @assign "declarator.0" "identifier") (#part! @assign "left" "declarator.0") (#part! @assign "right" "value"))
; Conversions Clang looks through: std::string(x), QString::fromUtf8(x), ….
((call_expression) @wrap (#field-type? @wrap "function" "qualified_identifier") (#field-match? @wrap "function" "^(std::string|std::string_view|QString::fromUtf8|QString::fromLatin1|QString::fromStdString|QByteArray::fromStdString)$"))
((call_expression function: (qualified_identifier) @_f arguments: (argument_list) @wrap)
  (#match? @_f "^(std::string|std::string_view|QString::fromUtf8|QString::fromLatin1|QString::fromStdString|QByteArray::fromStdString)$"))

((subscript_expression) @index (#part! @index "object" "argument") (#part! @index "key" "indices.0"))

(lambda_expression) @function
((parameter_declaration) @param (#field-type? @param "declarator" "reference_declarator")
  (#field-type? @param "declarator.0" "identifier") (#part! @param "name" "declarator.0"))
((optional_parameter_declaration) @param (#field-type? @param "declarator" "identifier") (#part! @param "name" "declarator")
  (#part! @param "value" "default_value"))
((optional_parameter_declaration) @param (#field-type? @param "declarator" "reference_declarator")
  (#field-type? @param "declarator.0" "identifier") (#part! @param "name" "declarator.0") (#part! @param "value" "default_value"))
(field_declaration declarator: (field_identifier) @assign.left default_value: (_) @assign.right) @assign
([(class_specifier) (struct_specifier)] @class (#part! @class "name" "name"))

(this) @name
