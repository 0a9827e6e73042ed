#!/usr/bin/env python3
"""Loopback stand-in for a Redfish service WITH authentication, used by the Redfish tests.

Why not sushy-static: sushy-static (sushy-tools 2.x) has no authentication at all (every GET
is answered, POST returns 204 without X-Auth-Token) and prints request headers, Authorization
included, to stdout. This stand-in serves the same mockup folder layout (re-reading the
index.json files on every GET) but requires HTTP basic auth or a Redfish session token.

Usage: auth_standin.py PORT MOCKUP_DIR USER EVENT_LOG
The password comes from the environment variable REDFISH_STANDIN_PASSWORD (never argv).
Session create/delete events are appended to EVENT_LOG, one word per line.
"""
import base64, json, os, secrets, sys
from http import server

PORT, MOCKUP, USER, EVENTS = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
PASSWORD = os.environ.get("REDFISH_STANDIN_PASSWORD", "")
TOKENS = {}
PREFIX = "/redfish/v1"


def log_event(word):
    with open(EVENTS, "a") as f:
        f.write(word + "\n")


class Handler(server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep quiet: headers may carry credentials
        pass

    def authorised(self):
        token = self.headers.get("X-Auth-Token")
        if token and token in TOKENS.values():
            return True
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Basic "):
            try:
                user, _, pw = base64.b64decode(auth[6:]).decode().partition(":")
            except Exception:
                return False
            return user == USER and pw == PASSWORD
        return False

    def reply(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.rstrip("/")
        if path != PREFIX and not self.authorised():  # the service root is public, as in DSP0266
            return self.reply(401, b'{"error": "unauthorized"}', {"WWW-Authenticate": 'Basic realm="BMC"'})
        rel = path[len(PREFIX):].lstrip("/")
        f = os.path.join(MOCKUP, rel, "index.json")
        if not path.startswith(PREFIX) or not os.path.exists(f):
            return self.reply(404)
        with open(f, "rb") as fh:
            self.reply(200, fh.read(), {"Content-Type": "application/json"})

    def do_POST(self):
        if self.path.rstrip("/") != PREFIX + "/SessionService/Sessions":
            return self.reply(405)
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if body.get("UserName") != USER or body.get("Password") != PASSWORD:
            log_event("login-refused")
            return self.reply(401, b'{"error": "bad credentials"}')
        sid = str(len(TOKENS) + 1)
        TOKENS[sid] = secrets.token_hex(16)
        log_event("session-created")
        loc = PREFIX + "/SessionService/Sessions/" + sid
        self.reply(201, json.dumps({"@odata.id": loc, "Id": sid, "UserName": USER}).encode(),
                   {"X-Auth-Token": TOKENS[sid], "Location": loc, "Content-Type": "application/json"})

    def do_DELETE(self):
        sid = self.path.rstrip("/").rsplit("/", 1)[-1]
        if not self.authorised() or sid not in TOKENS:
            return self.reply(401)
        del TOKENS[sid]
        log_event("session-deleted")
        self.reply(204)


server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
