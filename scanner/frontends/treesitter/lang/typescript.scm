; TypeScript and TSX additions to javascript.scm (tree-sitter-typescript 0.23).

(public_field_definition name: (property_identifier) @assign.left value: (_) @assign.right) @assign
(required_parameter pattern: (identifier) @param.name !value) @param
(required_parameter pattern: (identifier) @param.name value: (_) @param.value) @param
(optional_parameter pattern: (identifier) @param.name !value) @param
(optional_parameter pattern: (identifier) @param.name value: (_) @param.value) @param
(arrow_function parameter: (identifier) @param.name @param)
[(as_expression) (satisfies_expression) (non_null_expression)] @wrap
