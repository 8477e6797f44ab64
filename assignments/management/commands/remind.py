from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assignments import reminders


class Command(BaseCommand):
    help = ("Send the reminders and escalations owed today as one digest per person. Safe to run "
            "twice and concurrently.")

    def add_arguments(self, parser):
        parser.add_argument("--now", help="ISO date or date-time to act as now (for tests)")

    def handle(self, *args, now=None, **options):
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now: {exc}") from None
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        else:
            moment = timezone.now()
        counts = reminders.run(moment)
        self.stdout.write(f"reminders owed: {counts['owed']}, digests sent: {counts['digests']}")
