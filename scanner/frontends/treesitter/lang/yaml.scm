; Lowering query for YAML (tree-sitter-yaml 0.7). See lower.h for the capture vocabulary.
; Mappings are maps whose pairs also bind their dotted key path (@field: `zoho:` then
; `authtoken:` binds "zoho.authtoken"); sequences are lists; scalars decode to strings.

(comment) @comment

[(block_node) (flow_node) (document)] @wrap

[(block_mapping) (flow_mapping)] @map
(block_mapping_pair key: (_) @pair.key value: (_) @pair.value) @pair
(flow_pair key: (_) @pair.key value: (_) @pair.value) @pair
[(block_mapping_pair) (flow_pair)] @field

[(block_sequence) (flow_sequence)] @list
(block_sequence_item) @wrap

(plain_scalar (string_scalar)) @string
[(single_quote_scalar) (double_quote_scalar) (block_scalar)] @string
(plain_scalar [(integer_scalar) (float_scalar)]) @number
(plain_scalar (boolean_scalar)) @bool
(plain_scalar (null_scalar)) @null
