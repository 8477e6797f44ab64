from importlib import import_module

from django.core.management.base import BaseCommand

from orgs import demo

# Apps that add their own demo data (`<app>.demo.seed(size)`) once the city exists.
DEMO_APPS = ["assignments", "rectification", "ingestion"]


class Command(BaseCommand):
    help = "Generate the demo city once (safe to run again: it never duplicates) and print logins."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["demo", "bench"], default="demo")

    def handle(self, *args, size, **options):
        existed = demo.city_exists()
        logins = demo.build_city(demo.BENCH if size == "bench" else demo.DEMO)
        if not existed:
            for app in DEMO_APPS:
                import_module(f"{app}.demo").seed(size=size)
        self.stdout.write("demo city " + ("already present" if existed else "generated"))
        self.stdout.write("")
        self.stdout.write("  Open http://127.0.0.1:8000 and log in with a phone number below,")
        self.stdout.write(f"  password for every demo account: {demo.DEMO_PASSWORD}")
        for label, phone in logins.items():
            self.stdout.write(f"    {label:<40} {phone}")
        self.stdout.write("")
