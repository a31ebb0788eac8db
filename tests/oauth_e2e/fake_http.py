"""The fakes' shared HTTP handler: a JSON reply and no request log (imported by the e2e scripts
beside it)."""
import http.server


class JsonHandler(http.server.BaseHTTPRequestHandler):
    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass
