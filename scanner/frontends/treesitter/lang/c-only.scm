; C only (tree-sitter-c's field names; C++ has its own in cpp.scm).
(subscript_expression argument: (_) @index.object index: (_) @index.key) @index
