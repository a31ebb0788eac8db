; JavaScript only: TypeScript names class fields and parameters differently (typescript.scm).
(field_definition property: (property_identifier) @assign.left value: (_) @assign.right) @assign
(formal_parameters (identifier) @param.name @param)
(arrow_function parameter: (identifier) @param.name @param)
(formal_parameters (assignment_pattern left: (identifier) @param.name right: (_) @param.value) @param)
