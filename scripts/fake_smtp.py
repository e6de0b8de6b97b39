"""A mail server on 127.0.0.1 for tests and `make loadtest`: it works, or it hangs.

Working, it speaks just enough SMTP for Django's SMTP backend (EHLO/HELO, MAIL, RCPT, DATA,
RSET, NOOP, QUIT; no TLS, no AUTH) and keeps every message it received. Hanging, it accepts
connections and never says a word: the failure that once froze the site's requests.
Switch with `server.hanging = True/False`; connections already held stay silent.
"""

import socket
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def handle(self):
        server = self.server
        with server.lock:
            server.connections += 1
        if server.hanging:
            server.release.wait(self.timeout)  # accepted, never answered
            return
        self.reply("220 fake-smtp ready")
        sender, recipients = "", []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 fake-smtp")
            elif verb == "MAIL":
                sender, recipients = command[10:].strip(), []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command[8:].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                body = []
                for raw in iter(self.rfile.readline, b""):
                    if raw in (b".\r\n", b".\n"):
                        break
                    body.append(raw[1:] if raw.startswith(b"..") else raw)
                with server.lock:
                    server.messages.append(
                        {"from": sender, "to": recipients, "data": b"".join(body).decode()}
                    )
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def reply(self, text):
        self.wfile.write(text.encode("ascii") + b"\r\n")


class FakeSMTPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port=0, hanging=False):
        super().__init__(("127.0.0.1", port), _Handler)
        self.hanging = hanging
        self.connections = 0
        self.messages = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.thread = None

    @property
    def port(self):
        return self.server_address[1]

    def start(self):
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self):
        self.release.set()  # hanging connections end (closed without a word)
        self.shutdown()
        self.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def is_listening(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0
