"""``python -m ingestion.parser FILE [--year N] [--format json|text]``."""

import sys

from .cli import main

sys.exit(main())
