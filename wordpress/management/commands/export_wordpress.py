"""manage.py export_wordpress > site.xml: the whole site as a WordPress export (WXR 1.2)."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand

from wordpress.exporter import Exporter


class Command(BaseCommand):
    help = "Write every article, page, category, tag, author and comment as WXR 1.2."

    def add_arguments(self, parser):
        hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")]
        parser.add_argument(
            "--base-url",
            default=f"https://{hosts[0]}" if hosts else "http://localhost",
            help="The site's address, for links and image URLs (default: the first allowed host).",
        )
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, base_url, output=None, **options):
        exporter = Exporter(base_url)
        if output:
            with open(output, "wb") as out:
                exporter.write(out)
        else:
            exporter.write(sys.stdout.buffer)
            sys.stdout.flush()
