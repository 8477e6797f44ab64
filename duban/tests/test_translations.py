"""The Chinese catalogues are complete, consistent with their sources, and actually used.

Every app directory that has ``locale/zh_Hans/LC_MESSAGES/django.po`` is checked, so an app
that adds a catalogue later is covered without editing this file.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale", "zh_Hans", "LC_MESSAGES", "django.po")


def _catalogues() -> list[Path]:
    return sorted(
        app / CATALOGUE
        for app in ROOT.iterdir()
        if app.is_dir() and not app.name.startswith(".") and (app / CATALOGUE).is_file()
    )


CATALOGUES = _catalogues()
IDS = [po.parts[-5] for po in CATALOGUES]  # the app directory's name

# %(name)s / %(n)d, bare %s / %d, and str.format fields such as {name} or {}; "%%" is a literal.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{\w*\}")


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def _entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def _label(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt + ' | ' if entry.msgctxt else ''}{entry.msgid!r}"


def _translations(catalogue) -> dict:
    """(msgctxt, msgid) -> msgstr, or the tuple of plural forms, without the header."""
    result = {}
    for e in catalogue:
        if getattr(e, "obsolete", False) or e.msgid == "" or "fuzzy" in e.flags:
            continue
        if e.msgid_plural:
            value = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
        else:
            value = e.msgstr
        result[(e.msgctxt, e.msgid)] = value
    return result


def test_catalogues_are_found():
    assert {"duban", "orgs", "audit", "inbox", "workdays"} <= set(IDS)


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_header_declares_simplified_chinese(path):
    po = polib.pofile(str(path))
    assert po.metadata.get("Language") == "zh_Hans"
    plural = po.metadata.get("Plural-Forms", "").replace(" ", "")
    assert plural.startswith("nplurals=1;plural=0"), plural
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_everything_is_translated(path):
    po = polib.pofile(str(path))
    untranslated = [_label(e) for e in _entries(po) if not e.translated() and "fuzzy" not in e.flags]
    assert not untranslated, f"{path}: untranslated: {untranslated}"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_nothing_is_fuzzy(path):
    po = polib.pofile(str(path))
    fuzzy = [_label(e) for e in _entries(po) if "fuzzy" in e.flags]
    assert not fuzzy, f"{path}: fuzzy: {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_placeholders_match(path):
    po = polib.pofile(str(path))
    wrong = []
    for e in _entries(po):
        if e.msgid_plural:
            # Chinese has one form, used for singular and plural alike: it must carry what
            # either English form carries.
            expected = _placeholders(e.msgid) | _placeholders(e.msgid_plural)
            translations = [s for s in e.msgstr_plural.values() if s]
        else:
            expected = _placeholders(e.msgid)
            translations = [e.msgstr] if e.msgstr else []
        for text in translations:
            if _placeholders(text) != expected:
                wrong.append(f"{_label(e)}: {sorted(expected)} vs {sorted(_placeholders(text))}")
    assert not wrong, f"{path}: placeholders differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("path", CATALOGUES, ids=IDS)
def test_compiled_catalogue_is_up_to_date(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.is_file(), f"{mo_path} is missing: run msgfmt"
    po = _translations(polib.pofile(str(path)))
    mo = _translations(polib.mofile(str(mo_path)))
    # msgfmt leaves out untranslated entries; compare only what carries a translation.
    po = {k: v for k, v in po.items() if (any(v) if isinstance(v, tuple) else v)}
    missing = sorted(str(k) for k in po.keys() - mo.keys())
    stale = sorted(str(k) for k in mo.keys() - po.keys())
    changed = sorted(str(k) for k in po.keys() & mo.keys() if po[k] != mo[k])
    assert not (missing or stale or changed), (
        f"{mo_path} does not match the .po (recompile with msgfmt): "
        f"missing {missing}, stale {stale}, changed {changed}"
    )


@pytest.mark.django_db
def test_login_page_is_chinese_by_default_and_english_on_request(client):
    # A browser asking for English still gets Chinese until the person picks English.
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    page = response.content.decode()
    assert "登录" in page
    assert "Log in" not in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302

    response = client.get("/login/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Log in" in page
    assert "登录" not in page
