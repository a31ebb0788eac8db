; C only (tree-sitter-c's field names; C++ has its own in cpp.scm).
((subscript_expression) @index (#part! @index "object" "argument") (#part! @index "key" "index"))
