"""The `duban` command: Django's management commands, plus a few short names.

    duban parse FILE      read a speech or plan (no database needed)
    duban worker          run background tasks (django-tasks database worker)
    duban serve           the production server (gunicorn) on 127.0.0.1:8000
    duban remind          reminders and escalations (a management command of assignments)
"""

import os
import sys

ALIASES = {"worker": "db_worker"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "parse":
        from ingestion.parser.cli import main as parse_main

        return parse_main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
