#!/usr/bin/env python3
"""The emptied-map fix runs: a Python (urllib, urlencode) and a Node (request-style https.get,
querystring) program that sent the Authtoken as an encoded query string joined onto the URL are
fixed by `authshift fix`, then run against a fake Zoho on 127.0.0.1 that answers only a request
with `Authorization: Zoho-oauthtoken <token>` and no `authtoken` query parameter.

Usage: encoded_query_e2e.py AUTHSHIFT
"""
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse

from fake_http import JsonHandler

TOKEN = "1000.0123456789abcdef0123456789abcdef.0123456789abcdef0123456789abcdef"

PYTHON = '''import json
import os
import sys
import urllib.parse
import urllib.request

base = sys.argv[1]
token = os.environ.get("ZOHO_TOKEN", "")
params = {"authtoken": token}
query_string = urllib.parse.urlencode(params)
url = base + "?" + query_string
with urllib.request.urlopen(url) as resp:
    print(json.loads(resp.read())["portals"])
'''

NODE = '''const http = require('http');
const querystring = require('querystring');

function get(base, token, done) {
  const query = { authtoken: token };
  const qs = querystring.stringify(query);
  http.get(base + '?' + qs, (res) => {
    let body = '';
    res.on('data', (c) => { body += c; });
    res.on('end', () => done(res.statusCode, body));
  });
}

get(process.argv[2], process.env.ZOHO_TOKEN, (status, body) => {
  if (status !== 200) process.exit(1);
  console.log(JSON.parse(body).portals);
});
'''


class Fake(JsonHandler):
    seen = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        ok = self.headers.get("Authorization") == "Zoho-oauthtoken " + TOKEN and "authtoken" not in query
        Fake.seen.append(ok)
        body = b'{"portals": "ok"}' if ok else b'{"code": 57, "message": "authtoken refused"}'
        self.reply(200 if ok else 401, body)


def main():
    authshift = sys.argv[1]
    node = shutil.which("node")
    server = http.server.HTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d/restapi/portals/" % server.server_port
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "portals.py"), "w") as f:
            f.write(PYTHON)
        with open(os.path.join(d, "portals.js"), "w") as f:
            f.write(NODE)
        env = dict(os.environ, ZOHO_OAUTH_TOKEN=TOKEN, ZOHO_TOKEN=TOKEN)
        runs = [[sys.executable, os.path.join(d, "portals.py"), base]]
        if node:
            runs.append([node, os.path.join(d, "portals.js"), base])
        for cmd in runs:  # the Authtoken programs are refused
            if subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60).returncode == 0:
                print("FAIL: the fake answered the unfixed %s" % os.path.basename(cmd[1]))
                return 1
        Fake.seen.clear()
        fix = subprocess.run([authshift, "fix", "--no-color", "--no-git", d], capture_output=True, text=True)
        print(fix.stdout + fix.stderr)
        if "2 fixed in 2 files" not in fix.stdout:
            print("FAIL: both programs must be fixed")
            return 1
        for cmd in runs:
            r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
            if r.returncode != 0 or r.stdout.strip() != "ok":
                print("FAIL: %s: rc %d\n%s%s" % (os.path.basename(cmd[1]), r.returncode, r.stdout, r.stderr))
                return 1
    server.shutdown()
    if len(Fake.seen) != len(runs) or not all(Fake.seen):
        print("FAIL: the fake saw %s" % Fake.seen)
        return 1
    print("ok: %d fixed programs sent the OAuth header%s" % (len(runs), "" if node else " (node not installed)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
