#!/usr/bin/env python3
"""Dependencies point down: checks the link graph CMake resolved (link_graph.txt, written by
cmake/LinkGraph.cmake at configure time) against the project's layers.

Every project library has a layer; a library may reach (directly or through others) only
libraries of lower layers. A project library missing from LAYERS fails the check, so a new one
is placed on purpose. Besides the layers, some libraries must not reach third-party ones at all
(FORBIDDEN_THIRD_PARTY): the configuration loader, for one, links neither LLVM nor tree-sitter.

Usage: check_link_graph.py BUILD_DIR/link_graph.txt
"""
import sys

LAYERS = {
    "authshift_core": 0,
    "authshift_languages": 1,
    "authshift_ir": 1,
    "authshift_diag": 1,
    "authshift_llvm": 1,
    "authshift_cli_options": 1,
    "authshift_config": 2,
    "authshift_frontend_deluge": 2,
    "authshift_frontend_treesitter": 2,
    "authshift_clang": 2,           # the Clang plugin (lower.h: ClangPlugin), dlopen'ed by the binary
    "authshift_frontend_clang": 3,  # lowers files with missing headers through tree-sitter's C/C++
    "authshift_frontends": 4,
    "authshift_engine": 5,
    "authshift_rewriters": 6,  # reads the engine's FileAnalysis
    "authshift_report": 6,     # reads the engine's results and the neutral fix outcome, not rewriters
    "authshift_cli": 7,
}
# Interface targets that carry compile flags only.
IGNORED = {"authshift_warnings"}
FORBIDDEN_THIRD_PARTY = {
    "authshift_config": ("clang", "LLVM", "ts_"),
    "authshift_core": ("clang", "LLVM", "ts_", "yaml-cpp", "nlohmann"),
    "authshift_engine": ("nlohmann",),
    # The binary loads LLVM only through the Clang plugin (dlopen), never by linking it.
    "authshift_cli": ("clang-cpp", "LLVM", "authshift_llvm", "authshift_clang"),
}


def main(path):
    graph = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if ":" not in line:
                continue
            target, deps = line.split(":", 1)
            graph[target.strip()] = [d for d in deps.split() if d not in IGNORED]
    problems = []
    for target in sorted(graph):
        if target.startswith("authshift_") and target not in IGNORED and target not in LAYERS:
            problems.append(f"{target}: not in LAYERS of {__file__}; give it a layer")
    for target, layer in sorted(LAYERS.items()):
        if target not in graph:
            continue
        reach, todo, via = set(), list(graph[target]), {d: target for d in graph[target]}
        while todo:
            d = todo.pop()
            if d in reach:
                continue
            reach.add(d)
            for n in graph.get(d, []):
                via.setdefault(n, d)
                todo.append(n)
        for d in sorted(reach):
            if d in LAYERS and LAYERS[d] >= layer:
                problems.append(f"{target} (layer {layer}) reaches {d} (layer {LAYERS[d]}) via {via[d]}: "
                                "dependencies must point down")
            for prefix in FORBIDDEN_THIRD_PARTY.get(target, ()):
                if d.startswith(prefix) or d.startswith("PkgConfig::" + prefix):
                    problems.append(f"{target} reaches {d} via {via[d]}")
    for p in problems:
        print(p)
    print(f"{len(graph)} targets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
