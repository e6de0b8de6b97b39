"""A production-like Newsroom with the demo content on 127.0.0.1, for Lighthouse and screenshots.

Production settings (DEBUG off), static files collected and served by WhiteNoise, gunicorn as
the WSGI server, a throwaway SQLite database: what a reader's browser would meet, minus TLS.
"""

import contextlib
import os
import runpy
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts import servers

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# The seed article's address, from the demo content (read as a file: the package needs Django).
SEED_PATH = runpy.run_path(str(ROOT / "articles" / "demo" / "content.py"))["SEED_PATH"]


def production_env(tmp, **overrides):
    """The environment of a production-like site whose database and media live in `tmp`."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
        "MEDIA_ROOT": f"{tmp}/media",
        "PAGE_CACHE_DIR": f"{tmp}/pagecache",
        "SERVE_MEDIA": "1",  # the demo pictures, with no web server in front
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on the loopback: no redirect to https, no HSTS for 127.0.0.1.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "DEMO_EDITOR_PASSWORD": os.environ.get("DEMO_EDITOR_PASSWORD") or secrets.token_urlsafe(12),
        "LOG_LEVEL": "WARNING",
        **overrides,
    }


def manage(env, *args):
    subprocess.run(
        [BIN / "python", "manage.py", *args], cwd=ROOT, env=env, check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


@contextlib.contextmanager
def gunicorn_process(port, env, workers=2):
    """gunicorn serving the site with `env` at http://127.0.0.1:<port> (0: a port the OS
    assigns) from the moment it answers; yields (base URL, its master's Popen)."""
    with servers.on_port(port) as number:
        command = [
            BIN / "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{number}",
            "--workers", str(workers), "--log-level", "warning",
        ]  # fmt: skip
        base_url = f"http://127.0.0.1:{number}"
        with servers.running(command, base_url + "/", cwd=ROOT, env=env) as process:
            yield base_url, process


@contextlib.contextmanager
def gunicorn(port, env, workers=2):
    """`gunicorn_process`, yielding the base URL alone."""
    with gunicorn_process(port, env, workers) as (base_url, _process):
        yield base_url


@contextlib.contextmanager
def demo_server(port=0):
    """Serve the demo site at http://127.0.0.1:<port> (0: a port the OS assigns); yields the
    base URL."""
    with tempfile.TemporaryDirectory(prefix="newsroom-demo-") as tmp:
        env = production_env(tmp)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_demo")
        manage(env, "collectstatic", "--noinput", "--clear")
        with gunicorn(port, env) as base_url:
            print(f"The demo site: {base_url}/", flush=True)
            yield base_url
