#!/usr/bin/python3
"""validate_ci_reports.py --schemas DIR --binary AUTHSHIFT --scan PATH

Scans PATH with --format json (the reference) and with each CI format, then checks:
- gitlab-sast validates against GitLab's security report schema (DIR/sast-report-format-15.0.7.json),
  codeclimate against DIR/codequality.schema.json, junit is well-formed JUnit XML;
- each carries exactly the reference's unsuppressed findings (fingerprints, rule ids, paths, lines);
- no secret matched by the scan appears in any of them (read from the source at the findings' ranges);
- the exit code equals the reference's, with and without --fail-on.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema


def run(binary, fmt, scan, extra=()):
    proc = subprocess.run([binary, "scan", "--no-color", "--format", fmt, *extra, scan], capture_output=True, check=False)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8", errors="replace")


def schema_errors(schema, doc):
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return [f"{'/'.join(str(p) for p in e.path)}: {e.message}" for e in cls(schema).iter_errors(doc)]


def secrets_of(reference, root):
    """The token-like runs of characters inside each secret-bearing finding's source range."""
    found = set()
    for f in reference["findings"]:
        if not f["has_secret"]:
            continue
        path = f["path"] if os.path.isabs(f["path"]) else os.path.join(root, f["path"])
        with open(path, "rb") as src:
            text = src.read()[f["start"]["offset"]:f["end"]["offset"]].decode("utf-8", errors="replace")
        found.update(m for m in re.findall(r"[A-Za-z0-9]{16,}", text) if re.search(r"\d", m))
    return found


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemas", required=True)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--scan", required=True)
    a = ap.parse_args()
    problems = []
    passed = 0

    def expect(ok, what):
        nonlocal passed
        if ok:
            passed += 1
        else:
            problems.append(what)

    code, out, err = run(a.binary, "json", a.scan)
    reference = json.loads(out)
    want = sorted((f["fingerprint"], f["rule_id"], f["start"]["line"]) for f in reference["findings"] if not f["suppressed"])
    expect(len(want) > 0, "the reference scan found nothing: every check would be vacuous")
    secrets = secrets_of(reference, a.scan)
    expect(len(secrets) > 0, "the scanned tree has no secret-bearing finding: the redaction check would be vacuous")
    with open(os.path.join(a.schemas, "sast-report-format-15.0.7.json"), encoding="utf-8") as f:
        sast_schema = json.load(f)
    with open(os.path.join(a.schemas, "codequality.schema.json"), encoding="utf-8") as f:
        cq_schema = json.load(f)

    outputs = {}
    for fmt in ("gitlab-sast", "codeclimate", "junit"):
        fcode, fout, ferr = run(a.binary, fmt, a.scan)
        outputs[fmt] = fout
        expect(fcode == code, f"{fmt}: exit code {fcode}, json gave {code} ({ferr.strip()})")
        for fail_on in ("none", "error", "note"):
            c1 = run(a.binary, "json", a.scan, ("--fail-on", fail_on))[0]
            c2 = run(a.binary, fmt, a.scan, ("--fail-on", fail_on))[0]
            expect(c1 == c2, f"{fmt} --fail-on {fail_on}: exit code {c2}, json gave {c1}")
        leaked = [s for s in secrets if s in fout or s in ferr]
        expect(not leaked, f"{fmt}: a secret from the scanned files appears in the output ({len(leaked)} of them)")

    sast = json.loads(outputs["gitlab-sast"])
    for e in schema_errors(sast_schema, sast):
        problems.append(f"gitlab-sast: {e}")
    expect(sast["version"] == sast_schema["self"]["version"], "gitlab-sast: version differs from the schema's")
    got = sorted((v["details"]["fingerprint"]["value"], v["identifiers"][0]["value"], v["location"]["start_line"])
                 for v in sast["vulnerabilities"])
    expect(got == want, f"gitlab-sast: findings differ from the json report:\n  {got}\n  {want}")
    expect(len({v["id"] for v in sast["vulnerabilities"]}) == len(sast["vulnerabilities"]), "gitlab-sast: ids repeat")

    cq = json.loads(outputs["codeclimate"])
    for e in schema_errors(cq_schema, cq):
        problems.append(f"codeclimate: {e}")
    got = sorted((i["fingerprint"], i["check_name"], i["location"]["positions"]["begin"]["line"]) for i in cq)
    expect(got == want, "codeclimate: findings differ from the json report")

    suites = ET.fromstring(outputs["junit"])
    expect(suites.tag == "testsuites", "junit: the root is not <testsuites>")
    failures = []
    total = 0
    for suite in suites.findall("testsuite"):
        cases = suite.findall("testcase")
        total += len(cases)
        expect(int(suite.get("tests")) == len(cases), f"junit: suite {suite.get('name')} miscounts its tests")
        nfail = sum(1 for c in cases if c.find("failure") is not None)
        expect(int(suite.get("failures")) == nfail, f"junit: suite {suite.get('name')} miscounts its failures")
        for c in cases:
            fl = c.find("failure")
            if fl is not None:
                fp = re.search(r"fingerprint: ([0-9a-f]{16})", fl.text or "")
                failures.append((fp.group(1) if fp else "", suite.get("name"), int(c.get("line"))))
    expect(int(suites.get("tests")) == total, "junit: <testsuites tests> is not the sum of its suites")
    expect(sorted(failures) == want, "junit: failing test cases differ from the json report's findings")

    for p in problems:
        print(p)
    print(f"{passed} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
