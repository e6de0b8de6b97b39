"""The database: DATABASE_URL (SQLite by default, PostgreSQL in production), an optional read
replica, and the router between them (newsroom/db_router.py)."""

import dj_database_url

from .environment import BASE_DIR, env

DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env.int("DB_CONN_MAX_AGE", default=60),
        conn_health_checks=True,
    )
}
SILENCED_SYSTEM_CHECKS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers and one writer without "database is locked" under a threaded server.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
    # Kept open like PostgreSQL's (DB_CONN_MAX_AGE): opening one costs a connect, the PRAGMAs
    # above and a close, about 1 ms, on every request otherwise.
    # The list indexes carry INCLUDE columns for PostgreSQL's index-only scans; SQLite keeps
    # the keys and ignores those, which is all it needs (articles/models.py, Meta.indexes).
    SILENCED_SYSTEM_CHECKS.append("models.W040")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A primary that does not answer is given up on quickly (a 503, not a hung worker).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# A read replica (PostgreSQL streaming replication): reads go there, writes and the reads of
# whoever just wrote go to the primary; a replica that does not answer within
# DATABASE_REPLICA_CONNECT_TIMEOUT seconds is left alone for NEWSROOM_REPLICA_RETRY_SECONDS
# and reads fall back to the primary (newsroom/db_router.py).
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = dj_database_url.parse(
        env.str("DATABASE_REPLICA_URL"),
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = env.int(
            "DATABASE_REPLICA_CONNECT_TIMEOUT", default=1
        )
NEWSROOM_READ_FROM_REPLICA = "replica" in DATABASES
DATABASE_ROUTERS = ["newsroom.db_router.PrimaryReplicaRouter"]
NEWSROOM_REPLICA_RETRY_SECONDS = env.int("REPLICA_RETRY_SECONDS", default=5)
# After a POST, its sender reads from the primary this long (a cookie on the POST's response):
# longer than the replica's usual lag, short enough to spare the primary.
NEWSROOM_PRIMARY_STICKY_SECONDS = env.int("PRIMARY_STICKY_SECONDS", default=10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
