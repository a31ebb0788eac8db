#!/usr/bin/env python3
"""token-source refresh, end to end, for one language (tests/CMakeLists.txt runs one per language).

A fake Zoho on 127.0.0.1 (a random free port; an accounts server and a CRM API) refuses the
Authtoken that programs/<lang>/ sends; `authshift fix --token-source refresh` rewrites a temporary
copy; the fixed program must then read every page, across an access-token expiry, with exactly one
refresh grant per token lifetime, and concurrent callers must share one refresh. The fixed file and the added helper are compared byte for byte
with programs/<lang>/*.fixed and rewriters/oauth/helpers/; a second fix changes nothing; after the
refresh token is revoked the program fails and shows Zoho's error body; no secret is ever printed.

Exit 77 (skipped, with the reason) when the language's runtime is not installed; the fixed file and
the helper are still checked first.
Usage: refresh_e2e.py AUTHSHIFT LANGUAGE
"""
import http.server
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
HELPERS = os.path.join(ROOT, "rewriters", "oauth", "helpers")

LIFETIME = 4.0  # seconds an access token of the fake lives
PAGES = 4  # API calls per run, PAUSE apart: at 0, 1.5, 3 and 4.5 s, so the 4th needs a new token
PAUSE = 1.5
MAX_REQUESTS = 100  # the fake stops answering after this many requests
MAX_SECONDS = 120  # and shuts down after this long

# language -> (program, helper file, how to run it; "{dir}" is the copy's folder)
LANGUAGES = {
    "python": ("sync_leads.py", "zoho_oauth.py", [sys.executable, "{dir}/sync_leads.py"]),
    "javascript": ("sync_leads.js", "zohoOAuth.cjs", ["node", "{dir}/sync_leads.js"]),
    "php": ("sync_leads.php", "ZohoOAuth.php", ["php", "{dir}/sync_leads.php"]),
    "ruby": ("sync_leads.rb", "zoho_oauth.rb", ["ruby", "{dir}/sync_leads.rb"]),
    "bash": ("sync_leads.sh", "zoho_oauth.sh", ["bash", "{dir}/sync_leads.sh"]),
    "c": ("sync_leads.c", "zoho_oauth.h", ["{dir}/sync_leads"]),
    "cpp": ("sync_leads.cpp", "zoho_oauth.h", ["{dir}/sync_leads"]),
    "java": ("SyncLeads.java", "ZohoOAuth.java", ["java", "-cp", "{dir}/classes", "SyncLeads"]),
    "csharp": ("SyncLeads.cs", "ZohoOAuth.cs", ["mono", "{dir}/SyncLeads.exe"]),
    "go": ("sync_leads.go", "zoho_oauth.go", ["{dir}/sync_leads"]),
    "typescript": ("sync_leads.ts", "zohoOAuth.ts", ["node", "{dir}/out/sync_leads.js"]),
}
# Issue #17 item 2: programs that generated an Authtoken from an e-mail and password and then called
# the API, or revoked an Authtoken. case -> (folder under programs/, program, helper file or None,
# how to run it).
LIFECYCLE = {
    "generation-python": ("generation/python", "crm_report.py", "zoho_oauth.py",
                          [sys.executable, "{dir}/crm_report.py"]),
    "generation-bash": ("generation/bash", "crm_report.sh", "zoho_oauth.sh", ["bash", "{dir}/crm_report.sh"]),
    "generation-php": ("generation/php", "crm_report.php", "ZohoOAuth.php", ["php", "{dir}/crm_report.php"]),
    "generation-javascript": ("generation/javascript", "crm_report.js", "zohoOAuth.cjs",
                              ["node", "{dir}/crm_report.js"]),
    "generation-java": ("generation/java", "CrmReport.java", "ZohoOAuth.java",
                        ["java", "-cp", "{dir}/classes", "CrmReport"]),
    "generation-go": ("generation/go", "crm_report.go", "zoho_oauth.go", ["{dir}/crm_report"]),
    "generation-csharp": ("generation/csharp", "CrmReport.cs", "ZohoOAuth.cs", ["mono", "{dir}/CrmReport.exe"]),
    "generation-c": ("generation/c", "crm_report.c", "zoho_oauth.h", ["{dir}/crm_report"]),
    "generation-cpp": ("generation/cpp", "crm_report.cpp", "zoho_oauth.h", ["{dir}/crm_report"]),
    "generation-ruby": ("generation/ruby", "crm_report.rb", "zoho_oauth.rb", ["ruby", "{dir}/crm_report.rb"]),
    "generation-typescript": ("generation/typescript", "crm_report.ts", "zohoOAuth.ts",
                              ["node", "{dir}/out/crm_report.js"]),
    "revocation-python": ("revocation/python", "disconnect.py", None, [sys.executable, "{dir}/disconnect.py"]),
    "revocation-bash": ("revocation/bash", "disconnect.sh", None, ["bash", "{dir}/disconnect.sh"]),
    "revocation-javascript": ("revocation/javascript", "disconnect.js", None, ["node", "{dir}/disconnect.js"]),
    "revocation-php": ("revocation/php", "disconnect.php", None, ["php", "{dir}/disconnect.php"]),
    "revocation-ruby": ("revocation/ruby", "disconnect.rb", None, ["ruby", "{dir}/disconnect.rb"]),
    "revocation-java": ("revocation/java", "Disconnect.java", None, ["java", "-cp", "{dir}/classes", "Disconnect"]),
    "revocation-go": ("revocation/go", "disconnect.go", None, ["{dir}/disconnect"]),
    "revocation-csharp": ("revocation/csharp", "Disconnect.cs", None, ["mono", "{dir}/Disconnect.exe"]),
    "revocation-c": ("revocation/c", "disconnect.c", None, ["{dir}/disconnect"]),
    "revocation-cpp": ("revocation/cpp", "disconnect.cpp", None, ["{dir}/disconnect"]),
    "revocation-typescript": ("revocation/typescript", "disconnect.ts", None, ["node", "{dir}/out/disconnect.js"]),
}
# The compiler command of the C family (the program or source is appended, then the libraries).
COMPILERS = {"c": ["gcc", "-std=gnu11", "-Wall"], "cpp": ["g++", "-std=c++17", "-Wall", "-x", "c++"]}
# C# with Mono's compiler; TypeScript type-checked (strict) and compiled by tsc, then run by node.
MCS = ["mcs", "-r:System.Net.Http", "-warnaserror+"]
TSC = ["tsc", "--strict", "--noUnusedLocals", "--target", "es2020", "--module", "commonjs", "--lib", "es2020,dom"]
# No @types/node here: the Node.js globals the TypeScript programs use, declared for tsc.
NODE_GLOBALS = "declare const process: { env: Record<string, string | undefined>; exit(code?: number): never };\n"


def missing_runtime(lang):
    """Why the language cannot run here, or None."""
    need = {"python": [], "javascript": ["node"], "php": ["php"], "ruby": ["ruby"],
            "bash": ["bash", "curl"], "c": ["gcc"], "cpp": ["g++"], "java": ["javac", "java"],
            "csharp": ["mcs", "mono"], "go": ["go"], "typescript": ["tsc", "node"]}[lang]
    for tool in need:
        if shutil.which(tool) is None:
            return tool + " is not installed (scripts/setup.sh installs it)"
    if lang == "php":
        probe = subprocess.run(["php", "-r", "exit(function_exists('curl_init') ? 0 : 1);"],
                               capture_output=True, check=False)
        if probe.returncode != 0:
            return "PHP's curl extension (php-curl) is not installed (scripts/setup.sh installs it)"
    if lang in COMPILERS:
        probe = subprocess.run(["dpkg", "-s", "libcurl4-openssl-dev"], capture_output=True, check=False)
        if probe.returncode != 0:
            return "libcurl4-openssl-dev is not installed (scripts/setup.sh installs it)"
    if lang == "csharp":
        probe = subprocess.run(["dpkg", "-s", "libmono-system-net-http4.0-cil"], capture_output=True, check=False)
        if probe.returncode != 0:
            return "Mono's System.Net.Http (libmono-system-net-http4.0-cil) is not installed (scripts/setup.sh installs it)"
    return None


def compile_command(lang, folder, sources, out):
    """The command that compiles `sources` (paths) of a C#, Go or TypeScript program into `out`
    (C#: the .exe, Go: the binary, TypeScript: the folder of .js files), or None."""
    if lang == "csharp":
        return MCS + ["-out:" + out] + sources
    if lang == "go":
        return ["go", "build", "-o", out] + sources
    if lang == "typescript":
        shim = os.path.join(folder, "node_globals.d.ts")
        with open(shim, "w") as f:
            f.write(NODE_GLOBALS)
        return TSC + ["--outDir", out, shim] + sources
    return None


CONCURRENT = 8  # callers asking the helper for a token at once

# CONCURRENT threads of one process ask the helper at once (compiled as C and as C++).
C_CONCURRENT = r"""
#include <pthread.h>
#include <stdio.h>
#include "zoho_oauth.h"

static char answers[%(n)d][1024];

static void *ask(void *slot) {
  const char *t = zoho_oauth_access_token("https://accounts.zoho.com");
  snprintf((char *)slot, 1024, "%%s", t != NULL ? t : "NULL");
  return NULL;
}

int main(void) {
  pthread_t threads[%(n)d];
  curl_global_init(CURL_GLOBAL_DEFAULT);
  for (int i = 0; i < %(n)d; i++) pthread_create(&threads[i], NULL, ask, answers[i]);
  for (int i = 0; i < %(n)d; i++) pthread_join(threads[i], NULL);
  for (int i = 0; i < %(n)d; i++) printf("%%s\n", answers[i]);
  return 0;
}
""" % {"n": CONCURRENT}


JAVA_CONCURRENT = """
public class ConcurrentCheck {
  public static void main(String[] args) throws Exception {
    String[] answers = new String[%(n)d];
    Thread[] threads = new Thread[%(n)d];
    for (int i = 0; i < threads.length; i++) {
      final int slot = i;
      threads[i] = new Thread(() -> answers[slot] = ZohoOAuth.accessToken("https://accounts.zoho.com"));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (String a : answers) {
      System.out.println(a);
    }
  }
}
""" % {"n": CONCURRENT}


def concurrent_command(lang, folder, work):
    """A command that asks the helper in `folder` for a token from CONCURRENT callers at once and
    prints each answer on a line."""
    n = CONCURRENT
    if lang == "python":
        return [sys.executable, "-c",
                "import sys, threading\n"
                "sys.path.insert(0, %r)\n"
                "import zoho_oauth\n"
                "out = []\n"
                "ts = [threading.Thread(target=lambda: out.append(zoho_oauth.access_token())) for _ in range(%d)]\n"
                "[t.start() for t in ts]\n"
                "[t.join() for t in ts]\n"
                "print('\\n'.join(out))\n" % (folder, n)]
    if lang == "javascript":
        return ["node", "-e",
                "const { zohoAccessToken } = require(%r);\n"
                "Promise.all(Array.from({ length: %d }, () => zohoAccessToken()))"
                ".then((t) => console.log(t.join('\\n')));\n" % (os.path.join(folder, "zohoOAuth.cjs"), n)]
    if lang == "php":
        return ["php", "-r", "require %r; for ($i = 0; $i < %d; $i++) echo zoho_oauth_access_token(), \"\\n\";"
                % (os.path.join(folder, "ZohoOAuth.php"), n)]
    if lang == "ruby":
        return ["ruby", "-e", "require_relative %r\n"
                "puts %d.times.map { Thread.new { ZohoOAuth.access_token } }.map(&:value)\n"
                % (os.path.join(folder, "zoho_oauth"), n)]
    if lang == "bash":
        return ["bash", "-c", ". %s/zoho_oauth.sh\n"
                "for i in $(seq %d); do zoho_oauth_access_token > %s/answer.$i & done\nwait\n"
                "cat %s/answer.*\n" % (folder, n, work, work)]
    if lang == "java":
        source = os.path.join(work, "ConcurrentCheck.java")
        with open(source, "w") as f:
            f.write(JAVA_CONCURRENT)
        classes = os.path.join(work, "concurrent-classes")
        subprocess.run(["javac", "-d", classes, source, os.path.join(folder, "ZohoOAuth.java")],
                       check=True, capture_output=True)
        return ["java", "-cp", classes, "ConcurrentCheck"]
    if lang == "typescript":  # the helper the program's build compiled (tsc is slow to start)
        return ["node", "-e",
                "const { zohoAccessToken } = require(%r);\n"
                "Promise.all(Array.from({ length: %d }, () => zohoAccessToken()))"
                ".then((t) => console.log(t.join('\\n')));\n" % (os.path.join(folder, "out", "zohoOAuth.js"), n)]
    if lang in ("csharp", "go"):
        return compiled_concurrent_command(lang, folder, work)
    source = os.path.join(work, "concurrent.c")
    with open(source, "w") as f:
        f.write(C_CONCURRENT)
    binary = os.path.join(work, "concurrent")
    subprocess.run(COMPILERS[lang] + ["-I", folder, "-o", binary, source, "-lcurl", "-lpthread"],
                   check=True, capture_output=True)
    return [binary]


CS_CONCURRENT = """
using System;
using System.Threading;

public static class ConcurrentCheck
{
    public static void Main()
    {
        var answers = new string[%(n)d];
        var threads = new Thread[%(n)d];
        for (int i = 0; i < threads.Length; i++)
        {
            int slot = i;
            threads[i] = new Thread(() => answers[slot] = ZohoOAuth.AccessToken("https://accounts.zoho.com"));
            threads[i].Start();
        }
        foreach (Thread t in threads)
        {
            t.Join();
        }
        Console.WriteLine(string.Join("\\n", answers));
    }
}
""" % {"n": CONCURRENT}

GO_CONCURRENT = """package main

import (
	"fmt"
	"sync"
)

func main() {
	answers := make([]string, %(n)d)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func(slot int) {
			defer wg.Done()
			answers[slot] = zohoAccessToken("https://accounts.zoho.com")
		}(i)
	}
	wg.Wait()
	for _, a := range answers {
		fmt.Println(a)
	}
}
""" % {"n": CONCURRENT}

def compile_env():
    """The environment of a compiler: Go needs a build cache even where HOME is not set."""
    env = dict(os.environ)
    if not env.get("HOME") and not env.get("GOCACHE"):
        env["GOCACHE"] = os.path.join(tempfile.gettempdir(), "authshift-e2e-go-cache")
    return env


def compiled_concurrent_command(lang, folder, work):
    """CONCURRENT callers of the C# or Go helper in `folder`: a small program compiled with a copy
    of the helper in a folder of its own."""
    program, helper, _ = LANGUAGES[lang]
    where = os.path.join(work, "concurrent")
    os.mkdir(where)
    shutil.copy(os.path.join(folder, helper), where)
    name, text = {"csharp": ("ConcurrentCheck.cs", CS_CONCURRENT), "go": ("concurrent.go", GO_CONCURRENT)}[lang]
    with open(os.path.join(where, name), "w") as f:
        f.write(text)
    out = os.path.join(where, {"csharp": "concurrent.exe", "go": "concurrent"}[lang])
    sources = [os.path.join(where, name), os.path.join(where, helper)]
    subprocess.run(compile_command(lang, where, sources, out), check=True, capture_output=True, env=compile_env())
    return {"csharp": ["mono", out], "go": [out]}[lang]


class FakeZoho:
    """The accounts server and the CRM API, in one http.server on a free port of 127.0.0.1."""

    def __init__(self):
        self.client_id = "1000." + secrets.token_hex(12).upper()
        self.client_secret = secrets.token_hex(20)
        self.refresh_token = "1000." + secrets.token_hex(16) + "." + secrets.token_hex(16)
        self.lock = threading.Lock()
        self.tokens = {}  # access token -> expiry (time.monotonic())
        self.revoked = set()
        self.grants = []  # time.monotonic() of each refresh grant answered with a token
        self.log = []  # (path, outcome) of every API request
        self.requests = 0
        self.retired_calls = []  # paths of requests to the retired Authtoken API
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def params(self):
                url = urllib.parse.urlsplit(self.path)
                found = dict(urllib.parse.parse_qsl(url.query))
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    found.update(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                return url.path, found

            def answer_text(self, status, text):
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/plain;charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def retired(self, path):
                """The retired Authtoken API: generation and deletion answer an error (in its
                `KEY=value` text) and issue nothing."""
                with fake.lock:
                    fake.retired_calls.append(path)
                return self.answer_text(400, "#\nCAUSE=AUTHTOKEN_API_RETIRED\nRESULT=FALSE\n")

            def do_POST(self):
                if not fake.count():
                    return self.answer(503, {"error": "the fake's request budget is spent"})
                path, p = self.params()
                if path.startswith("/apiauthtoken/"):
                    return self.retired(path)
                if path == "/oauth/v2/token":
                    return self.answer(*fake.grant(p))
                if path == "/oauth/v2/token/revoke":
                    return self.answer(*fake.revoke(p.get("token", "")))
                return self.answer(404, {"error": "not found"})

            def do_GET(self):
                if not fake.count():
                    return self.answer(503, {"error": "the fake's request budget is spent"})
                path, p = self.params()
                if path.startswith("/apiauthtoken/"):
                    return self.retired(path)
                if not path.startswith("/crm/v2/Leads"):
                    return self.answer(404, {"error": "not found"})
                return self.answer(*fake.api(p, self.headers.get("Authorization", "")))

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.deadline = threading.Timer(MAX_SECONDS, self.server.shutdown)

    def __enter__(self):
        self.thread.start()
        self.deadline.start()
        return self

    def __exit__(self, *exc):
        self.deadline.cancel()
        self.server.shutdown()
        self.server.server_close()

    def count(self):
        with self.lock:
            self.requests += 1
            return self.requests <= MAX_REQUESTS

    def grant(self, p):
        with self.lock:
            if p.get("grant_type") != "refresh_token":
                return 200, {"error": "unsupported_grant_type"}
            if p.get("client_id") != self.client_id or p.get("client_secret") != self.client_secret:
                return 200, {"error": "invalid_client"}
            if p.get("refresh_token") != self.refresh_token or self.refresh_token in self.revoked:
                return 200, {"error": "invalid_code"}
            token = "1000." + secrets.token_hex(16) + "." + secrets.token_hex(16)
            self.tokens[token] = time.monotonic() + LIFETIME
            self.grants.append(time.monotonic())
            return 200, {"access_token": token, "api_domain": self.url, "token_type": "Bearer",
                         "expires_in": int(LIFETIME)}

    def revoke(self, token):
        with self.lock:
            if token != self.refresh_token and token not in self.tokens:
                return 400, {"error": "invalid_token"}
            self.revoked.add(token)
            self.tokens.pop(token, None)
            return 200, {"status": "success"}

    def api(self, p, authorization):
        with self.lock:
            if "authtoken" in {k.lower() for k in p}:
                outcome, status = "authtoken", 401
            elif authorization.lower().startswith("zoho-authtoken"):
                outcome, status = "authtoken", 401
            elif not authorization.startswith("Zoho-oauthtoken "):
                outcome, status = "no token", 401
            else:
                expiry = self.tokens.get(authorization[len("Zoho-oauthtoken "):])
                if expiry is None:
                    outcome, status = "unknown token", 401
                elif time.monotonic() >= expiry:
                    outcome, status = "expired token", 401
                else:
                    outcome, status = "ok", 200
            self.log.append(outcome)
        if status != 200:
            return status, {"code": "INVALID_TOKEN", "details": {}, "message": "invalid oauth token",
                            "status": "error"}
        page = p.get("page", "1")
        return 200, {"data": [{"Last_Name": "Lead-%s-%d" % (page, i)} for i in (1, 2)],
                     "info": {"page": int(page), "more_records": True}}

    def take_log(self):
        with self.lock:
            log, self.log = self.log, []
            grants, self.grants = self.grants, []
            return log, grants


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def snapshot(folder):
    return {name: read(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            if os.path.isfile(os.path.join(folder, name))}


def run_test(authshift, lang, work):
    """Runs the checks; returns why the program cannot be run here (the fix was checked), or None."""
    program, helper, command = LANGUAGES[lang]
    source_dir = os.path.join(HERE, "programs", lang)
    orig = os.path.join(work, "orig")  # the Authtoken program, run as it is
    copy = os.path.join(work, "app")  # the copy that is fixed
    for folder in (orig, copy):
        os.mkdir(folder)
        shutil.copy(os.path.join(source_dir, program), folder)
    outputs = []  # everything printed, checked for secrets at the end

    def run(cmd, env=None, timeout=60):
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
        outputs.append(proc.stdout + proc.stderr)
        return proc

    def build(folder):
        if lang in COMPILERS:
            proc = run(COMPILERS[lang] + ["-o", os.path.join(folder, "sync_leads"),
                                          os.path.join(folder, program), "-lcurl", "-lpthread"])
            check(proc.returncode == 0, "the %s program does not compile:\n%s" % (lang, proc.stderr))
        if lang == "java":
            sources = [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(".java")]
            proc = run(["javac", "-d", os.path.join(folder, "classes")] + sources)
            check(proc.returncode == 0, "the Java program does not compile:\n" + proc.stderr)
        ext = os.path.splitext(program)[1]
        sources = [os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.endswith(ext)]
        out = {"csharp": "SyncLeads.exe", "go": "sync_leads", "typescript": "out"}.get(lang)
        if out:
            proc = run(compile_command(lang, folder, sources, os.path.join(folder, out)), compile_env())
            check(proc.returncode == 0, "the %s program does not compile:\n%s%s" % (lang, proc.stdout, proc.stderr))

    # 1. The fix (no runtime needed): the expected file, the helper added beside it, nothing else.
    proc = run([authshift, "fix", "--no-color", "--token-source", "refresh", copy])
    check(proc.returncode in (0, 1), "authshift fix failed (%d):\n%s" % (proc.returncode, proc.stderr))
    check(helper + ": added" in proc.stdout, "the fix summary does not name the helper:\n" + proc.stdout)
    fixed = snapshot(copy)
    check(fixed.get(program) == read(os.path.join(source_dir, program + ".fixed")),
          "the fixed %s differs from programs/%s/%s.fixed:\n%s" %
          (program, lang, program, fixed.get(program, b"").decode()))
    # The Go helper belongs to the program's package.
    package = b"package main\n\n" if lang == "go" else b""
    check(fixed.get(helper) == package + read(os.path.join(HELPERS, helper + ".txt")),
          "the added %s differs from rewriters/oauth/helpers/%s.txt" % (helper, helper))
    check(set(fixed) == {program, helper}, "unexpected files after the fix: %s" % sorted(fixed))

    # 2. Fixing again changes nothing (the helper is reused, its import not repeated).
    run([authshift, "fix", "--no-color", "--token-source", "refresh", copy])
    check(snapshot(copy) == fixed, "a second fix changed the files")

    why = missing_runtime(lang)
    if why:
        return why

    with FakeZoho() as fake:
        env = dict(os.environ)
        env.update({"ZOHO_API_BASE": fake.url, "ZOHO_ACCOUNTS_URL": fake.url,
                    "ZOHO_AUTHTOKEN": secrets.token_hex(16), "SYNC_PAGES": str(PAGES),
                    "SYNC_PAUSE": str(PAUSE), "ZOHO_OAUTH_CACHE": os.path.join(work, "token-cache"),
                    "ZOHO_CLIENT_ID": fake.client_id, "ZOHO_CLIENT_SECRET": fake.client_secret,
                    "ZOHO_REFRESH_TOKEN": fake.refresh_token})
        argv = [a.replace("{dir}", copy) for a in command]

        # 3. The Authtoken program: refused.
        build(orig)
        proc = run([a.replace("{dir}", orig) for a in command], env)
        log, grants = fake.take_log()
        check(proc.returncode != 0, "the Authtoken program succeeded against the fake:\n" + proc.stdout)
        check(log and set(log) == {"authtoken"}, "the fake did not see (only) Authtoken calls: %r" % log)
        check(not grants, "the Authtoken program asked for OAuth tokens")

        # 4. The fixed program reads every page across a token expiry: one grant per lifetime.
        build(copy)
        started = time.monotonic()
        proc = run(argv, env)
        log, grants = fake.take_log()
        check(proc.returncode == 0, "the fixed program failed (%d):\n%s%s" % (proc.returncode, proc.stdout,
                                                                              proc.stderr))
        check(log == ["ok"] * PAGES, "the fake's API log for the fixed program: %r" % log)
        for page in range(1, PAGES + 1):
            check("Lead-%d-1" % page in proc.stdout, "page %d missing from the output:\n%s" % (page, proc.stdout))
        check(len(grants) == 2, "expected 2 refresh grants (one per token lifetime over %d calls "
              "spanning %.1f s), saw %d" % (PAGES, (PAGES - 1) * PAUSE, len(grants)))
        check(grants[1] - grants[0] >= LIFETIME * 0.5,
              "the second grant came %.2f s after the first: before the token neared its expiry"
              % (grants[1] - grants[0]))
        print("%s: fixed program ran %d calls in %.1f s with %d grants" %
              (lang, PAGES, time.monotonic() - started, len(grants)))

        # 5. Concurrent callers of a fresh process share one refresh (threads where the language has
        # them; Bash: parallel subshells through the flock'd cache file; PHP: sequential calls).
        env["ZOHO_OAUTH_CACHE"] = os.path.join(work, "token-cache-concurrent")
        proc = run(concurrent_command(lang, copy, work), env)
        log, grants = fake.take_log()
        check(proc.returncode == 0, "the concurrent callers failed (%d):\n%s%s" % (proc.returncode, proc.stdout,
                                                                                  proc.stderr))
        tokens = proc.stdout.split()
        check(len(tokens) == CONCURRENT and len(set(tokens)) == 1,
              "%d concurrent callers did not all get one token: %d answers, %d distinct" %
              (CONCURRENT, len(tokens), len(set(tokens))))
        check(len(grants) == 1, "%d concurrent callers caused %d refresh grants, not 1" % (CONCURRENT, len(grants)))
        outputs[-1] = proc.stderr  # the access tokens themselves are the output here

        # 6. Refresh token revoked: the program fails and shows Zoho's error body.
        status, body = fake.revoke(fake.refresh_token)
        check(status == 200, "revocation failed: %r" % body)
        env["ZOHO_OAUTH_CACHE"] = os.path.join(work, "token-cache-2")
        env["SYNC_PAGES"] = "1"
        proc = run(argv, env)
        log, grants = fake.take_log()
        check(proc.returncode != 0, "the fixed program succeeded with a revoked refresh token")
        check("invalid_code" in proc.stdout + proc.stderr,
              "Zoho's error body (invalid_code) is not reported:\n" + proc.stderr)
        check("ok" not in log and not grants, "the revoked refresh token still gave access")

        for text in outputs:
            for secret in (fake.client_secret, fake.refresh_token, env["ZOHO_AUTHTOKEN"]):
                check(secret not in text, "a secret was printed:\n" + text.replace(secret, "<SECRET>"))
    return None


def build_lifecycle(run, lang, where, program):
    """Compiles a generation or revocation program of a compiled language in `where` (the fixed copy
    with the helper beside it) into what LIFECYCLE runs."""
    sources = [os.path.join(where, f) for f in sorted(os.listdir(where))
               if os.path.splitext(f)[1] == os.path.splitext(program)[1]]
    stem = os.path.splitext(program)[0]
    if lang == "java":
        cmd = ["javac", "-d", os.path.join(where, "classes")] + sources
    elif lang in COMPILERS:  # C, C++: the program with the helper header beside it, against libcurl
        cmd = COMPILERS[lang] + ["-I", where, "-o", os.path.join(where, stem)] + sources + ["-lcurl", "-lpthread"]
    elif lang in ("csharp", "go", "typescript"):  # TypeScript: tsc writes out/*.js
        out = os.path.join(where, {"csharp": stem + ".exe", "go": stem, "typescript": "out"}[lang])
        cmd = compile_command(lang, where, sources, out)
    elif lang in COMPILERS:
        cmd = COMPILERS[lang] + ["-Werror", "-o", os.path.join(where, stem)] + sources + ["-lcurl"]
    else:
        return
    proc = run(cmd, compile_env())
    check(proc.returncode == 0, "the %s program does not compile:\n%s%s" % (lang, proc.stdout, proc.stderr))


def run_lifecycle_test(authshift, case, work):
    """A generation or revocation program: refused as it is, fixed into its .fixed file (plus the
    helper), then it succeeds against the fake. Returns why it cannot run here, or None."""
    folder, program, helper, command = LIFECYCLE[case]
    source_dir = os.path.join(HERE, "programs", folder)
    orig = os.path.join(work, "orig")
    copy = os.path.join(work, "app")
    for where in (orig, copy):
        os.mkdir(where)
        shutil.copy(os.path.join(source_dir, program), where)
    outputs = []

    def run(cmd, env=None, record=True):
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, check=False)
        if record:  # the original program's own error messages may quote its Authtoken
            outputs.append(proc.stdout + proc.stderr)
        return proc

    proc = run([authshift, "fix", "--no-color", "--token-source", "refresh", copy])
    check(proc.returncode in (0, 1), "authshift fix failed (%d):\n%s" % (proc.returncode, proc.stderr))
    rule = "zoho-authtoken-" + case.split("-")[0]
    check("fixed: [%s]" % rule in proc.stdout, "the %s finding was not fixed:\n%s" % (rule, proc.stdout))
    fixed = snapshot(copy)
    check(fixed.get(program) == read(os.path.join(source_dir, program + ".fixed")),
          "the fixed %s differs from programs/%s/%s.fixed:\n%s" %
          (program, folder, program, fixed.get(program, b"").decode()))
    expected = {program} | ({helper} if helper else set())
    check(set(fixed) == expected, "unexpected files after the fix: %s" % sorted(fixed))
    if helper:
        package = b"package main\n\n" if program.endswith(".go") else b""
        check(fixed[helper] == package + read(os.path.join(HELPERS, helper + ".txt")),
              "the added %s differs from rewriters/oauth/helpers/%s.txt" % (helper, helper))
    run([authshift, "fix", "--no-color", "--token-source", "refresh", copy])
    check(snapshot(copy) == fixed, "a second fix changed the files")

    why = missing_runtime(case.split("-", 1)[1])
    if why:
        return why

    with FakeZoho() as fake:
        env = dict(os.environ)
        env.update({"ZOHO_API_BASE": fake.url, "ZOHO_ACCOUNTS_BASE": fake.url, "ZOHO_ACCOUNTS_URL": fake.url,
                    "ZOHO_EMAIL": "sales-ops@example.com", "ZOHO_PASSWORD": secrets.token_hex(12),
                    "ZOHO_AUTHTOKEN": secrets.token_hex(16), "ZOHO_OAUTH_CACHE": os.path.join(work, "cache"),
                    "ZOHO_CLIENT_ID": fake.client_id, "ZOHO_CLIENT_SECRET": fake.client_secret,
                    "ZOHO_REFRESH_TOKEN": fake.refresh_token})

        for where in (orig, copy):
            build_lifecycle(run, case.split("-", 1)[1], where, program)

        # The original: the retired endpoint answers an error, nothing is read, nothing revoked.
        proc = run([a.replace("{dir}", orig) for a in command], env, record=False)
        log, grants = fake.take_log()
        check(proc.returncode != 0, "the Authtoken program succeeded against the fake")
        check(fake.retired_calls, "the original program did not call the retired Authtoken API")
        check("ok" not in log and not grants and not fake.revoked, "the original program got OAuth access")
        retired = len(fake.retired_calls)

        # The fixed program: no retired call; it reads the leads with one grant, or revokes.
        proc = run([a.replace("{dir}", copy) for a in command], env)
        log, grants = fake.take_log()
        check(proc.returncode == 0, "the fixed program failed (%d):\n%s%s" % (proc.returncode, proc.stdout, proc.stderr))
        check(len(fake.retired_calls) == retired, "the fixed program still calls %s" % fake.retired_calls[retired:])
        if case.startswith("generation"):
            check(log == ["ok"] and len(grants) == 1,
                  "the fixed program's API log %r with %d grants (expected one ok call, one grant)" % (log, len(grants)))
            check("Lead-1-1" in proc.stdout, "the leads are missing from the output:\n" + proc.stdout)
        else:
            check(fake.refresh_token in fake.revoked, "the fake recorded no revocation of the refresh token")
            check("disconnected" in proc.stdout, "the program did not finish:\n" + proc.stdout)
        print("%s: the fixed program ran against the fake" % case)

        for text in outputs:
            for secret in (fake.client_secret, fake.refresh_token, env["ZOHO_AUTHTOKEN"], env["ZOHO_PASSWORD"]):
                check(secret not in text, "a secret was printed:\n" + text.replace(secret, "<SECRET>"))
    return None


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in list(LANGUAGES) + list(LIFECYCLE):
        print("usage: refresh_e2e.py AUTHSHIFT {%s}" % ",".join(list(LANGUAGES) + list(LIFECYCLE)), file=sys.stderr)
        return 2
    authshift, lang = sys.argv[1], sys.argv[2]
    work = tempfile.mkdtemp(prefix="authshift-refresh-")
    try:
        if lang in LIFECYCLE:
            why = run_lifecycle_test(os.path.abspath(authshift), lang, work)
        else:
            why = run_test(os.path.abspath(authshift), lang, work)
    except Failure as failure:
        print("FAIL (%s): %s" % (lang, failure), file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if why:
        print("skipped (the fix itself was checked): " + why)
        return 77
    print("%s: ok" % lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
