"""Keys gathered over one transaction and handled once when it commits.

In a test whose transaction never commits (pytest-django's default), the first write's callback
gathers the keys of every later one: `django_capture_on_commit_callbacks` around a later write
alone sees none of them; use `transaction=True`, or capture from the first write on."""

from django.db import transaction


class _Gathered:
    def __init__(self, run):
        self.run = run
        self.keys = set()

    def __call__(self):
        self.run(sorted(self.keys))


def on_commit(name, keys, run, *, robust=False):
    """`run(keys)` once after the current transaction commits, with every key given under
    `name` until then (an article's save purges several times: one purge, one BAN)."""
    connection = transaction.get_connection()
    attribute = f"newsroom_gathered_{name}"
    pending = getattr(connection, attribute, None)
    # Still waiting for this transaction's commit? A rollback drops the callback, not the
    # attribute.
    if pending is None or not any(item[1] is pending for item in connection.run_on_commit):
        pending = _Gathered(run)
        setattr(connection, attribute, pending)
        transaction.on_commit(pending, robust=robust)
    pending.keys.update(keys)
