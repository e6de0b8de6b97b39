"""`make cluster`: Newsroom past one machine, on this one, on 127.0.0.1 only.

PostgreSQL primary and a streaming replica (Debian's postgresql, `pg_basebackup -R`), Redis, an
S3-compatible store (moto in server mode), two gunicorn app servers with production settings,
two task workers, and nginx as the load balancer (deploy/nginx-cluster.conf.template). Every
process is a child of this one, in a throwaway directory; leaving the `with` block (or Ctrl-C,
or the time limit) stops them all and removes the directory.

Ports: the OS assigns them, each held until the cluster stops (scripts/servers.py); or
CLUSTER_PORT is the load balancer's and the next ones are the services' (see `Ports`).
`python -m scripts.cluster` serves for CLUSTER_MINUTES (default 30).
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import string
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from scripts import servers

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BUCKET = "newsroom-media"
EDITOR_PASSWORD = "cluster-" + secrets.token_urlsafe(9)


@dataclass(frozen=True)
class Ports:
    lb: int
    app1: int
    app2: int
    primary: int
    replica: int
    redis: int
    s3: int

    @classmethod
    def from_base(cls, base):
        return cls(*(base + offset for offset in range(7)))

    @classmethod
    def reserved(cls, stack):
        """Ports the OS assigns, each held (servers.reserve_port) until `stack` closes."""
        return cls(*(stack.enter_context(servers.reserve_port()).port for _ in range(7)))


def pg_bin():
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parent)
    if not found:
        sys.exit("PostgreSQL is needed: apt-get install postgresql")
    return found[-1].parent


class Cluster:
    def __init__(self, base_port=None, log=print):
        self.began = time.monotonic()
        # Held while the cluster runs: an app server killed and started again gets its port back.
        self.reservations = contextlib.ExitStack()
        base_port = int(base_port or os.environ.get("CLUSTER_PORT") or 0)
        if base_port:
            self.ports = Ports.from_base(base_port)
        else:
            self.ports = Ports.reserved(self.reservations)
        self.log = lambda message: log(f"[{time.monotonic() - self.began:5.1f}s] {message}")
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-cluster-"))
        self.dir.chmod(0o755)
        self.pgbin = pg_bin()
        self.processes = {}
        self.postgres = {}  # name -> data directory of a running server
        self.env = self._app_env()

    # The environment every app process gets: the whole scaled configuration. ------------------

    def _app_env(self):
        p = self.ports
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
        env.update(
            DJANGO_SETTINGS_MODULE="newsroom.settings.prod",
            SECRET_KEY=secrets.token_urlsafe(50),
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{p.primary}/newsroom",
            DATABASE_REPLICA_URL=f"postgres://postgres@127.0.0.1:{p.replica}/newsroom",
            CACHE_URL=f"redis://127.0.0.1:{p.redis}/0",
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            S3_ENDPOINT_URL=f"http://127.0.0.1:{p.s3}",
            AWS_S3_REGION_NAME="us-east-1",
            AWS_ACCESS_KEY_ID="cluster",
            AWS_SECRET_ACCESS_KEY="cluster",
            MEDIA_URL=f"http://127.0.0.1:{p.lb}/media/",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR",
            # Plain HTTP on the loopback: no redirect to https, no HSTS for 127.0.0.1.
            SECURE_SSL_REDIRECT="0",
            SECURE_HSTS_SECONDS="0",
            DEMO_EDITOR_PASSWORD=EDITOR_PASSWORD,
            STATIC_ROOT=str(self.dir / "static"),
            LOG_LEVEL="WARNING",
        )
        return env

    # Processes --------------------------------------------------------------------------------

    def spawn(self, name, args, **kwargs):
        log = open(self.dir / f"{name}.log", "ab")  # noqa: SIM115 - kept open for the child
        process = subprocess.Popen(
            args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        log.close()
        self.processes[name] = process
        return process

    def wait_until_ready(self, name, ready, seconds):
        """Until `ready` (a port or a URL) answers; ServerError with the end of its log."""
        servers.wait_until_ready(
            self.processes[name], ready, seconds, self.dir / f"{name}.log", name=name
        )

    def kill(self, name, sig=signal.SIGKILL):
        """Kill a process and everything it started (gunicorn's workers too)."""
        process = self.processes.pop(name, None)
        if process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)

    def manage(self, *args, env=None):
        subprocess.run(
            [BIN / "python", "manage.py", *args],
            cwd=ROOT,
            env=env or self.env,
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def as_postgres(self, *args, check=True):
        """Run a PostgreSQL tool as the postgres user (initdb refuses root)."""
        command = [str(args[0]), *map(str, args[1:])]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, cwd="/")

    def pg_start(self, name, data, port):
        self.as_postgres(
            self.pgbin / "pg_ctl", "-D", data, "-l", self.dir / f"{name}.log", "-w", "-t", "30",
            "-o", f"-p {port} -k {self.dir} -c listen_addresses=127.0.0.1", "start",
        )  # fmt: skip
        self.postgres[name] = data

    def pg_stop(self, name):
        data = self.postgres.pop(name, None)
        if data is not None:
            self.as_postgres(self.pgbin / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop",
                             check=False)  # fmt: skip

    def psql(self, port, sql, database="newsroom"):
        result = self.as_postgres(
            self.pgbin / "psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", database,
            "-tAc", sql,
        )  # fmt: skip
        return result.stdout.strip()

    # Starting ---------------------------------------------------------------------------------

    def start(self):
        started = time.monotonic()
        p = self.ports
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.log(f"cluster: {self.dir}")

        # PostgreSQL primary: the schema and the demo content first, then the replica copies it.
        primary = self.dir / "primary"
        self.as_postgres(self.pgbin / "initdb", "-D", primary, "-A", "trust", "-U", "postgres")
        with open(primary / "postgresql.conf", "a") as conf:
            conf.write("fsync = off\nwal_level = replica\nmax_wal_senders = 5\n")
        self.pg_start("primary", primary, p.primary)
        self.psql(p.primary, "CREATE DATABASE newsroom", database="postgres")
        self.log(f"cluster: PostgreSQL primary on {p.primary}")

        self.spawn("redis", ["redis-server", "--port", str(p.redis), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no"])  # fmt: skip
        self.spawn("s3", [BIN / "moto_server", "-H", "127.0.0.1", "-p", str(p.s3)])
        self.wait_until_ready("redis", p.redis, 20)
        self.wait_until_ready("s3", p.s3, 30)
        self._make_bucket()
        self.log(f"cluster: Redis on {p.redis}, S3 (moto) on {p.s3}")

        # Migrations and the demo content go to the primary alone (no replica yet).
        primary_only = {k: v for k, v in self.env.items() if k != "DATABASE_REPLICA_URL"}
        self.manage("migrate", "--noinput", env=primary_only)
        self.manage("seed_demo", env=primary_only)
        self.manage("collectstatic", "--noinput", env=primary_only)
        self.log("cluster: migrated, demo content loaded, static files collected")

        replica = self.dir / "replica"
        self.as_postgres(
            self.pgbin / "pg_basebackup", "-h", "127.0.0.1", "-p", p.primary, "-U", "postgres",
            "-D", replica, "-R", "-X", "stream", "--checkpoint", "fast",
        )  # fmt: skip
        self.pg_start("replica", replica, p.replica)
        self.log(f"cluster: PostgreSQL streaming replica on {p.replica}")

        self.start_app("app1")
        self.start_app("app2")
        for worker in ("worker1", "worker2"):
            self.spawn(worker, [BIN / "python", "manage.py", "db_worker", "--queue-name", "*"],
                       env=self.env)  # fmt: skip
        self.start_lb()
        for name in ("app1", "app2"):
            self.wait_until_ready(name, self.url(name) + "/", 60)
        self.wait_until_ready("lb", self.url("lb") + "/", 30)
        apps = f"{self.url('app1')}, {self.url('app2')}"
        self.log(f"cluster: up in {time.monotonic() - started:.0f} s: the load balancer at "
                 f"{self.url('lb')}/, app servers {apps}")  # fmt: skip

    def _make_bucket(self):
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=self.env["S3_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="cluster",
            aws_secret_access_key="cluster",
        )
        s3.create_bucket(Bucket=BUCKET)
        # Media are public: anyone may read objects; only the site (with its keys) writes.
        readable = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{BUCKET}/*"}  # fmt: skip
        s3.put_bucket_policy(
            Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [readable]})
        )

    def start_app(self, name):
        port = getattr(self.ports, name)
        self.spawn(
            name,
            [BIN / "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "--log-level", "warning", "--graceful-timeout", "5"],
            env=self.env,
        )  # fmt: skip
        self.wait_until_ready(name, port, 60)

    def start_lb(self):
        run = self.dir / "nginx"
        run.mkdir()
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (run / f"nginx-{temp}").mkdir(mode=0o777)
            (run / f"nginx-{temp}").chmod(0o777)  # nginx's workers run as nobody under root
        template = (ROOT / "deploy" / "nginx-cluster.conf.template").read_text()
        p = self.ports
        conf = string.Template(template).safe_substitute(
            run=run, app1=p.app1, app2=p.app2, lb=p.lb, s3=p.s3, bucket=BUCKET
        )
        (run / "nginx.conf").write_text(conf)
        self.spawn("lb", ["nginx", "-p", str(run), "-c", str(run / "nginx.conf"), "-e",
                          str(run / "nginx-error.log")])  # fmt: skip
        self.wait_until_ready("lb", p.lb, 20)

    def url(self, name):
        return f"http://127.0.0.1:{getattr(self.ports, name)}"

    # Stopping ---------------------------------------------------------------------------------

    def stop(self):
        for name in list(self.processes):
            self.kill(name, signal.SIGTERM)
        for name in list(self.postgres):
            self.pg_stop(name)
        self.reservations.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.show_logs()
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        if exc[0] is not None:
            self.show_logs()
        self.stop()

    def show_logs(self, lines=15):
        for log in sorted(self.dir.glob("*.log")) + sorted(self.dir.glob("nginx/*.log")):
            tail = log.read_text(errors="replace").splitlines()[-lines:]
            if tail:
                self.log(f"--- {log.name} (last {len(tail)} lines)")
                for line in tail:
                    self.log("    " + line)


def main():
    minutes = float(os.environ.get("CLUSTER_MINUTES", "30"))
    # SIGTERM (and Ctrl-C) leave through the `with` block, which stops everything.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with Cluster() as cluster:
        print(f"Load balancer: {cluster.url('lb')}/  (app servers {cluster.url('app1')}, "
              f"{cluster.url('app2')})")  # fmt: skip
        print(f"Admin: {cluster.url('lb')}/admin/  user 'editor', password '{EDITOR_PASSWORD}'")
        print(f"Serving for {minutes:g} minutes (CLUSTER_MINUTES); Ctrl-C stops everything.")
        with contextlib.suppress(KeyboardInterrupt):
            time.sleep(minutes * 60)


if __name__ == "__main__":
    main()
