; Lowering query for Bash (tree-sitter-bash 0.23). See lower.h for the capture vocabulary.
; Words and strings decode like the shell does ($V and ${V} are holes named V); adjacent words are
; one join; `NAME=value` (also after export/local/readonly) binds NAME; a command is a call of its
; name (@command), with curl/wget/HTTPie options lowered as named arguments by lower.cc.

(comment) @comment

[(word) (string) (raw_string) (ansi_c_string) (simple_expansion) (expansion) (heredoc_body)] @string
(concatenation (_) @concat.part) @concat

(command name: (command_name) @command.name) @command

(variable_assignment name: (variable_name) @assign.left value: (_) @assign.right) @assign

(number) @number
