"""manage.py import_wordpress EXPORT.xml: move a WordPress site's content in."""

import time

from django.core.management.base import BaseCommand, CommandError
from lxml import etree

from wordpress import wxr
from wordpress.importer import RESULTS, Importer


class Command(BaseCommand):
    help = "Import a WordPress export (WXR 1.1 or 1.2): users, terms, posts, pages, comments."

    def add_arguments(self, parser):
        parser.add_argument("export", help="The .xml file from WordPress's Tools > Export.")
        parser.add_argument(
            "--media-dir", help="A copy of wp-content/uploads: images are copied from there."
        )
        parser.add_argument(
            "--fetch-media", action="store_true", help="Download images from their old URLs."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )

    def handle(self, *args, export, media_dir=None, fetch_media=False, dry_run=False, **options):
        self._last_progress = (0, time.monotonic())
        progress = self.progress if self.stdout.isatty() and options["verbosity"] >= 1 else None
        importer = Importer(
            export,
            media_dir=media_dir,
            fetch_media=fetch_media,
            dry_run=dry_run,
            progress=progress,
        )
        try:
            report = importer.run()
        except (OSError, etree.XMLSyntaxError) as exc:
            raise CommandError(f"Cannot read {export}: {exc}") from exc
        except wxr.NotWXR as exc:
            raise CommandError(f"{export}: {exc}") from exc
        if progress:
            self.stdout.write("")
        self.summary(report, dry_run)

    def progress(self, done, total):
        """The count so far and the rate since the last call (posts and pages a second)."""
        now = time.monotonic()
        last_done, last_time = self._last_progress
        self._last_progress = (done, now)
        rate = (done - last_done) / (now - last_time) if now > last_time else 0
        self.stdout.write(f"\rposts and pages: {done}/{total}, {rate:.1f} posts/s  ", ending="")
        self.stdout.flush()

    def summary(self, report, dry_run):
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        width = max([len(kind) for kind in report.counts] + [4])
        self.stdout.write(f"{'kind':<{width}}  " + "  ".join(f"{r:>9}" for r in RESULTS))
        for kind in sorted(report.counts):
            row = report.counts[kind]
            self.stdout.write(f"{kind:<{width}}  " + "  ".join(f"{row[r]:>9}" for r in RESULTS))
        for name, count in sorted(report.shortcodes.items()):
            self.stdout.write(f"shortcode [{name}] removed: {count}")
        for note, count in sorted(report.notes.items()):
            if count:
                self.stdout.write(f"{note}: {count}")
        for problem in report.problems:
            self.stderr.write(problem)
