"""Uploading: every format, pasted text, duplicates, and bad files with a clear message."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from ingestion.choices import TaskState
from ingestion.models import Document

URL = reverse("ingestion:upload")


@pytest.mark.parametrize("name", ["utf8.txt", "gb18030.txt", "utf16.txt", "speech.docx",
                                  "speech.html", "speech.pdf"])
def test_upload_each_format(cast, login, make_file, name):
    r = login(cast.office).post(URL, {"file": make_file(name)})
    assert r.status_code == 302, r.content.decode()[:2000]
    doc = Document.objects.get()
    assert r.url == reverse("ingestion:document", args=[doc.pk])
    assert doc.unit == cast.city  # the office works for its bureau
    assert doc.original_name == name and doc.file.name.endswith(name.rsplit(".", 1)[1])
    assert "各学校要在4月30日前完成校舍安全排查" in doc.text
    assert "全市教育工作会议" in doc.title
    tasks = list(doc.tasks.all())
    assert len(tasks) >= 5
    for t in tasks:  # offsets index the decoded text
        assert doc.text[t.start:t.end] == t.text
        assert t.state == TaskState.PROPOSED
    school = doc.tasks.get(text__startswith="各学校")
    assert {m.unit for m in school.mappings.all()} == {cast.school_a1, cast.school_b1}
    assert school.deadline.isoformat().endswith("-04-30")
    assert AuditEvent.objects.filter(action="ingestion.document.upload").count() == 1


def test_paste_text(cast, login, speech_text):
    r = login(cast.director).post(URL, {"text": speech_text, "title": "春季会议讲话"})
    assert r.status_code == 302
    doc = Document.objects.get()
    assert doc.title == "春季会议讲话" and doc.text == speech_text and doc.original_name == ""
    assert doc.uploaded_by == cast.director and doc.tasks.count() >= 5


def test_year_given_by_the_uploader_resolves_relative_deadlines(cast, login):
    text = "关于做好暑期安全工作的通知\n各学校要在8月底前完成校舍维修。\n"
    r = login(cast.office).post(URL, {"text": text, "year": 2031})
    assert r.status_code == 302
    task = Document.objects.get().tasks.get()
    assert task.deadline.isoformat() == "2031-08-31" and task.deadline_text == "8月底前"


def test_duplicate_file_links_the_earlier_review(cast, login, make_file):
    c = login(cast.office)
    c.post(URL, {"file": make_file("utf8.txt")})
    first = Document.objects.get()
    r = c.post(URL, {"file": make_file("utf8.txt")})
    assert r.status_code == 400
    html = r.content.decode()
    assert "上传过" in html or "already uploaded" in html
    assert f'href="{reverse("ingestion:document", args=[first.pk])}"' in html
    assert 'id="duplicate-link"' in html
    assert Document.objects.count() == 1


def test_duplicate_across_reviewers_of_the_same_bureau(cast, login, make_file):
    login(cast.office).post(URL, {"file": make_file("utf8.txt")})
    r = login(cast.director).post(URL, {"file": make_file("utf8.txt")})
    assert r.status_code == 400 and Document.objects.count() == 1


def test_duplicate_pasted_text(cast, login, speech_text):
    c = login(cast.office)
    c.post(URL, {"text": speech_text})
    r = c.post(URL, {"text": speech_text})
    assert r.status_code == 400 and 'id="duplicate-link"' in r.content.decode()
    assert Document.objects.count() == 1


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", ["空", "empty"]),
    ("blank.txt", b"   \n\n  ", ["空", "empty"]),
    ("binary.txt", bytes(range(256)) * 40, ["不是可识别", "not text"]),
    ("broken.docx", b"PK\x03\x04" + b"\x00" * 300, ["Word"]),
    ("broken.pdf", b"%PDF-1.4\n" + b"garbage" * 50, ["PDF"]),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, [".doc"]),
])
def test_bad_files_get_a_clear_message_and_nothing_is_saved(cast, login, name, data, words):
    r = login(cast.office).post(URL, {"file": SimpleUploadedFile(name, data)})
    assert r.status_code == 400
    html = r.content.decode()
    assert any(w in html for w in words), html[:3000]
    assert 'class="errorlist"' in html
    assert Document.objects.count() == 0


def test_too_big(cast, login, settings, make_file):
    settings.DUBAN_MAX_UPLOAD_BYTES = 200
    r = login(cast.office).post(URL, {"file": make_file("utf8.txt")})
    assert r.status_code == 400
    assert "过大" in r.content.decode() or "too large" in r.content.decode()
    assert Document.objects.count() == 0


def test_english_message(cast, login):
    c = login(cast.office)
    c.cookies["django_language"] = "en"
    r = c.post(URL, {"file": SimpleUploadedFile("x.txt", bytes(range(256)) * 40)},
               HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 400
    assert "not text, Word (.docx), PDF or HTML" in r.content.decode()


def test_file_or_text_not_both_not_neither(cast, login, make_file, speech_text):
    c = login(cast.office)
    assert c.post(URL, {}).status_code == 400
    assert c.post(URL, {"file": make_file(), "text": speech_text}).status_code == 400
    assert Document.objects.count() == 0


def test_upload_page_renders(cast, login):
    r = login(cast.office).get(URL)
    assert r.status_code == 200 and 'enctype="multipart/form-data"' in r.content.decode()


def test_scanned_pdf(cast, login, scanned_pdf):
    r = login(cast.office).post(URL, {"file": SimpleUploadedFile("scan.pdf", scanned_pdf)})
    assert r.status_code == 400 and "OCR" in r.content.decode()
    assert Document.objects.count() == 0
