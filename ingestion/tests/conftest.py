"""Fixtures of the review-screen tests: a made-up speech, files of every format built from it,
and a document uploaded by the supervision office of the shared cast."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

YEAR = timezone.localdate().year + 1  # every deadline of the speech lies ahead


def speech(year: int = YEAR) -> str:
    """A speech of the genre, written for these tests."""
    return f"""在{year}年全市教育工作会议上的讲话
（{year}年2月20日）
同志们：
今天的会议，主要任务是部署{year}年全市教育重点工作。下面，我讲四点意见。
一、扩大学前教育资源
去年全市新增学位2400个。各县区教育局要在6月底前完成新建幼儿园选址，年底前新建幼儿园6所。
二、守牢校园安全底线
各学校要在4月30日前完成校舍安全排查，建立隐患清单。
三、改进机关作风
市教育局各科室要在5月底前梳理岗位风险点，形成风险清单。甲区教育局要在本学期末前实现课后服务全覆盖。
四、强化督查落实
分管领导要每月听取一次工作汇报。乙县教育局要在9月30日前完成薄弱学校改造，改造率达到95%。
同志们，让我们真抓实干，推动各项工作落地见效。
"""


def docx_bytes(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def html_bytes(text: str) -> bytes:
    lines = text.splitlines()
    body = "".join(f"<p>{line}</p>\n" for line in lines[1:])
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{lines[0]}</title></head>'
        f"<body><h1>{lines[0]}</h1>\n{body}</body></html>"
    ).encode()


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF whose text layer holds `text` (a CID font with a ToUnicode map)."""
    lines = [line for line in text.splitlines() if line]
    chars = sorted({c for line in lines for c in line})
    cid = {c: i + 1 for i, c in enumerate(chars)}
    ops = ["BT", "/F1 10 Tf", "14 TL", "40 800 Td"]
    ops += [f"<{''.join(f'{cid[c]:04X}' for c in line)}> Tj T*" for line in lines]
    ops.append("ET")
    content = "\n".join(ops).encode()
    blocks = []
    for i in range(0, len(chars), 100):
        part = chars[i : i + 100]
        blocks.append(
            f"{len(part)} beginbfchar\n"
            + "".join(f"<{cid[c]:04X}> <{ord(c):04X}>\n" for c in part)
            + "endbfchar\n"
        )
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "".join(blocks)
        + "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
        b"/FontDescriptor 8 0 R /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


FORMATS = {
    "utf8.txt": lambda t: t.encode("utf-8"),
    "gb18030.txt": lambda t: t.encode("gb18030"),
    "utf16.txt": lambda t: t.encode("utf-16"),
    "speech.docx": docx_bytes,
    "speech.html": html_bytes,
    "speech.pdf": pdf_bytes,
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def speech_text():
    return speech()


@pytest.fixture
def make_file():
    def make(name="utf8.txt", text=None):
        return SimpleUploadedFile(name, FORMATS[name](text or speech()))

    return make


@pytest.fixture
def make_doc(cast):
    """make_doc(actor=office, text=…) → a Document uploaded through the action."""
    from ingestion import actions

    def make(actor=None, text=None, **kw):
        reading = actions.read_pasted(text or speech())
        return actions.create_document(
            actor=actor or cast.office, now=timezone.now(), reading=reading, **kw
        )

    return make


@pytest.fixture
def doc(make_doc):
    return make_doc()


def task_with(doc, words):
    return doc.tasks.get(text__contains=words)


@pytest.fixture
def scanned_pdf():
    """A PDF page with no text layer, like a scan."""
    return pdf_bytes("\n")
