"""Two stalled uploads against gunicorn alone, then through the shipped nginx config.

Each stalled upload is a connection that announces a comment post with a 100 kB body and never
sends it. With gunicorn's two sync workers alone, both workers wait on those bodies and a reader
gets no answer; with deploy/nginx.conf in front, nginx waits for the bodies and the reader is
answered at once. Loopback only; every process is stopped at the end.

    python -m scripts.stalled_uploads [--port N]     (make stalled-uploads; N=0: the OS's)
"""

import argparse
import contextlib
import http.client
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts import servers
from scripts.demo_server import ROOT, demo_server

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STALLED = 2
PATIENCE = 5.0  # seconds a reader waits before we call the site offline


def nginx_config(listen_port, app_port, prefix):
    """deploy/nginx.conf with this machine's paths and ports, inside a minimal nginx.conf."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen_port};")
    site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
    site = site.replace("/srv/newsroom/media/", f"{prefix}/media/")
    site = site.replace("/srv/newsroom/staticfiles/", f"{ROOT}/staticfiles/")
    temp_paths = "\n".join(
        f"    {kind}_temp_path {prefix}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
{temp_paths}
{site}
}}
"""


@contextlib.contextmanager
def nginx_in_front(app_port):
    """nginx with the shipped site config on a loopback port the OS assigns; yields (port,
    media dir)."""
    with (
        tempfile.TemporaryDirectory(prefix="newsroom-nginx-") as prefix,
        servers.reserve_port() as reservation,
    ):
        port = reservation.port
        Path(prefix).chmod(0o755)  # nginx's workers drop root for an unprivileged user
        (Path(prefix) / "media").mkdir(mode=0o755)
        config = Path(prefix) / "nginx.conf"
        config.write_text(nginx_config(port, app_port, prefix))
        subprocess.run([NGINX, "-t", "-q", "-p", prefix, "-c", str(config)], check=True)
        command = [NGINX, "-p", prefix, "-c", str(config), "-g", "daemon off;"]
        with servers.running(command, port, seconds=10):
            yield port, Path(prefix) / "media"


def stall(port):
    """A connection that announces a comment body and never sends it."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(
        b"POST /comments/post/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\n"
        b"name=Lambat"
    )
    return sock


def reader(port, path="/"):
    """(status, seconds) of a reader's GET, or (None, seconds) when nothing came in time."""
    start = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=PATIENCE)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        status = connection.getresponse().status
    except (TimeoutError, OSError):
        status = None
    finally:
        connection.close()
    return status, time.monotonic() - start


def under_stall(port):
    sockets = [stall(port) for _ in range(STALLED)]
    time.sleep(0.5)  # let the server hand them to its workers
    try:
        return reader(port)
    finally:
        for sock in sockets:
            sock.close()


def describe(label, result):
    status, seconds = result
    answer = f"HTTP {status} in {seconds:.2f} s" if status else f"no answer in {PATIENCE:.0f} s"
    return f"{label}: a reader's GET / with {STALLED} stalled uploads open: {answer}"


def measure(port=0, baseline=True):
    """{"gunicorn": (status, s), "nginx": (status, s), "media": status, "static": status}.

    gunicorn on `port` (0: one the OS assigns). Without `baseline`, only the nginx
    measurements (what the test suite checks).
    """
    results = {}
    with demo_server(port) as base_url:
        app_port = int(re.search(r":(\d+)$", base_url)[1])
        if baseline:
            results["gunicorn"] = under_stall(app_port)
            # Let gunicorn's timeout recycle the blocked workers before the second measurement.
            deadline = time.monotonic() + 60
            while reader(app_port)[0] != 200 and time.monotonic() < deadline:
                time.sleep(1)
        with nginx_in_front(app_port) as (nginx_port, media):
            (media / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0 test")
            results["nginx"] = under_stall(nginx_port)
            print(f"nginx in front at http://127.0.0.1:{nginx_port}/", flush=True)
            results["media"] = reader(nginx_port, "/media/foto.jpg")[0]
            results["static"] = reader(nginx_port, "/static/css/site.css")[0]
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--port", type=int, default=0, help="gunicorn's loopback port (0: one the OS assigns)"
    )
    args = parser.parse_args()
    results = measure(args.port)
    print(describe("gunicorn alone (2 sync workers)", results["gunicorn"]))
    print(describe("nginx in front (deploy/nginx.conf)", results["nginx"]))
    print(f"nginx serves /media/: HTTP {results['media']}; /static/: HTTP {results['static']}")
    ok = results["nginx"][0] == 200 and results["media"] == 200 and results["static"] == 200
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
