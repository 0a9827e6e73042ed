"""A stand-in exporter for the Prometheus fault tests: serves the file given as text format 0.0.4
at every path (`GET /metrics`), read afresh on each request, so a test changes what Prometheus
scrapes by rewriting the file (a series absent) and stops the target by killing this process.

Usage: metrics_file_server.py PORT FILE [HOST]   (HOST: the loopback address to listen on, 127.0.0.1 by default)
"""
import http.server
import sys


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    host = sys.argv[3] if len(sys.argv) > 3 else "127.0.0.1"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            with open(path, "rb") as f:
                body = f.read()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    http.server.HTTPServer((host, port), Handler).serve_forever()


if __name__ == "__main__":
    main()
