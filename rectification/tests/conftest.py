"""Fixtures of the rectification tests: items on the shared cast, evidence files, a fixed day."""

import io
import struct
import zlib
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rectification import actions
from rectification.choices import ALLOWED, ListType, State
from rectification.models import Evidence, Item

TODAY = date(2026, 5, 11)


def png_bytes() -> bytes:
    def chunk(tag, data):
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture
def today():
    return TODAY


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english_messages():
    """Actions speak the active language; tests of actions read the English msgids."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def png():
    def make(name="photo.png"):
        return SimpleUploadedFile(name, png_bytes(), content_type="image/png")
    return make


PATH = ["confirm", "start", "request_signoff", "approve", "sign_off"]


def walk_to(item: Item, state: str, cast, png_upload=None) -> Item:
    """Move an item along the happy path to `state` with the cast's right people."""
    who = {"confirm": cast.school_head, "start": item.owner, "request_signoff": item.owner,
           "approve": cast.school_head, "sign_off": cast.office}
    if item.is_personal:
        who.update(confirm=cast.secretary, approve=cast.secretary, sign_off=cast.discipline)
    while item.state != state:
        verb = next(v for v in PATH if ALLOWED[v].source == item.state)
        if verb == "request_signoff" and not item.evidence.exists():
            Evidence.objects.create(item=item, name="e.png", kind="image",
                                    uploaded_by=item.owner, file="rectification/e.png")
        actions.transition(item, verb, who[verb], today=TODAY)
    assert item.state == state
    return item


@pytest.fixture
def make_item(cast):
    """make_item(state=..., **fields) → an item of school A1 (owner: staff), moved to `state`."""

    def make(state=State.FOUND, actor=None, **kw):
        values = dict(list_type=ListType.LEADERSHIP, source="supervision", problem="食堂台账不全",
                      category="食品安全", goal="台账规范", lead_unit=cast.school_a1,
                      owner=cast.staff, raised_by=cast.supervisor, found_on=TODAY,
                      deadline=TODAY + timedelta(days=30))
        values.update(kw)
        actor = actor or (cast.secretary if values["list_type"] == "personal"
                          else cast.school_head)
        item = actions.create_item(actor, today=TODAY, **values)
        return walk_to(item, state, cast)

    return make


@pytest.fixture
def personal_item(make_item, cast):
    return make_item(list_type=ListType.PERSONAL, person=cast.member, owner=None,
                     problem="个人作风问题：迟到早退", category="作风纪律", raised_by=cast.secretary)


def xlsx_upload(rows, headers, name="ledger.xlsx"):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue())


__all__ = ["ALLOWED", "TODAY", "walk_to", "xlsx_upload"]
