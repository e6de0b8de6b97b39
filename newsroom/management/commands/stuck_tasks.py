"""manage.py stuck_tasks [--clear]: tasks whose worker stopped mid-task, and taking them back."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom import task_claims


class Command(BaseCommand):
    help = (
        "List tasks claimed by a worker that stopped renewing its claim (killed, or frozen) "
        "for longer than TASK_CLAIM_TIMEOUT. --clear takes them back: queued again the first "
        "time, failed when their retry's worker stopped too. Running workers do this by "
        "themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clear", action="store_true", help="take the stuck tasks back")

    def handle(self, *args, clear, **options):
        now = timezone.now()
        stuck = list(task_claims.stale(now))
        if not stuck:
            self.stdout.write("No stuck tasks.")
            return
        for result in stuck:
            minutes = (now - result.started_at).total_seconds() / 60
            self.stdout.write(
                f"{result.pk}  {result.task_path}  claimed {minutes:.0f} min ago by "
                f"{', '.join(result.worker_ids)}  (attempt {len(result.worker_ids)})"
            )
        if not clear:
            self.stdout.write(f"{len(stuck)} stuck; run with --clear to take them back.")
            return
        outcome = {result.pk: task_claims.take_back(result, now) for result in stuck}
        queued = sum(1 for state in outcome.values() if state == task_claims.READY)
        failed = sum(1 for state in outcome.values() if state == task_claims.FAILED)
        self.stdout.write(self.style.SUCCESS(f"Queued again: {queued}; failed: {failed}."))
