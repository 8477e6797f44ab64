"""Finding personal data in text meant for publication. Plain Python, no Django."""

import re
from collections.abc import Iterable

PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
LANDLINE = re.compile(r"(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")
ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def personal_data_in(text: str, names: Iterable[str] = ()) -> list[str]:
    """The fragments of `text` that look like personal data: phone, ID or e-mail, or one of
    the given person names (two characters or more)."""
    found: list[str] = []
    for pattern in (PHONE, LANDLINE, ID_CARD, EMAIL):
        found += pattern.findall(text or "")
    for name in names:
        name = (name or "").strip()
        if len(name) >= 2 and name in (text or ""):
            found.append(name)
    return list(dict.fromkeys(found))
