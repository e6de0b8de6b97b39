"""Real sockets standing for a cache in front of the site: one that never answers, one that
records each BAN it is sent."""

import contextlib
import http.server
import socket
import threading


class SilentListener:
    """Accepts connections (the kernel completes them) and never answers a byte."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"

    def connections(self):
        """How many connections arrived since the last call (they are taken and closed)."""
        count = 0
        self.sock.setblocking(False)
        while True:
            try:
                conn, _address = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1

    def close(self):
        self.sock.close()


class _BanHandler(http.server.BaseHTTPRequestHandler):
    def do_BAN(self):
        self.server.bans.append(self.headers["X-Ban-Surrogate-Key"])
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def ban_recorder():
    """An HTTP server on a free port that answers BAN; yields it (`.url`, `.bans`)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BanHandler)
    server.bans = []
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
