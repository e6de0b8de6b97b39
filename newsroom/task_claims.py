"""Leases on the tasks a worker claims, so a worker killed mid-task (`kill -9`) loses its claim.

django-tasks-db marks a claimed task RUNNING with `started_at` and keeps it so: a worker that
dies never finishes it, and no other worker takes it. Here a worker renews its claim (moves
`started_at` forward) every NEWSROOM_TASK_CLAIM_TIMEOUT / 4 seconds while the task runs, so a
claim older than the timeout is one whose worker stopped: dead, or frozen longer than the
timeout. Such a claim is taken back: put back in the queue the first time (the task runs
again, exactly once more), marked FAILED the second (it killed two workers; it is not tried a
third time). A slow task is never taken back while its worker lives: it keeps renewing.

Each change is a compare-and-set on `started_at`: two workers taking back the same claim, or a
renewal racing a take-back, cannot both win.
"""

import contextlib
import datetime
import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

RUNNING, READY, FAILED = "RUNNING", "READY", "FAILED"
STALE_CLASS = "newsroom.task_claims.StaleClaim"


def timeout():
    return datetime.timedelta(seconds=settings.NEWSROOM_TASK_CLAIM_TIMEOUT)


def stale(now=None):
    """RUNNING tasks whose claim was last renewed longer ago than the timeout."""
    now = now or timezone.now()
    return DBTaskResult.objects.running().filter(started_at__lt=now - timeout())


def take_back(result, now=None):
    """Queue a stale task again (first time) or fail it (second); None if someone else won."""
    now = now or timezone.now()
    claim = DBTaskResult.objects.filter(pk=result.pk, status=RUNNING, started_at=result.started_at)
    if len(result.worker_ids) < 2:
        if claim.update(status=READY, started_at=None):
            logger.warning("task %s (%s): claim of worker %s went stale; queued again",
                           result.pk, result.task_path, result.worker_ids[-1:])  # fmt: skip
            return READY
        return None
    failed = claim.update(
        status=FAILED, finished_at=now, exception_class_path=STALE_CLASS,
        traceback=f"Claimed by {len(result.worker_ids)} workers, each stopped before it ended.",
    )  # fmt: skip
    if failed:
        logger.error("task %s (%s): its retry's worker stopped too; not tried again",
                     result.pk, result.task_path)  # fmt: skip
        return FAILED
    return None


def take_back_stale(now=None):
    """Take back every stale claim; returns {task id: READY or FAILED}."""
    outcome = {}
    for result in stale(now):
        state = take_back(result, now)
        if state is not None:
            outcome[result.pk] = state
    return outcome


def renew(result):
    """Move the claim's time forward; False when it was taken back meanwhile."""
    now = timezone.now()
    renewed = DBTaskResult.objects.filter(
        pk=result.pk, status=RUNNING, started_at=result.started_at
    ).update(started_at=now)
    if renewed:
        result.started_at = now
    return bool(renewed)


class Lease(threading.Thread):
    """Beside a worker: renews the claim of the task it runs and takes back stale claims."""

    def __init__(self):
        super().__init__(name="task-lease", daemon=True)
        self.current = None
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def run(self):
        every = settings.NEWSROOM_TASK_CLAIM_TIMEOUT / 4
        try:
            while not self.stopped.wait(every):
                self.beat()
        finally:
            connection.close()

    def beat(self):
        close_old_connections()
        try:
            with self.lock:
                if self.current is not None and not renew(self.current):
                    logger.error("task %s: this worker's claim was taken back while it ran",
                                 self.current.pk)  # fmt: skip
            take_back_stale()
        except Exception:  # the database away: the worker itself finds out and exits
            logger.exception("task claims: could not renew or take back")

    @contextlib.contextmanager
    def holding(self, result):
        with self.lock:
            self.current = result
        try:
            yield
        finally:
            with self.lock:
                self.current = None
