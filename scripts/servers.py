"""Start a server, wait until it answers, stop it: the one copy for scripts/, bench/ and tests/.

Ports come from the OS. A program that binds port 0 itself (Python's servers) reports its own;
one that needs a number up front (gunicorn, nginx, Varnish, PostgreSQL, Redis, moto) gets a
`reserve_port()`: a loopback port the OS assigned, held by a bound socket that never listens.
Nothing else that asks the OS for a port is given it, and a program that binds it by number is
refused, until the reservation is released; the server binds it beside the reservation because
every one of those sets SO_REUSEADDR (Linux lets such sockets share a port while none listens
but one). A reservation may outlive restarts of its server: PostgreSQL or Redis stopped in the
middle of a load test comes back on the same port.
"""

import contextlib
import http.client
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

TAIL_LINES = 30


class ServerError(RuntimeError):
    """A server exited before it answered, or did not answer in time; the message holds the
    end of its output."""


class PortReservation:
    """A loopback port the OS assigned, kept from everyone but a server binding it with
    SO_REUSEADDR, until `release()` (or the end of a `with` block)."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]

    def release(self):
        self.socket.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.release()


def reserve_port():
    return PortReservation()


def answers(ready, timeout=20):
    """Whether `ready` answers: an http:// URL (any status below 500), a port (TCP on the
    loopback) or a Path (a Unix socket)."""
    if isinstance(ready, int):
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", ready), timeout):
            return True
        return False
    if isinstance(ready, Path):
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(timeout)
            sock.connect(str(ready))
            return True
        return False
    try:
        # The first page is slow on a busy machine (imports, templates): a long timeout.
        with urllib.request.urlopen(ready, timeout=timeout) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (OSError, http.client.HTTPException):
        return False


def tail(output, lines=TAIL_LINES):
    """The last `lines` lines of the log file `output` (a path), or '' without one."""
    if output is None:
        return ""
    text = Path(output).read_text(errors="replace").splitlines()[-lines:]
    return "\n".join(text)


def wait_until_ready(process, ready, seconds=60, output=None, name=None):
    """Wait until `ready` (a URL, a port or a Unix socket: see `answers`) answers while
    `process` runs; ServerError, with the end of its `output` log, if it exits first or
    `seconds` pass."""
    name = name or Path(str(process.args[0])).name
    deadline = time.monotonic() + seconds
    while True:
        if process.poll() is not None:
            problem = f"{name} exited with {process.returncode} before {ready} answered"
            break
        if answers(ready):
            return
        if time.monotonic() > deadline:
            problem = f"{name} did not answer at {ready} within {seconds} s"
            break
        time.sleep(0.2)
    output_tail = tail(output)
    raise ServerError(problem + (f"; its output:\n{output_tail}" if output_tail else ""))


def stop(process, seconds=30):
    """SIGTERM, then SIGKILL after `seconds`; waits for the exit."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def running(command, ready, seconds=60, name=None, output=None, **popen):
    """Run `command` (with subprocess.Popen `popen` options) while the block runs, from the
    moment `ready` (see `answers`) answers; yields the Popen; stopped after the block.

    Its stdout and stderr go to `output` (a path, appended to) or a temporary file, whose end
    is in the ServerError when it does not come up.
    """
    with contextlib.ExitStack() as stack:
        if output is None:
            output = stack.enter_context(tempfile.TemporaryDirectory(prefix="newsroom-server-"))
            output = Path(output) / "output.log"
        with open(output, "ab") as log:
            process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, **popen)
        try:
            wait_until_ready(process, ready, seconds, output, name)
            yield process
        finally:
            stop(process)


@contextlib.contextmanager
def on_port(port=0):
    """`port` when it is given (not 0), else a fresh reservation's: yields the port number."""
    if port:
        yield port
        return
    with reserve_port() as reservation:
        yield reservation.port
