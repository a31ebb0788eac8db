#!/usr/bin/python3
"""Validate an authshift rule pack: validate_rules.py SCHEMA RULES_DIR

For every RULES_DIR/*.yaml (the rule id is the file stem):
  - the YAML parses, holds no duplicate keys, and validates against SCHEMA (JSON Schema 2020-12);
  - an optional `id` equals the file stem;
  - every `examples.bad` string contains one of `keywords` (when given), else the prefilter would
    skip it;
  - sanity check with Python's `re`, only when the regexes compile there (RE2 is the real engine;
    a regex Python cannot compile is skipped silently): every `bad` example has a match that
    survives `not-regex`, no `good` example has one, and named groups are only `secret` and `at`.

Prints one line per rule and a closing line `N passed, M failed`. Exit status 1 when any rule
failed (or no rule was found), 2 on usage errors.

Run it with Debian's /usr/bin/python3, which has python3-yaml and python3-jsonschema.
"""

import json
import pathlib
import re
import sys

import jsonschema
import yaml

ALLOWED_GROUPS = {"secret", "at"}


class UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that rejects duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_mapping(loader, node, deep=False):
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _path(error):
    parts = [str(p) for p in error.absolute_path]
    return "/".join(parts) if parts else "(top level)"


def _matches(regex, not_regexes, text):
    """Matches of `regex` in `text` that survive every not-regex (searched in the matched text)."""
    kept = []
    for m in regex.finditer(text):
        if not any(n.search(m.group(0)) for n in not_regexes):
            kept.append(m)
    return kept


def check_rule(path, validator):
    """Returns the list of problems of one rule file (empty when it passes)."""
    problems = []
    try:
        with open(path, encoding="utf-8") as f:
            rule = yaml.load(f, Loader=UniqueKeyLoader)  # noqa: S506 (SafeLoader subclass)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        return [f"cannot load: {e}".replace("\n", " ")]
    if not isinstance(rule, dict):
        return ["top level must be a mapping"]

    for error in sorted(validator.iter_errors(rule), key=lambda e: [str(p) for p in e.absolute_path]):
        message = error.message
        if error.validator == "not" and isinstance(error.instance, str):
            message = "not RE2: lookaround ((?=, (?!, (?<=, (?<!) is not supported"
        problems.append(f"{_path(error)}: {message}")

    stem = path.stem
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem):
        problems.append(f"file stem {stem!r} is not a valid rule id ([a-z0-9][a-z0-9-]*)")
    if "id" in rule and rule["id"] != stem:
        problems.append(f"id: {rule['id']!r} does not equal the file stem {stem!r}")
    if problems:
        return problems  # shape is wrong: the checks below would only add noise

    examples = rule["examples"]
    keywords = rule.get("keywords")
    if keywords:
        for bad in examples["bad"]:
            if not any(k in bad.lower() for k in keywords):
                problems.append(f"examples.bad {bad!r} contains none of the keywords {keywords}")

    match = rule["match"]
    if match["kind"] != "text":
        return problems
    try:
        regex = re.compile(match["regex"])
        not_regexes = [re.compile(n) for n in match.get("not-regex", [])]
    except re.error:
        return problems  # not Python-compatible: RE2 (the loader) is the judge

    unknown = set(regex.groupindex) - ALLOWED_GROUPS
    if unknown:
        problems.append(f"match.regex: unknown named groups {sorted(unknown)} (allowed: secret, at)")
    for bad in examples["bad"]:
        if not _matches(regex, not_regexes, bad):
            problems.append(f"examples.bad not matched: {bad!r}")
    for good in examples["good"]:
        found = _matches(regex, not_regexes, good)
        if found:
            problems.append(f"examples.good matched ({found[0].group(0)!r}): {good!r}")
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: validate_rules.py SCHEMA RULES_DIR", file=sys.stderr)
        return 2
    schema_path, rules_dir = pathlib.Path(argv[1]), pathlib.Path(argv[2])
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
        validator_cls = jsonschema.validators.validator_for(schema)
        validator_cls.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print(f"{schema_path}: invalid schema: {e}", file=sys.stderr)
        return 2
    if not rules_dir.is_dir():
        print(f"{rules_dir}: not a directory", file=sys.stderr)
        return 2
    validator = validator_cls(schema)

    rule_files = sorted(rules_dir.glob("*.yaml"))
    for stray in sorted(rules_dir.glob("*.yml")):
        print(f"FAIL {stray.name}: rule files end in .yaml")
    failed = len(list(rules_dir.glob("*.yml")))
    passed = 0
    for path in rule_files:
        problems = check_rule(path, validator)
        if problems:
            failed += 1
            print(f"FAIL {path.stem}: " + "; ".join(problems))
        else:
            passed += 1
            print(f"ok   {path.stem}")
    if not rule_files:
        print(f"no rule files (*.yaml) in {rules_dir}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not rule_files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
