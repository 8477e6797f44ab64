from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rectification import reminders


class Command(BaseCommand):
    help = ("Send the rectification reminders owed today (measures due or late, escalations, "
            "re-inspections due) as one digest per person. Safe to run twice and concurrently.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="ISO date to act as today (default: today)")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as exc:
                raise CommandError(f"--today: {exc}") from None
        else:
            day = timezone.localdate()
        counts = reminders.run(day)
        if not counts["workday"]:
            self.stdout.write(f"{day} is not a working day: nothing sent")
            return
        self.stdout.write(f"rectification reminders owed: {counts['owed']}, "
                          f"digests sent: {counts['digests']}")
