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
; Calls, joins, accesses and declarators name only their node: the predicates read fields by path
; (query.h), since every child step under them costs ts_query_new 2-8 ms (C++ most).
((binary_expression) @concat (#field-eq? @concat "operator" "+") (#part! @concat "part" "left") (#part! @concat "part" "right"))

; Calls: `f(…)`, `obj.f(…)`, `ptr->f(…)`.
((call_expression) @call (#field-type? @call "function" "identifier")
  (#field-not-match? @call "function" "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$") (#part! @call "callee" "function") (#part! @call "args" "arguments"))
((call_expression) @call (#field-type? @call "function" "field_expression") (#field-type? @call "function.field" "field_identifier")
  (#field-not-match? @call "function.field" "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$")
  (#part! @call "object" "function.argument") (#part! @call "property" "function.field") (#part! @call "callee" "function")
  (#part! @call "args" "arguments"))
; Conversions Clang looks through: `s.c_str()`, `q.toUtf8()`, … are their object.
; (One role capture per pattern: the call and its callee are two patterns.)
((call_expression) @wrap (#field-type? @wrap "function" "field_expression") (#field-type? @wrap "function.field" "field_identifier")
  (#field-match? @wrap "function.field" "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$"))
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
((field_expression) @member (#field-type? @member "field" "field_identifier") (#field-not-match? @member "field" "^(c_str|data|toUtf8|toLatin1|toStdString|constData)$")
  (#part! @member "object" "argument") (#part! @member "property" "field"))

; Declarations: `T x = v;`, `T *x = v;`, `T x[] = v;`, `const T x = v;` bind x.
((init_declarator) @assign (#field-type? @assign "declarator" "identifier") (#part! @assign "left" "declarator")
  (#part! @assign "right" "value"))
((init_declarator) @assign (#field-type? @assign "declarator" "pointer_declarator" "array_declarator")
  (#field-type? @assign "declarator.declarator" "identifier") (#part! @assign "left" "declarator.declarator")
  (#part! @assign "right" "value"))
((init_declarator) @assign (#field-type? @assign "declarator" "pointer_declarator")
  (#field-type? @assign "declarator.declarator" "pointer_declarator")
  (#field-type? @assign "declarator.declarator.declarator" "identifier")
  (#part! @assign "left" "declarator.declarator.declarator") (#part! @assign "right" "value"))
((assignment_expression) @assign (#part! @assign "left" "left") (#part! @assign "op" "operator") (#part! @assign "right" "right"))

(function_definition) @function
((parameter_declaration) @param (#field-type? @param "declarator" "identifier") (#part! @param "name" "declarator"))
((parameter_declaration) @param (#field-type? @param "declarator" "pointer_declarator" "array_declarator")
  (#field-type? @param "declarator.declarator" "identifier") (#part! @param "name" "declarator.declarator"))

; Transparent wrappers: a string macro call is its argument (Clang sees the expansion).
((call_expression) @wrap (#field-type? @wrap "function" "identifier") (#field-match? @wrap "function" "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$"))
((call_expression function: (identifier) @_f arguments: (argument_list) @wrap)
  (#match? @_f "^(QStringLiteral|QLatin1String|QLatin1StringView|QByteArrayLiteral|_T|TEXT)$"))
(parenthesized_expression) @wrap
(cast_expression) @wrap
(expression_statement) @statement

[(number_literal) (char_literal)] @number
[(true) (false)] @bool
(null) @null
