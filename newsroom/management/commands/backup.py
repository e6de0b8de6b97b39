"""manage.py backup FILE: the database and the uploaded media in one .tar.gz."""

import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

SQLITE_NAME = "database.sqlite3"
POSTGRES_NAME = "database.pgdump"
MANIFEST = "backup.json"


def engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def postgres_environment():
    """libpq's variables for pg_dump / pg_restore, from the site's own database settings."""
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, variable in [
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ]:
        if db.get(key):
            env[variable] = str(db[key])
    return env


def run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")


class Command(BaseCommand):
    help = (
        "Write the database (SQLite: its online backup API; PostgreSQL: pg_dump) and every "
        "uploaded file under MEDIA_ROOT into one .tar.gz. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the file to write, e.g. backups/newsroom.tar.gz")

    def handle(self, *args, archive, **options):
        vendor = engine()
        archive = Path(archive)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as work:
            work = Path(work)
            if vendor == "sqlite":
                database = work / SQLITE_NAME
                self.dump_sqlite(database)
            else:
                database = work / POSTGRES_NAME
                run(
                    ["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                     f"--file={database}"],
                    env=postgres_environment(),
                )  # fmt: skip
            manifest = work / MANIFEST
            manifest.write_text(
                json.dumps({"engine": vendor, "created": timezone.now().isoformat()}) + "\n"
            )
            media_root = Path(settings.MEDIA_ROOT)
            media_files = 0
            partial = archive.with_name(archive.name + ".part")
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(manifest, MANIFEST)
                tar.add(database, database.name)
                if media_root.is_dir():
                    for path in sorted(media_root.rglob("*")):
                        if path.is_file():
                            tar.add(path, f"media/{path.relative_to(media_root)}")
                            media_files += 1
            partial.replace(archive)  # never a half-written archive under the real name
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the {vendor} database and {media_files} media files")
            + f" to {archive}."
        )

    @staticmethod
    def dump_sqlite(target):
        """SQLite's online backup API: a consistent copy even while the site writes."""
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
