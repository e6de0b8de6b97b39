"""manage.py restore FILE: put back the database and media saved by `manage.py backup`."""

import json
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from pagecache.purging import forget_everything

from .backup import MANIFEST, POSTGRES_NAME, SQLITE_NAME, engine, postgres_environment, run


class Command(BaseCommand):
    help = (
        "Replace the site's database and media with those in a backup archive. Stop the app "
        "servers (and workers) first; everything written since the backup is lost."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by `manage.py backup`")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )  # fmt: skip

    def handle(self, *args, archive, interactive, **options):
        vendor = engine()
        archive = Path(archive)
        if not archive.is_file():
            raise CommandError(f"No such backup: {archive}")
        if interactive:
            answer = input(
                f"This replaces the database {connection.settings_dict['NAME']} and everything "
                f"under {settings.MEDIA_ROOT}. Type 'yes' to continue: "
            )
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
            work = Path(work)
            tar.extractall(work, filter="data")  # refuses absolute paths and ../ tricks
            manifest = json.loads((work / MANIFEST).read_text())
            if manifest["engine"] != vendor:
                raise CommandError(
                    f"This backup holds a {manifest['engine']} database; the site uses {vendor}."
                )
            if vendor == "sqlite":
                self.load_sqlite(work / SQLITE_NAME)
            else:
                connection.close()
                run(
                    ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                     "--single-transaction", f"--dbname={connection.settings_dict['NAME']}",
                     str(work / POSTGRES_NAME)],
                    env=postgres_environment(),
                )  # fmt: skip
            media = self.replace_media(work / "media")
        # Pages, fragments and settings cached from the old database; Varnish's copies too.
        for problem in forget_everything():
            self.stderr.write(problem)
        self.stdout.write(
            self.style.SUCCESS(f"Restored the {vendor} database and {media} media files")
            + f" from {archive}."
        )

    @staticmethod
    def load_sqlite(source_path):
        connection.ensure_connection()
        source = sqlite3.connect(source_path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()

    @staticmethod
    def replace_media(saved):
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True, exist_ok=True)
        count = 0
        if saved.is_dir():
            shutil.copytree(saved, media_root, dirs_exist_ok=True)
            count = sum(1 for path in media_root.rglob("*") if path.is_file())
        return count
