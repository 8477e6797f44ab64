"""The one error the parser raises for input it cannot read."""

from __future__ import annotations


class ParseInputError(ValueError):
    """Input that cannot be parsed; ``str(err)`` is a bilingual message, Chinese first."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh = zh
        self.en = en
        super().__init__(f"{zh} / {en}")
