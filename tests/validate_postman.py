#!/usr/bin/env python3
"""Every fixed Postman collection under fixtures/rules still imports into Postman.

Each `*.fixed.json` fixture whose `info.schema` names the v2.1 collection format must
- validate against Postman's published v2.1.0 collection schema (tests/data/postman/v2.1.0, the
  draft-04 source files of postmanlabs/schemas, bundled here the way that project bundles them: the
  sub-schemas become `definitions` of collection.json under the name their `id` gives);
- keep each request's `url.raw` query and its `url.query` list naming the same parameters;
- hold no `Zoho-authtoken` header value and no `authtoken` query, urlencoded or formdata entry.
The fixture files may hold `//` annotation comments; they are stripped first (outside strings).
The schema must also reject an unknown auth type and an auth attribute without its key (so the
check can fail).

Usage: validate_postman.py SCHEMA_DIR FIXTURES_DIR
"""
import json
import pathlib
import sys

import jsonschema


def strip_comments(text):
    """JSON with // and /* */ comments -> JSON (strings left alone)."""
    out = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if c == '"':
                in_string = False
            i += 1
        elif c == '"':
            in_string = True
            out.append(c)
            i += 1
        elif text.startswith("//", i):
            nl = text.find("\n", i)
            i = n if nl < 0 else nl
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = n if close < 0 else close + 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path):
    return json.loads(strip_comments(path.read_text(encoding="utf-8")))


def bundled_schema(schema_dir):
    root = load(schema_dir / "collection.json")
    definitions = {}
    for sub in sorted((schema_dir / "collection").glob("*.json")):
        schema = load(sub)
        sid = schema.get("id", "")
        if not sid.startswith("#/definitions/"):
            raise SystemExit(f"{sub}: unexpected id {sid!r}")
        definitions[sid[len("#/definitions/"):]] = schema
    root["definitions"] = definitions
    return root


def query_names(raw):
    if "?" not in raw:
        return []
    query = raw.split("?", 1)[1].split("#", 1)[0]
    return [p.split("=", 1)[0] for p in query.split("&") if p]


def requests_of(items):
    for item in items:
        if "item" in item:
            yield from requests_of(item["item"])
            continue
        if "request" in item:
            yield item.get("name", "?"), item["request"]
        for resp in item.get("response", []):
            if isinstance(resp, dict) and "originalRequest" in resp:
                yield item.get("name", "?") + " (example)", resp["originalRequest"]


def request_problems(name, req):
    problems = []
    if not isinstance(req, dict):
        return problems
    for h in req.get("header", []) if isinstance(req.get("header"), list) else []:
        if str(h.get("value", "")).strip().lower().startswith("zoho-authtoken"):
            problems.append(f"{name}: a Zoho-authtoken header remains")
    url = req.get("url")
    if isinstance(url, dict):
        query = [q.get("key") for q in url.get("query", []) if not q.get("disabled")]
        if "raw" in url and "query" in url and query_names(url["raw"]) != query:
            problems.append(f"{name}: url.raw names {query_names(url['raw'])}, url.query {query}")
        if any(k in ("authtoken", "AUTHTOKEN") for k in query + query_names(url.get("raw", ""))):
            problems.append(f"{name}: an authtoken query parameter remains")
    elif isinstance(url, str) and any(k in ("authtoken", "AUTHTOKEN") for k in query_names(url)):
        problems.append(f"{name}: an authtoken query parameter remains")
    body = req.get("body") if isinstance(req.get("body"), dict) else {}
    for mode in ("urlencoded", "formdata"):
        if any(e.get("key") in ("authtoken", "AUTHTOKEN") for e in body.get(mode, [])):
            problems.append(f"{name}: an authtoken {mode} entry remains")
    return problems


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    schema_dir, fixtures = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    validator = jsonschema.Draft4Validator(bundled_schema(schema_dir))
    info = {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}
    broken = {"an unknown auth type": {"info": info, "item": [], "auth": {"type": "zoho-authtoken"}},
              "an oauth2 attribute without its key": {"info": info, "item": [],
                                                      "auth": {"type": "oauth2", "oauth2": [{"value": "x"}]}}}
    for what, doc in broken.items():
        if validator.is_valid(doc):
            print(f"validate_postman: the schema accepts {what}; it is not the v2.1 schema", file=sys.stderr)
            return 1
    checked, failed = 0, 0
    for path in sorted(fixtures.rglob("*.fixed.json")):
        doc = load(path)
        if "/v2.1" not in str(doc.get("info", {}).get("schema", "")):
            continue
        checked += 1
        problems = [f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        for name, req in requests_of(doc.get("item", [])):
            problems += request_problems(name, req)
        if problems:
            failed += 1
            print(f"FAIL {path}")
            for p in problems:
                print(f"     {p}")
        else:
            print(f"ok   {path}")
    if checked == 0:
        print("validate_postman: no fixed Postman v2.1 collection under " + str(fixtures), file=sys.stderr)
        return 1
    print(f"{checked - failed} of {checked} fixed Postman collections validate")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
