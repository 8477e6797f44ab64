"""Pure parser for speeches and work plans of education bureaus (no Django, no network).

``parse_text(text)`` returns the object described in shared/corpus/CONTRACT.md;
``parse_file(path_or_bytes)`` first decodes .txt (UTF-8, GB18030, UTF-16), .docx, .pdf and
.html input and raises ``ParseInputError`` for input it cannot read.
"""

from __future__ import annotations

from .core import parse_text
from .errors import ParseInputError
from .reading import DEFAULT_MAX_BYTES, parse_file, read_text

__all__ = ["DEFAULT_MAX_BYTES", "ParseInputError", "parse_file", "parse_text", "read_text"]
