"""`make run`: Django's development server and, beside it, the worker that runs background tasks.

The worker is the one TASKS_BACKEND needs (`db_worker` for the database backend, `rqworker`
for RQ, none when tasks run immediately). Both stop together: Ctrl+C (or SIGTERM) stops the
server and the worker; a worker that dies on its own is started again.
"""

import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = {
    "database": ["db_worker", "--queue-name", "*"],
    "rq": ["rqworker", "--with-scheduler", "--job-class", "django_tasks_rq.Job", "default"],
    "immediate": None,
}


def manage(*args, **options):
    return subprocess.Popen([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, **options)


def stop(process, group=False):
    """Stop a child (with `group`, its whole session: the worker's autoreloader and worker)."""
    if process is None or process.poll() is not None:
        return
    send = (lambda sig: os.killpg(process.pid, sig)) if group else process.send_signal
    send(signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait()


class Worker(threading.Thread):
    """Keeps the task worker running (in its own session: Ctrl+C is ours to pass on)."""

    def __init__(self, args):
        super().__init__(daemon=True)
        self.args = args
        self.stopping = threading.Event()
        self.process = None

    def run(self):
        while not self.stopping.is_set():
            self.process = manage(*self.args, start_new_session=True)
            self.process.wait()
            if not self.stopping.is_set():
                print(f"The task worker exited ({self.process.returncode}); starting it again.")
                self.stopping.wait(2)

    def stop(self):
        self.stopping.set()
        stop(self.process, group=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    options = parser.parse_args()
    args = WORKERS.get(os.environ.get("TASKS_BACKEND", "database"))
    worker = Worker(args) if args else None
    if worker:
        worker.start()
    server = manage("runserver", f"127.0.0.1:{options.port}")

    def on_signal(signum, frame):
        # Only pass it on: the main thread is inside server.wait(), which then returns.
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        return server.wait()
    finally:
        stop(server)
        if worker:
            worker.stop()


if __name__ == "__main__":
    sys.exit(main())
