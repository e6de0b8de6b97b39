import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from articles import demo as articles_demo
from comments import demo as comments_demo
from pages import demo as pages_demo
from popularity import demo as popularity_demo

PASSWORD_FILE = settings.BASE_DIR / ".demo-editor-password"


class Command(BaseCommand):
    help = "Load the demo content (idempotent) and make sure the demo editor can log in."

    def handle(self, *args, **options):
        created = articles_demo.seed()
        self.stdout.write(f"Demo articles: {len(created)} new.")
        self.stdout.write(f"Demo pages: {pages_demo.seed()} new.")
        self.stdout.write(f"Demo comments: {comments_demo.seed()} new.")
        self.stdout.write(f"Demo reads: {popularity_demo.seed()} hourly counts new.")
        password = self.ensure_editor()
        self.stdout.write(
            self.style.SUCCESS(
                f"Editor login for /admin/: username 'editor', password '{password}'"
            )
        )

    def ensure_editor(self):
        """The demo editor keeps one password across runs: the environment's or a saved one."""
        password = os.environ.get("DEMO_EDITOR_PASSWORD")
        if not password and PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        if not password:
            password = secrets.token_urlsafe(12)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        editor, _ = get_user_model().objects.get_or_create(username="editor")
        # In the Editor group like any editor (seed() puts it there); superuser to manage accounts.
        editor.is_staff = editor.is_superuser = True
        editor.email = editor.email or "editor@example.com"
        if not editor.check_password(password):
            editor.set_password(password)
        editor.save()
        return password
