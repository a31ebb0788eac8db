#!/usr/bin/python3
"""Deterministic synthetic repositories for the authshift benchmark (stdlib only).

    gen_repo.py repo    --out DIR [--size small|medium|large] [--seed N] [--files N] [--bytes N]
    gen_repo.py bigfile --out FILE [--lang js|py|dg] [--mb 50] [--seed N]
    gen_repo.py fix     --out DIR [--files 100] [--per-file 10] [--seed N]

`repo` writes a polyglot monorepo: a lognormal file-size distribution (median ~4 KiB, mean ~10 KiB,
a few files over authshift's 2 MiB default limit), ~20 languages weighted like a web/services
monorepo, about 0.1% of the files (at least one of each of the 24 planted forms) carrying Authtokens in varied forms (URL parameter,
header scheme, params map, token generation, config keys, Deluge), ~0.5% near misses (migrated
`Zoho-oauthtoken` code: they pass the keyword prefilter and must not be reported), and noise:
vendored trees (vendor/, node_modules/, third_party/, some with Authtokens that must be skipped) and
binary files (images, fonts, jars, shared objects). Same seed and size, same bytes.

Speed: content comes from a per-language corpus built once from templates and cut at unit boundaries,
and files are written with os.open/os.write (one write each). A manifest DIR.manifest.json (outside
the tree, so no tool scans it) records the parameters and what was planted; when it matches, the
tree is reused and nothing is written.
"""
import argparse
import bisect
import json
import math
import os
import random
import shutil
import sys
import time

GEN_VERSION = 7
PRESETS = {  # name: (files, bytes)
    "small": (2_000, 20 * 1000 * 1000),
    "medium": (20_000, 200 * 1000 * 1000),
    "large": (100_000, 1000 * 1000 * 1000),
}

WORDS = ("account invoice customer contact order payment item ledger tax report sync client record "
         "field module user session config cache queue worker event batch token request response "
         "header status result value entry page total amount currency vendor bill estimate project "
         "task ticket lead deal note file upload export import mapping schema filter limit offset").split()
# Directory names never collide with the ones authshift's walk skips (vendor, build, out, ...).
DIR_WORDS = [w for w in WORDS if w not in ("vendor", "build", "out", "target", "dist")]
HOSTS = ["books.zoho.com", "www.zohoapis.com", "crm.zoho.com", "desk.zoho.com", "invoice.zoho.com",
         "inventory.zoho.com", "subscriptions.zoho.com", "books.zoho.eu", "www.zohoapis.in"]
PATHS = ["/api/v3/invoices", "/api/v3/contacts", "/crm/v2/Leads", "/api/v1/tickets",
         "/api/v1/items", "/api/v3/bills", "/api/v1/subscriptions", "/api/v3/estimates"]


def ident(r, n=2):
    return "_".join(r.choice(WORDS) for _ in range(n))


def camel(r, n=2):
    w = [r.choice(WORDS) for _ in range(n)]
    return w[0] + "".join(x.capitalize() for x in w[1:])


def pascal(r, n=2):
    return "".join(r.choice(WORDS).capitalize() for _ in range(n))


def hexstr(r, n=32):
    return "".join(r.choice("0123456789abcdef") for _ in range(n))


# ---------------------------------------------------------------------------------------------
# Corpus units: one top-level unit (function, class, section) per call, realistic enough that
# tree-sitter parses whole files (files are cut at unit boundaries).

def u_python(r):
    f, a, b = ident(r), ident(r, 1), ident(r, 1)
    body = []
    for _ in range(r.randint(3, 14)):
        k = r.random()
        if k < 0.3:
            body.append(f"    {ident(r)} = {a}.get({ident(r, 1)!r}, {r.randint(0, 999)})")
        elif k < 0.5:
            body.append(f"    if {ident(r, 1)} > {r.randint(1, 99)}:\n        return {ident(r)}({b})")
        elif k < 0.65:
            body.append(f"    for {ident(r, 1)} in {a}[{r.choice(WORDS)!r}]:\n        {b}.append({ident(r, 1)})")
        elif k < 0.8:
            body.append(f"    # {r.choice(WORDS)} the {r.choice(WORDS)} before the {r.choice(WORDS)}")
        else:
            body.append(f"    log.info(\"{r.choice(WORDS)} %s {r.choice(WORDS)}\", {a})")
    doc = f'    """{ident(r, 3).replace("_", " ").capitalize()}."""\n'
    if r.random() < 0.25:
        c = pascal(r)
        return (f"class {c}:\n    def __init__(self, {a}):\n        self.{a} = {a}\n\n"
                f"    def {f}(self, {b}):\n" + doc.replace("    ", "        ", 1) +
                "\n".join("    " + x.replace("\n", "\n    ") for x in body) +
                f"\n        return {b}\n\n\n")
    return f"def {f}({a}, {b}=None):\n{doc}" + "\n".join(body) + f"\n    return {b}\n\n\n"


def _c_like_body(r, decl, call, ret):
    out = []
    for _ in range(r.randint(3, 14)):
        k = r.random()
        if k < 0.35:
            out.append(f"  {decl} {camel(r)} = {call}({camel(r, 1)}, {r.randint(0, 999)});")
        elif k < 0.55:
            out.append(f"  if ({camel(r, 1)} > {r.randint(1, 99)}) {{\n    {ret} {camel(r)};\n  }}")
        elif k < 0.7:
            out.append(f"  // {r.choice(WORDS)} the {r.choice(WORDS)} before the {r.choice(WORDS)}")
        else:
            out.append(f"  {camel(r, 1)}.{camel(r)}(\"{r.choice(WORDS)}-{r.choice(WORDS)}\");")
    return "\n".join(out)


def u_js(r):
    f, a = camel(r), camel(r, 1)
    body = _c_like_body(r, "const", camel(r), "return")
    if r.random() < 0.3:
        return (f"export async function {f}({a}, options = {{}}) {{\n{body}\n"
                f"  const res = await fetch(`https://${{host}}/v1/{r.choice(WORDS)}/${{{a}}}`);\n"
                f"  return res.json();\n}}\n\n")
    return f"function {f}({a}) {{\n{body}\n  return {a};\n}}\n\n"


def u_ts(r):
    f, a, t = camel(r), camel(r, 1), pascal(r)
    body = _c_like_body(r, "const", camel(r), "return")
    if r.random() < 0.3:
        fields = "\n".join(f"  {camel(r)}: {r.choice(['string', 'number', 'boolean', 'string[]'])};"
                           for _ in range(r.randint(2, 8)))
        return f"export interface {t} {{\n{fields}\n}}\n\n"
    return f"export function {f}({a}: {t}): {t} {{\n{body}\n  return {a};\n}}\n\n"


def u_tsx(r):
    c, a = pascal(r), camel(r, 1)
    items = "\n".join(f"      <li key=\"{r.choice(WORDS)}\">{{{a}.{camel(r)}}}</li>"
                      for _ in range(r.randint(2, 8)))
    return (f"export function {c}({{ {a} }}: {{ {a}: any }}) {{\n"
            f"  const [{camel(r)}, set{pascal(r)}] = useState(0);\n"
            f"  return (\n    <ul className=\"{r.choice(WORDS)}\">\n{items}\n    </ul>\n  );\n}}\n\n")


def u_java(r):
    m, a = camel(r), camel(r, 1)
    body = _c_like_body(r, "String", camel(r), "return").replace("\n", "\n  ")
    return (f"  /** {ident(r, 3).replace('_', ' ')}. */\n"
            f"  public String {m}(String {a}, int {camel(r, 1)}) {{\n  {body}\n    return {a};\n  }}\n\n")


def u_csharp(r):
    m, a = pascal(r), camel(r, 1)
    body = _c_like_body(r, "var", pascal(r), "return").replace("\n", "\n    ")
    return f"        public string {m}(string {a})\n        {{\n    {body}\n            return {a};\n        }}\n\n"


def u_go(r):
    f, a = pascal(r), camel(r, 1)
    lines = []
    for _ in range(r.randint(3, 12)):
        k = r.random()
        if k < 0.4:
            lines.append(f"\t{camel(r)} := {camel(r)}({a}, {r.randint(0, 999)})")
            lines.append(f"\t_ = {lines[-1].split(':=')[0].strip()}")
        elif k < 0.6:
            lines.append(f"\tif {a} == \"\" {{\n\t\treturn \"\", fmt.Errorf(\"{r.choice(WORDS)}: empty\")\n\t}}")
        else:
            lines.append(f"\t// {r.choice(WORDS)} the {r.choice(WORDS)}")
    return f"func {f}({a} string) (string, error) {{\n" + "\n".join(lines) + f"\n\treturn {a}, nil\n}}\n\n"


def u_php(r):
    m, a = camel(r), camel(r, 1)
    lines = []
    for _ in range(r.randint(3, 12)):
        k = r.random()
        if k < 0.4:
            lines.append(f"        ${camel(r)} = $this->{camel(r)}(${a}, {r.randint(0, 999)});")
        elif k < 0.6:
            lines.append(f"        if (empty(${a})) {{\n            return null;\n        }}")
        else:
            lines.append(f"        // {r.choice(WORDS)} the {r.choice(WORDS)}")
    return f"    public function {m}(${a})\n    {{\n" + "\n".join(lines) + f"\n        return ${a};\n    }}\n\n"


def u_ruby(r):
    m, a = ident(r), ident(r, 1)
    lines = [f"    {ident(r)} = {a}.fetch(:{r.choice(WORDS)}, {r.randint(0, 99)})" for _ in range(r.randint(2, 9))]
    return f"  def {m}({a})\n" + "\n".join(lines) + f"\n    {a}\n  end\n\n"


def u_c(r):
    f, a = ident(r), ident(r, 1)
    body = _c_like_body(r, "int", ident(r), "return")
    return f"static int {f}(const char *{a}, int n)\n{{\n{body}\n  return 0;\n}}\n\n"


def u_shell(r):
    f = ident(r)
    lines = [f"  {r.choice(['echo', 'test -f', 'mkdir -p', 'rm -f'])} \"${{{ident(r, 1).upper()}}}/{r.choice(WORDS)}\""
             for _ in range(r.randint(2, 8))]
    return f"{f}() {{\n" + "\n".join(lines) + "\n}\n\n"


def u_deluge(r):
    # Migrated style: invokeurl with a connection, Zoho tasks with a connection argument.
    v, org = camel(r, 1), camel(r, 1)
    host, path = r.choice(HOSTS), r.choice(PATHS)
    lines = [f"{v}Map = Map();", f"{v}Map.put(\"{r.choice(WORDS)}\", {camel(r, 1)});"]
    for _ in range(r.randint(1, 5)):
        lines.append(f"{camel(r)} = {v}Map.get(\"{r.choice(WORDS)}\");")
    lines.append(f"resp = invokeurl\n[\n\turl: \"https://{host}{path}?organization_id=\" + {org}\n"
                 f"\ttype: GET\n\tconnection: \"zbooks\"\n];")
    lines.append(f"for each {camel(r, 1)} in resp.get(\"{r.choice(WORDS)}s\")\n{{\n\t{camel(r)} = {camel(r, 1)}.get(\"id\");\n}}")
    return "\n".join(lines) + "\n\n"


def u_json(r):
    items = ",\n".join(f'    "{camel(r)}": {r.choice([str(r.randint(0, 9999)), "true", "null", json.dumps(ident(r))])}'
                       for _ in range(r.randint(3, 12)))
    return f'  "{camel(r)}": {{\n{items}\n  }},\n'


def u_yaml(r):
    items = "\n".join(f"  {ident(r)}: {r.choice([str(r.randint(0, 999)), 'true', ident(r)])}"
                      for _ in range(r.randint(3, 10)))
    return f"{ident(r)}:\n{items}\n"


def u_markdown(r):
    para = " ".join(r.choice(WORDS) for _ in range(r.randint(30, 90)))
    return f"## {ident(r, 3).replace('_', ' ').capitalize()}\n\n{para.capitalize()}.\n\n```\nmake {r.choice(WORDS)}\n```\n\n"


def u_xml(r):
    items = "\n".join(f'    <{r.choice(WORDS)} name="{camel(r)}" value="{r.randint(0, 999)}"/>' for _ in range(r.randint(3, 10)))
    return f"  <{r.choice(WORDS)}>\n{items}\n  </{r.choice(WORDS)}>\n"


def u_ini(r):
    items = "\n".join(f"{ident(r)} = {r.choice([str(r.randint(0, 999)), 'true', ident(r)])}" for _ in range(r.randint(3, 10)))
    return f"[{r.choice(WORDS)}]\n{items}\n\n"


def u_text(r):
    return " ".join(r.choice(WORDS) for _ in range(r.randint(40, 120))).capitalize() + ".\n\n"


# id: (extensions, unit, header, footer, file share by count)
LANGS = {
    "javascript": ([".js", ".mjs"], u_js, "'use strict';\nconst fs = require('fs');\n\n", "", 15),
    "typescript": ([".ts"], u_ts, "import {{ Client }} from './client';\n\n", "", 13),
    "tsx": ([".tsx"], u_tsx, "import React, {{ useState }} from 'react';\n\n", "", 3),
    "python": ([".py"], u_python, "import logging\nimport os\n\nlog = logging.getLogger(__name__)\n\n\n", "", 13),
    "java": ([".java"], u_java, "package com.example.app;\n\nimport java.util.*;\n\npublic class {C} {{\n\n", "}\n", 8),
    "go": ([".go"], u_go, "package {p}\n\nimport \"fmt\"\n\nvar _ = fmt.Sprintf\n\n", "", 6),
    "php": ([".php"], u_php, "<?php\n\nnamespace App\\Service;\n\nclass {C}\n{{\n", "}\n", 6),
    "ruby": ([".rb"], u_ruby, "# frozen_string_literal: true\n\nclass {C}\n", "end\n", 4),
    "csharp": ([".cs"], u_csharp, "using System;\n\nnamespace App\n{{\n    public class {C}\n    {{\n", "    }\n}\n", 3),
    "c": ([".c", ".h"], u_c, "#include <stdio.h>\n#include <string.h>\n\n", "", 2),
    "cpp": ([".cc", ".hpp"], u_c, "#include <string>\n#include <vector>\n\n", "", 2),
    "bash": ([".sh"], u_shell, "#!/usr/bin/env bash\nset -euo pipefail\n\n", "", 2),
    "deluge": ([".dg"], u_deluge, "// Zoho Books custom function\n", "", 2),
    "json": ([".json"], u_json, "{{\n", '  "end": true\n}\n', 5),
    "yaml": ([".yml", ".yaml"], u_yaml, "# settings\n", "", 3),
    "markdown": ([".md"], u_markdown, "# Notes\n\n", "", 4),
    "xml": ([".xml", ".html"], u_xml, "<?xml version=\"1.0\"?>\n<root>\n", "</root>\n", 3),
    "ini": ([".ini", ".toml", ".properties"], u_ini, "", "", 2),
    "text": ([".txt"], u_text, "", "", 1),
}
CORPUS_BYTES = 256 << 10  # per language; files reuse it at varied offsets

# ---------------------------------------------------------------------------------------------
# Planted Authtoken usages: (language, form, snippet template). {T} token variable, {H} host,
# {P} path, {S} a 32-hex token literal.

PLANTS = [
    ("python", "url-param", '    resp = requests.get("https://{H}{P}?organization_id=" + org + "&authtoken=" + {T})\n'),
    ("python", "header", '    headers = {{"Authorization": "Zoho-authtoken " + {T}}}\n    requests.post("https://{H}{P}", headers=headers)\n'),
    ("python", "param-map", '    requests.get("https://{H}{P}", params={{"authtoken": {T}, "scope": "crmapi"}})\n'),
    ("python", "generation", '    requests.post("https://accounts.zoho.com/apiauthtoken/nb/create", data={{"EMAIL_ID": email, "PASSWORD": pw}})\n'),
    ("javascript", "url-param", "  const r = await fetch(`https://{H}{P}?authtoken=${{{T}}}&organization_id=${{org}}`);\n"),
    ("javascript", "header", '  axios.get("https://{H}{P}", {{ headers: {{ Authorization: "Zoho-authtoken " + {T} }} }});\n'),
    ("typescript", "param-map", '  await axios.post("https://{H}{P}", null, {{ params: {{ authtoken: {T} }} }});\n'),
    ("typescript", "literal", '  const url = "https://{H}{P}?authtoken={S}";\n'),
    ("php", "url-param", "        $ch = curl_init('https://{H}{P}' . $path . '?authtoken=' . $this->authtoken);\n"),
    ("php", "header", "        curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Zoho-authtoken ' . $token]);\n"),
    ("java", "url-param", '    String url = "https://{H}{P}?authtoken=" + token + "&scope=crmapi";\n'),
    ("java", "header", '    conn.setRequestProperty("Authorization", "Zoho-authtoken " + token);\n'),
    ("go", "header", 'func zohoReq(tok string) {{\n\treq.Header.Set("Authorization", "Zoho-authtoken "+tok)\n}}\n'),
    ("go", "url-param", 'func zohoURL(tok string) string {{\n\treturn "https://{H}{P}?authtoken=" + tok\n}}\n'),
    ("ruby", "url-param", '  def zoho_get(t)\n    HTTParty.get("https://{H}{P}?authtoken=#{{t}}")\n  end\n'),
    ("csharp", "header", '            client.DefaultRequestHeaders.Add("Authorization", "Zoho-authtoken " + token);\n'),
    ("bash", "url-param", 'curl -s "https://{H}{P}?authtoken=${{ZOHO_AUTHTOKEN}}&organization_id=${{ORG}}"\n'),
    ("bash", "revocation", 'curl -s "https://accounts.zoho.com/apiauthtoken/delete?AUTHTOKEN=${{OLD}}"\n'),
    ("deluge", "url-param", 'url = "https://{H}{P}?organization_id=" + orgId;\nurl = url + "&authtoken=" + authtoken;\nresp = getUrl(url);\n'),
    ("deluge", "param-map", 'params = Map();\nparams.put("authtoken", authtoken);\nresp = postUrl("https://{H}{P}", params);\n'),
    ("deluge", "literal", 'authtoken = "{S}";\nresp = getUrl("https://{H}{P}?authtoken=" + authtoken);\n'),
    ("yaml", "config", "zoho:\n  authtoken: {S}\n"),
    ("ini", "config", "zoho_authtoken = {S}\n"),
    ("markdown", "docs", "Call `https://{H}{P}?authtoken=<token>` with your Authtoken.\n\n"),
]
NEAR_MISS = {  # migrated code: contains "authtoken" as part of "oauthtoken" (prefilter hit, no finding)
    "python": '    headers = {{"Authorization": "Zoho-oauthtoken " + token}}\n',
    "javascript": '  const headers = {{ Authorization: "Zoho-oauthtoken " + token }};\n',
    "typescript": '  const headers = {{ Authorization: `Zoho-oauthtoken ${{token}}` }};\n',
    "java": '    conn.setRequestProperty("Authorization", "Zoho-oauthtoken " + token);\n',
    "php": "        $headers = ['Authorization: Zoho-oauthtoken ' . $token];\n",
    "go": 'func zohoOAuth(tok string) {{\n\treq.Header.Set("Authorization", "Zoho-oauthtoken "+tok)\n}}\n',
}
VENDORED = [("vendor/zoho/sdk/src", ".php", "php"), ("node_modules/zoho-legacy/lib", ".js", "javascript"),
            ("third_party/zoho_client", ".py", "python"), ("vendor/github.com/acme/zoho", ".go", "go")]
BINARY = [(".png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), (".jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
          (".woff2", b"wOF2\x00\x01\x00\x00"), (".jar", b"PK\x03\x04\x14\x00\x08\x00"),
          (".so", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00")]


class Corpus:
    def __init__(self, lang, seed):
        r = random.Random(f"{seed}:{lang}")
        unit = LANGS[lang][1]
        parts, offs, n = [], [0], 0
        while n < CORPUS_BYTES:
            u = unit(r).encode()
            parts.append(u)
            n += len(u)
            offs.append(n)
        self.data = b"".join(parts)
        self.data2 = self.data + self.data  # wrap-around without concatenating per file
        self.offs = offs  # unit boundaries

    def take(self, r, size):
        """Whole units starting at a random unit, about size bytes."""
        i = r.randrange(len(self.offs) - 1)
        start = self.offs[i]
        end = start + max(size, 1)
        n = len(self.data)
        if end - start >= n:
            return self.data * (size // n) + self.take(r, size % n)
        e = end if end <= n else end - n
        j = bisect.bisect_left(self.offs, e)
        stop = self.offs[min(j, len(self.offs) - 1)]
        if end > n:
            stop += n
        return self.data2[start:stop]


def fmt_header(tmpl, r):
    return tmpl.format(C=pascal(r), p=r.choice(WORDS)).encode()


def plant_text(r, tmpl):
    return tmpl.format(T=r.choice(["token", "authtoken", "auth_token"]),
                       H=r.choice(HOSTS), P=r.choice(PATHS), S=hexstr(r)).encode()


def write_file(path, data):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        mv = memoryview(data)
        while mv:
            mv = mv[os.write(fd, mv):]
    finally:
        os.close(fd)


def file_sizes(r, n, total, median, sigma, cap):
    mu = math.log(median)
    sizes = [min(cap, max(64, int(r.lognormvariate(mu, sigma)))) for _ in range(n)]
    scale = total / max(1, sum(sizes))
    return [min(cap, max(32, int(s * scale))) for s in sizes]


def gen_repo(out, files, total, seed):
    r = random.Random(seed)
    langs = sorted(LANGS)
    weights = [LANGS[l][4] for l in langs]
    n_bin = max(5, files * 3 // 100)
    n_vend = max(8, files * 8 // 100)
    n_src = files - n_bin - n_vend
    n_plant = max(len(PLANTS), files // 1000)
    n_near = max(8, files * 5 // 1000)
    # Sizes: sources/vendored share a lognormal (median ~4 KiB before scaling); binaries are larger.
    bin_total = total * 6 // 100
    sizes = file_sizes(r, n_src + n_vend, total - bin_total, 4300, 1.3, 3 << 20)
    bsizes = file_sizes(r, n_bin, bin_total, 12000, 1.2, 2 << 20)
    corpora = {l: Corpus(l, seed) for l in langs}
    binpool = random.Random(f"{seed}:bin").randbytes(4 << 20)

    # Directory layout: services/<svc>/<area>/<pkg>/ with ~40 files a directory.
    n_dirs = max(4, n_src // 40)
    dirs = []
    for d in range(n_dirs):
        dirs.append(f"services/{DIR_WORDS[d % 37]}-{d // 37}/{r.choice(['src', 'lib', 'app', 'pkg', 'scripts'])}/"
                    f"{r.choice(DIR_WORDS)}")
    dirs = sorted(set(dirs))

    plan = []  # (relpath, kind, lang)
    used = set()

    def uniq(p):
        base, ext = os.path.splitext(p)
        k = 1
        while p in used:
            p = f"{base}_{k}{ext}"
            k += 1
        used.add(p)
        return p

    for i in range(n_src):
        lang = r.choices(langs, weights)[0]
        ext = r.choice(LANGS[lang][0])
        plan.append([uniq(f"{r.choice(dirs)}/{ident(r)}{ext}"), "src", lang])
    for i in range(n_vend):
        d, ext, lang = r.choice(VENDORED)
        plan.append([uniq(f"{d}/{r.choice(WORDS)}{i % 50}/{ident(r)}{ext}"), "vendored", lang])
    for i in range(n_bin):
        ext, magic = r.choice(BINARY)
        plan.append([uniq(f"{r.choice(dirs)}/assets/{ident(r)}{ext}"), "binary", ext])
    plan.append([uniq(".env.example"), "dotenv", "dotenv"])

    # Which sources carry a planted Authtoken / a near miss (deterministic picks by language).
    by_lang = {}
    for idx, (p, kind, lang) in enumerate(plan):
        if kind == "src":
            by_lang.setdefault(lang, []).append(idx)
    plants = {}
    order = list(range(len(PLANTS)))
    for k in range(n_plant):
        pl = PLANTS[order[k % len(order)]]
        cands = by_lang.get(pl[0], [])
        if cands:
            plants.setdefault(r.choice(cands), []).append(pl)
    near = {}
    nl = sorted(NEAR_MISS)
    for k in range(n_near):
        cands = by_lang.get(nl[k % len(nl)], [])
        if cands:
            idx = r.choice(cands)
            if idx not in plants:
                near[idx] = NEAR_MISS[nl[k % len(nl)]]

    for d in sorted({os.path.dirname(p) for p, _, _ in plan}):
        os.makedirs(os.path.join(out, d), exist_ok=True)

    planted, written, vend_plants, planted_files = {}, 0, 0, {}
    si = bi = 0
    t0 = time.time()
    for idx, (p, kind, lang) in enumerate(plan):
        if kind == "binary":
            size = bsizes[bi]
            bi += 1
            magic = dict(BINARY)[lang]
            off = r.randrange(len(binpool) - min(size, len(binpool) - 1))
            data = magic + binpool[off:off + size]
        elif kind == "dotenv":
            data = b"# copy to .env\nZOHO_ORG_ID=123456\nZOHO_AUTHTOKEN=" + hexstr(r).encode() + b"\n"
            planted["dotenv/config"] = planted.get("dotenv/config", 0) + 1
            planted_files[p] = ["dotenv/config"]
        else:
            size = sizes[si]
            si += 1
            ext, unit, header, footer, _ = LANGS[lang]
            body = corpora[lang].take(r, size)
            extra = b""
            if idx in plants:
                for pl in plants[idx]:
                    extra += plant_text(r, pl[2])
                    key = f"{pl[0]}/{pl[1]}"
                    planted[key] = planted.get(key, 0) + 1
                    planted_files.setdefault(p, []).append(key)
                extra = _wrap_plant(lang, extra)
            elif idx in near:
                extra = _wrap_plant(lang, near[idx].format().encode())
            elif kind == "vendored" and r.random() < 0.05:
                extra = _wrap_plant(lang, plant_text(r, [x for x in PLANTS if x[0] == lang][0][2]))
                vend_plants += 1
            if extra:  # in the middle, at a unit boundary
                cut = len(body) // 2
                j = bisect.bisect_left(_boundaries(body, lang), cut)
                b = _boundaries(body, lang)
                cut = b[min(j, len(b) - 1)]
                body = body[:cut] + extra + body[cut:]
            data = fmt_header(header, r) + body + footer.encode()
        write_file(os.path.join(out, p), data)
        written += len(data)
        if sys.stderr.isatty() and idx % 5000 == 4999:
            print(f"\r  {idx + 1}/{len(plan)} files, {written / 1e6:.0f} MB, {time.time() - t0:.0f}s",
                  end="", file=sys.stderr)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return {"files": len(plan), "bytes": written, "source_files": n_src, "vendored_files": n_vend,
            "binary_files": n_bin, "files_with_planted_authtokens": len(plants) + 1,
            "planted_by_form": dict(sorted(planted.items())), "near_miss_files": len(near),
            "vendored_with_authtokens": vend_plants,
            "files_over_2MiB": sum(1 for s in sizes if s > (2 << 20)),
            "planted_files": dict(sorted(planted_files.items()))}


_UNIT_SEP = {"python": b"\n\n\n", "java": b"\n\n", "csharp": b"\n\n", "php": b"\n\n", "ruby": b"\n\n",
             "json": b",\n", "yaml": b"\n", "xml": b"\n"}


def _boundaries(body, lang):
    sep = _UNIT_SEP.get(lang, b"\n\n")
    out, i = [0], body.find(sep)
    while i >= 0:
        out.append(i + len(sep))
        i = body.find(sep, i + len(sep))
    return out


def _wrap_plant(lang, text):
    """Planted statements become a unit of their own where the language needs one."""
    if lang in ("python",):
        return b"def zoho_call(token, org, email=None, pw=None):\n" + text + b"    return None\n\n\n"
    if lang in ("javascript", "typescript"):
        return b"async function zohoCall(token, org) {\n" + text + b"}\n\n"
    if lang == "java":
        return b"  void zohoCall(String token) {\n" + text + b"  }\n\n"
    if lang == "csharp":
        return b"        public void ZohoCall(string token)\n        {\n" + text + b"        }\n\n"
    if lang == "php":
        return b"    public function zohoCall($token, $path)\n    {\n" + text + b"    }\n\n"
    if lang == "deluge":
        return text + b"\n"
    if lang == "json":
        return b""
    return text + b"\n"


def gen_bigfile(out, lang, mb, seed):
    r = random.Random(f"{seed}:big:{lang}")
    lid = {"js": "javascript", "py": "python", "dg": "deluge"}[lang]
    body = Corpus(lid, seed).take(r, mb * 1000 * 1000)
    third = len(body) // 3
    parts = []
    for k in range(3):
        chunk = body[k * third:(k + 1) * third]
        b = _boundaries(chunk, lid)
        cut = b[len(b) // 2]
        pl = [x for x in PLANTS if x[0] == lid][k % 2]
        parts.append(chunk[:cut] + _wrap_plant(lid, plant_text(r, pl[2])) + chunk[cut:])
    data = fmt_header(LANGS[lid][2], r) + b"".join(parts) + body[3 * third:]
    write_file(out, data)
    return {"bytes": len(data), "planted": 3}


def gen_fix(out, files, per_file, seed):
    """Deluge functions with per_file getUrl calls each sending the token as a URL parameter."""
    r = random.Random(f"{seed}:fix")
    os.makedirs(out, exist_ok=True)
    total = 0
    for f in range(files):
        lines = ["// Zoho Books sync, before the OAuth migration", "orgId = organization.get(\"organization_id\");"]
        for c in range(per_file):
            host, path = r.choice(HOSTS[:2]), r.choice(PATHS)
            lines.append(f"id{c} = input.get(\"{r.choice(WORDS)}_id\");")
            lines.append(f"resp{c} = getUrl(\"https://{host}{path}/\" + id{c} + \"?organization_id=\" + orgId"
                         f" + \"&authtoken=\" + t);")
            lines.append(f"info resp{c}.get(\"code\");")
        write_file(os.path.join(out, f"sync_{f:03d}.dg"), ("\n".join(lines) + "\n").encode())
        total += per_file
    return {"files": files, "calls": total}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("repo")
    a.add_argument("--out", required=True)
    a.add_argument("--size", choices=sorted(PRESETS), default="large")
    a.add_argument("--files", type=int)
    a.add_argument("--bytes", type=int)
    a.add_argument("--seed", type=int, default=1)
    b = sub.add_parser("bigfile")
    b.add_argument("--out", required=True)
    b.add_argument("--lang", choices=["js", "py", "dg"], default="js")
    b.add_argument("--mb", type=int, default=50)
    b.add_argument("--seed", type=int, default=1)
    c = sub.add_parser("fix")
    c.add_argument("--out", required=True)
    c.add_argument("--files", type=int, default=100)
    c.add_argument("--per-file", type=int, default=10)
    c.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    out = os.path.abspath(args.out.rstrip("/"))
    if args.cmd == "repo":
        files, total = PRESETS[args.size]
        params = {"kind": "repo", "gen_version": GEN_VERSION, "seed": args.seed,
                  "files": args.files or files, "bytes": args.bytes or total}
    elif args.cmd == "bigfile":
        params = {"kind": "bigfile", "gen_version": GEN_VERSION, "seed": args.seed, "lang": args.lang, "mb": args.mb}
    else:
        params = {"kind": "fix", "gen_version": GEN_VERSION, "seed": args.seed, "files": args.files,
                  "per_file": args.per_file}
    manifest = out + ".manifest.json"
    if os.path.exists(out) and os.path.exists(manifest):
        with open(manifest) as fh:
            old = json.load(fh)
        if old.get("params") == params:
            print(json.dumps(old, indent=1))
            return
    if os.path.lexists(manifest):
        os.remove(manifest)
    if os.path.isdir(out):
        shutil.rmtree(out)
    elif os.path.lexists(out):
        os.remove(out)
    t0 = time.time()
    if args.cmd == "repo":
        os.makedirs(out)
        summary = gen_repo(out, params["files"], params["bytes"], args.seed)
    elif args.cmd == "bigfile":
        os.makedirs(os.path.dirname(out), exist_ok=True)
        summary = gen_bigfile(out, args.lang, args.mb, args.seed)
    else:
        summary = gen_fix(out, args.files, args.per_file, args.seed)
    doc = {"params": params, "summary": summary, "seconds": round(time.time() - t0, 1)}
    with open(manifest + ".tmp", "w") as fh:
        json.dump(doc, fh, indent=1)
    os.replace(manifest + ".tmp", manifest)  # written last: an interrupted run is regenerated
    print(json.dumps(doc, indent=1))


if __name__ == "__main__":
    main()
