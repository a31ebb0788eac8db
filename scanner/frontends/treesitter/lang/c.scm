; Lowering query for C (tree-sitter-c 0.23), also the first part of C++'s (cpp.scm adds the rest:
; every node named here exists in tree-sitter-cpp too). See lower.h for the capture vocabulary and
; lang/c.cc for the conventions: the facts mirror the Clang frontend's (scanner/frontends/clang).

(comment) @comment

(string_literal) @string
; `#define NAME "text"`: the macro's text is one preproc_arg token; a string-valued one is decoded
; (adjacent literals joined) and binds NAME, like a constant.
((preproc_arg) @string (#match? @string "^(u8|[LuU])?\""))
(preproc_def name: (identifier) @assign.left value: (preproc_arg) @assign.right
  (#match? @assign.right "^(u8|[LuU])?\"")) @assign

; Adjacent literals (and macros of strings among them): one join.
(concatenated_string [(string_literal) (identifier)] @concat.part) @concat
(binary_expression left: (_) @concat.part operator: "+" right: (_) @concat.part) @concat

; Calls: `f(…)`, `obj.f(…)`, `ptr->f(…)`.
((call_expression function: (identifier) @call.callee arguments: (argument_list) @call.args) @call
  (#not-match? @call.callee "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$"))
((call_expression
  function: (field_expression argument: (_) @call.object field: (field_identifier) @call.property) @call.callee
  arguments: (argument_list) @call.args) @call
  (#not-match? @call.property "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$"))
; Conversions Clang looks through: `s.c_str()`, `q.toUtf8()`, … are their object.
; (One role capture per pattern: the call and its callee are two patterns.)
((call_expression function: (field_expression field: (field_identifier) @_m)) @wrap
  (#match? @_m "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$"))
((call_expression function: (field_expression field: (field_identifier) @_m) @wrap)
  (#match? @_m "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$"))

; Brace lists: `{{"k", v}, …}` is a map of its pairs (cpr::Parameters, std::map initialisers);
; other lists are lists. A pair directly inside a call's arguments (a braced constructor
; `cpr::Header{{"k", v}}`) makes the call's one map argument, as Clang lowers it.
(initializer_list (initializer_list . (_) . (_) .)) @map
(initializer_list (initializer_list . (_) @pair.key . (_) @pair.value .) @pair)
(initializer_pair designator: (field_designator (field_identifier) @pair.key) value: (_) @pair.value) @pair
(initializer_list) @list

((identifier) @name
  (#not-match? @name "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$"))
((field_expression argument: (_) @member.object field: (field_identifier) @member.property) @member
  (#not-match? @member.property "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$"))

; Declarations: `T x = v;`, `T *x = v;`, `T x[] = v;`, `const T x = v;` bind x.
(init_declarator declarator: (identifier) @assign.left value: (_) @assign.right) @assign
(init_declarator declarator: (pointer_declarator declarator: (identifier) @assign.left) value: (_) @assign.right) @assign
(init_declarator declarator: (array_declarator declarator: (identifier) @assign.left) value: (_) @assign.right) @assign
(init_declarator declarator: (pointer_declarator declarator: (pointer_declarator declarator: (identifier) @assign.left))
  value: (_) @assign.right) @assign
(assignment_expression left: (_) @assign.left operator: _ @assign.op right: (_) @assign.right) @assign

(function_definition) @function
(parameter_declaration declarator: (identifier) @param.name) @param
(parameter_declaration declarator: (pointer_declarator declarator: (identifier) @param.name)) @param
(parameter_declaration declarator: (array_declarator declarator: (identifier) @param.name)) @param

; Transparent wrappers: a string macro call is its argument (Clang sees the expansion).
((call_expression function: (identifier) @_f) @wrap
  (#match? @_f "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$"))
((call_expression function: (identifier) @_f arguments: (argument_list) @wrap)
  (#match? @_f "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$"))
(parenthesized_expression) @wrap
(cast_expression) @wrap
(expression_statement) @statement

[(number_literal) (char_literal)] @number
[(true) (false)] @bool
(null) @null
