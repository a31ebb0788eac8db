; Lowering query for JSON (tree-sitter-json 0.24; `//` comments allowed). See lower.h for the
; capture vocabulary. Objects are maps whose members also bind their dotted key path (@field);
; arrays are lists; strings decode escapes and Postman `{{variables}}` (holes named like them).
; Postman collection v2.1: `{"key": K, "value": V}` objects (also HAR's `name`/`value`) are entries
; K => V of their list (@kv); `variable` / `values` lists bind K (@kv_bind); `query`,
; `urlencoded` and `formdata` lists are also calls of that name (@kv_call).

(comment) @comment

(document) @wrap
(object) @map
(pair key: (_) @pair.key value: (_) @pair.value) @pair
(pair) @field
(array) @list

(object
  (pair key: (string (string_content) @_k) value: (string) @kv.key)
  (pair key: (string (string_content) @_v) value: (_) @kv.value)
  (#match? @_k "^(key|name)$")
  (#eq? @_v "value")) @kv

(pair
  key: (string (string_content) @_k)
  value: (array) @kv_bind
  (#match? @_k "^(variable|values)$"))

(pair
  key: (string (string_content) @kv_call.name)
  value: (array) @kv_call
  (#match? @kv_call.name "^(query|urlencoded|formdata)$"))

(string) @string
(number) @number
[(true) (false)] @bool
(null) @null
