from django.core.management.base import BaseCommand
from django.utils import timezone

from inbox.actions import attempt, due_delivery_ids


class Command(BaseCommand):
    help = "Send due notification deliveries (retries with backoff). Safe to run twice at once."

    def handle(self, *args, **options):
        now = timezone.now()
        results = [attempt(pk, now=now) for pk in due_delivery_ids(now)]
        sent = sum(1 for r in results if r == "sent")
        self.stdout.write(f"deliveries tried: {len([r for r in results if r])}, sent: {sent}")
