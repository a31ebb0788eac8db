#!/usr/bin/python3
"""validate_report.py SCHEMA AUTHSHIFT_BINARY SCAN_PATH: runs a JSON scan and validates it."""
import json
import subprocess
import sys

import jsonschema


def main() -> int:
    schema_path, binary, scan_path = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    proc = subprocess.run([binary, "scan", "--format", "json", scan_path], capture_output=True, check=False)
    if proc.returncode not in (0, 1):
        print(f"scan failed with exit code {proc.returncode}: {proc.stderr.decode(errors='replace')}")
        print("0 passed, 1 failed")
        return 1
    report = json.loads(proc.stdout)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    errors = sorted(validator_cls(schema).iter_errors(report), key=lambda e: list(e.path))
    for e in errors:
        print(f"{'/'.join(str(p) for p in e.path)}: {e.message}")
    if not report["findings"]:
        print("the scan found nothing: the check would be vacuous")
        errors.append("empty")
    print(f"{0 if errors else 1} passed, {1 if errors else 0} failed")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
