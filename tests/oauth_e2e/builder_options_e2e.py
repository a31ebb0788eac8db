#!/usr/bin/env python3
"""The fixed request-options builder runs: fixtures/rules/authtoken-zoho-key/reports_options_builder.js
(npm request options built by one method, sent by the others) is fixed by `authshift fix`, then its
insert() and remove() run against a fake Zoho Analytics on 127.0.0.1 that answers only a request
with `Authorization: Zoho-oauthtoken <token>` and no `authtoken` query parameter. underscore and
request are not installed here: two small stand-ins (the calls the fixture makes, with those
libraries' argument semantics: request(options, callback) with url, method, qs, form, headers)
go into the temporary directory's node_modules. Skipped (77) without node.

Usage: builder_options_e2e.py AUTHSHIFT FIXTURE
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

UNDERSCORE = '''exports.defaults = (o, ...srcs) => {
  for (const s of srcs) for (const k of Object.keys(s || {})) if (o[k] === undefined) o[k] = s[k];
  return o;
};
exports.extend = (o, ...srcs) => Object.assign(o, ...srcs);
exports.pick = (o, ...names) => {
  const out = {};
  for (const k of names.flat()) if (k in o) out[k] = o[k];
  return out;
};
'''

REQUEST = '''const http = require('http');
const querystring = require('querystring');
module.exports = function request(opts, cb) {
  const u = new URL(opts.url);
  for (const [k, v] of Object.entries(opts.qs || {})) u.searchParams.append(k, String(v));
  const body = opts.form ? querystring.stringify(opts.form) : '';
  const headers = Object.assign({'Content-Type': 'application/x-www-form-urlencoded'}, opts.headers || {});
  const req = http.request(u, {method: opts.method || 'GET', headers}, (res) => {
    let data = '';
    res.on('data', (c) => { data += c; });
    res.on('end', () => cb(null, res, data));
  });
  req.on('error', (e) => cb(e));
  req.end(body);
};
'''

MAIN = '''const Client = require('./reports_options_builder.js');
const c = new Client({url: process.argv[2], owner: 'o', workspace: 'w', authtoken: process.env.ZOHO_TOKEN});
c.insert('Sales', {Region: 'East'}, (err, result) => {
  if (err) { console.log('insert: ' + JSON.stringify(err)); process.exit(1); }
  c.remove('Sales', "Region = 'East'", (err2) => {
    if (err2) { console.log('remove: ' + JSON.stringify(err2)); process.exit(1); }
    console.log(result);
  });
});
'''


class Fake(JsonHandler):
    seen = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        ok = (self.headers.get("Authorization") == "Zoho-oauthtoken " + TOKEN and "authtoken" not in query
              and query.get("ZOHO_ACTION", [""])[0] in ("ADDROW", "DELETE"))
        Fake.seen.append(ok)
        if ok:
            body = b'{"response": {"result": "ok"}}'
        else:
            body = b'{"response": {"error": {"code": 7103, "message": "authtoken refused"}}}'
        self.reply(200 if ok else 400, body)


def main():
    authshift, fixture = sys.argv[1], sys.argv[2]
    node = shutil.which("node")
    if not node:
        print("skipped: node is not installed")
        return 77
    server = http.server.HTTPServer(("127.0.0.1", 0), Fake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = "http://127.0.0.1:%d/api" % server.server_port
    env = dict(os.environ, ZOHO_TOKEN=TOKEN)
    with tempfile.TemporaryDirectory() as d:
        shutil.copy(fixture, os.path.join(d, "reports_options_builder.js"))
        for name, text in (("underscore", UNDERSCORE), ("request", REQUEST)):
            os.makedirs(os.path.join(d, "node_modules", name))
            with open(os.path.join(d, "node_modules", name, "index.js"), "w") as f:
                f.write(text)
        with open(os.path.join(d, "main.js"), "w") as f:
            f.write(MAIN)
        cmd = [node, os.path.join(d, "main.js"), base]
        if subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60).returncode == 0:
            print("FAIL: the fake answered the unfixed client")
            return 1
        Fake.seen.clear()
        fix = subprocess.run([authshift, "fix", "--no-color", "--no-git", os.path.join(d, "reports_options_builder.js")],
                             capture_output=True, text=True)
        print(fix.stdout + fix.stderr)
        if "1 fixed in 1 file" not in fix.stdout:
            print("FAIL: the client must be fixed")
            return 1
        r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        if r.returncode != 0 or r.stdout.strip() != "ok":
            print("FAIL: rc %d\n%s%s" % (r.returncode, r.stdout, r.stderr))
            return 1
    server.shutdown()
    if Fake.seen != [True, True]:
        print("FAIL: the fake saw %s" % Fake.seen)
        return 1
    print("ok: insert() and remove() sent the OAuth header and no authtoken parameter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
