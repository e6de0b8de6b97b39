"""Background work (notification and password reset mail, image renditions) through Django's
tasks API (the django-tasks backport). TASKS_BACKEND picks where tasks wait and who runs them:
  database (default): a table in the site's own database; run `manage.py db_worker`.
  rq: Redis (REDIS_URL) and RQ; run `manage.py rqworker --with-scheduler
      --job-class django_tasks_rq.Job default` (pip install -e '.[rq]').
  immediate: run inside the request, after commit (tests; never in production).
"""

from django.core.exceptions import ImproperlyConfigured

from .environment import env

TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
# A database worker renews its task's claim every quarter of this; a claim older than this was
# left by a worker that died and is taken back (retried once; newsroom/task_claims.py).
NEWSROOM_TASK_CLAIM_TIMEOUT = env.int("TASK_CLAIM_TIMEOUT", default=120)
# Apps the rq backend adds (base.py puts them after its own INSTALLED_APPS).
task_backend_apps = []
if TASKS_BACKEND == "rq":
    task_backend_apps = ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")}}
