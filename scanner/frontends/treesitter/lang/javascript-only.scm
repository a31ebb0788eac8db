; JavaScript only: TypeScript names class fields and parameters differently (typescript.scm).
((field_definition) @assign (#field-type? @assign "property" "property_identifier") (#part! @assign "left" "property")
  (#part! @assign "right" "value"))
(formal_parameters (identifier) @param.name @param)
(arrow_function parameter: (identifier) @param.name @param)
(formal_parameters (assignment_pattern left: (identifier) @param.name right: (_) @param.value) @param)
