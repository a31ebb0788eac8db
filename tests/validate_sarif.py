#!/usr/bin/python3
"""Validates SARIF logs against both SARIF 2.1.0 schemas (OASIS draft-04 and GitHub's upload copy).

validate_sarif.py --schemas DIR [--binary AUTHSHIFT --scan PATH]... [--golden DIR] [FILE...]

--schemas DIR  the project's copy of the schema files (tests/data/sarif/); required, and a missing
               folder or file fails with a clear message.
--binary, --scan  run `AUTHSHIFT scan --format sarif PATH` for each --scan (the scan must find
               something), plus a scan of an empty directory (results must be []).
--golden DIR   every *.sarif file in DIR (none is fine).
FILE           further SARIF files to validate.

Every log must also be free of anything shaped like an Authtoken (32 hex characters). Prints one line
per failure and "N passed, M failed"; exits 1 when anything failed.
Call it with Debian's /usr/bin/python3 (python3-jsonschema).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

SCHEMA_FILES = ("sarif-schema-2.1.0.json", "github-code-scanning-sarif-schema-2.1.0.json")
TOKEN_SHAPE = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32}(?![0-9A-Za-z])")


def load_schemas(directory):
    if not os.path.isdir(directory):
        raise SystemExit(f"error: the SARIF schema folder {directory} is missing "
                         f"(expected {', '.join(SCHEMA_FILES)} there)\n0 passed, 1 failed")
    validators = []
    for name in SCHEMA_FILES:
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            raise SystemExit(f"error: SARIF schema {path} is missing\n0 passed, 1 failed")
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        # The OASIS schema is draft-04, GitHub's copy declares 2020-12: let $schema pick the validator.
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
        if name == SCHEMA_FILES[0]:
            # GitHub's copy is not itself valid against its 2020-12 metaschema (an anyOf of `region`
            # sits inside "properties"), but it validates logs as GitHub's upload does: check only OASIS.
            cls.check_schema(schema)
        validators.append((name, cls(schema)))
    return validators


def validate(label, text, validators):
    """Failure messages for one SARIF log."""
    try:
        log = json.loads(text)
    except ValueError as e:
        return [f"{label}: not JSON: {e}"], None
    problems = []
    for name, validator in validators:
        for e in sorted(validator.iter_errors(log), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in e.path) or "(root)"
            problems.append(f"{label}: {name}: {where}: {e.message[:300]}")
    for m in TOKEN_SHAPE.finditer(text):
        problems.append(f"{label}: token-shaped value at offset {m.start()}: {m.group(0)[:4]}...")
    return problems, log


def run_scan(binary, path):
    proc = subprocess.run([binary, "scan", "--format", "sarif", path], capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        return None, f"`authshift scan --format sarif {path}` exited {proc.returncode}: " \
                     f"{proc.stderr.decode(errors='replace').strip()}"
    return proc.stdout.decode("utf-8", errors="replace"), None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--binary")
    ap.add_argument("--scan", action="append", default=[])
    ap.add_argument("--golden")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()

    validators = load_schemas(args.schemas)
    passed = 0
    failed = 0

    def record(problems):
        nonlocal passed, failed
        for p in problems:
            print(p)
        if problems:
            failed += 1
        else:
            passed += 1

    if args.binary:
        for path in args.scan:
            text, err = run_scan(args.binary, path)
            if err:
                record([err])
                continue
            problems, log = validate(f"scan {path}", text, validators)
            if log is not None and not problems and not log["runs"][0]["results"]:
                problems.append(f"scan {path}: no results: the check would be vacuous")
            record(problems)
        with tempfile.TemporaryDirectory(prefix="authshift-sarif-") as empty:
            with open(os.path.join(empty, "clean.py"), "w", encoding="utf-8") as f:
                f.write("print('hello')\n")
            text, err = run_scan(args.binary, empty)
            if err:
                record([err])
            else:
                problems, log = validate("empty scan", text, validators)
                if log is not None and log.get("runs", [{}])[0].get("results") != []:
                    problems.append("empty scan: results is not []")
                record(problems)

    files = list(args.files)
    if args.golden:
        files += sorted(glob.glob(os.path.join(args.golden, "*.sarif")))
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            record(validate(path, f.read(), validators)[0])

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
