; TypeScript and TSX additions to javascript.scm (tree-sitter-typescript 0.23).

; Named by node only, fields read by path (query.h), as in javascript.scm.
((public_field_definition) @assign (#field-type? @assign "name" "property_identifier") (#part! @assign "left" "name")
  (#part! @assign "right" "value"))
([(required_parameter) (optional_parameter)] @param (#field-type? @param "pattern" "identifier")
  (#part! @param "name" "pattern") (#no-field? @param "value"))
([(required_parameter) (optional_parameter)] @param (#field-type? @param "pattern" "identifier")
  (#part! @param "name" "pattern") (#part! @param "value" "value"))
(arrow_function parameter: (identifier) @param.name @param)
[(as_expression) (satisfies_expression) (non_null_expression)] @wrap
