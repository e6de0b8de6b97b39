"""manage.py db_worker: django-tasks-db's worker, with leases on the tasks it claims.

Same options as django-tasks-db's own command (this one is found first: `newsroom` comes before
`django_tasks_db` in INSTALLED_APPS). Beside the worker a thread renews the claim of the
running task and takes back claims left by workers that died (newsroom/task_claims.py).
"""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from newsroom import task_claims


class LeasingWorker(db_worker.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.lease = task_claims.Lease()

    def run(self):
        task_claims.take_back_stale()  # what a worker killed before this one started left
        self.lease.start()
        try:
            return super().run()
        finally:
            self.lease.stopped.set()

    def run_task(self, db_task_result):
        with self.lease.holding(db_task_result):
            return super().run_task(db_task_result)


class Command(db_worker.Command):
    help = "Run a database background worker (claims are leased and taken back when stale)"

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay,
               reload, max_tasks, worker_id, exclude_queues, **options):  # fmt: skip
        # django-tasks-db's handle(), with the leasing worker.
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasingWorker(
            queue_names=queue_names, interval=interval, batch=batch, backend_name=backend_name,
            startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id,
            excluded_queue_names=excluded,
        )  # fmt: skip
        if reload and not batch:  # `make run`: restarted on code changes
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the child process
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
