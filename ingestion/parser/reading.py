"""Turning an uploaded file into text: plain text in any common encoding, .docx, .pdf, .html.

Every failure is a ``ParseInputError`` with a bilingual message; offsets in the parse result
index the text returned here.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path
from typing import IO, Any

from .errors import ParseInputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_PDF_CHARS = 10  # fewer visible characters than this: a scan without a text layer

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]

_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<meta)", re.I)
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "title",
    "center",
    "form",
    "nav",
    "aside",
    "main",
    "hr",
    "figcaption",
}
_HIDDEN_TAGS = ["script", "style", "noscript", "template", "head", "iframe", "svg", "object"]


def _err(kind: str, **kw: Any) -> ParseInputError:
    zh, en = {
        "empty": ("文件为空，没有可解析的文字。", "The file is empty: there is no text to parse."),
        "large": (
            "文件过大（{size:.1f} MB），上限为 {limit:.0f} MB。",
            "The file is too large ({size:.1f} MB); the limit is {limit:.0f} MB.",
        ),
        "binary": (
            "文件不是可识别的文本、Word（.docx）、PDF 或网页文件。",
            "The file is not text, Word (.docx), PDF or HTML that the parser can read.",
        ),
        "scan": (
            "PDF 中没有可提取的文字（可能是扫描件），请先进行文字识别（OCR）。",
            "The PDF has no text layer (probably a scan); run OCR on it first.",
        ),
        "pdf": (
            "无法读取该 PDF 文件（文件损坏或已加密）。",
            "Cannot read this PDF (damaged or encrypted).",
        ),
        "docx": (
            "无法读取该 Word 文件（文件损坏或不是 .docx）。",
            "Cannot read this Word file (damaged or not a .docx).",
        ),
        "doc": (
            "不支持旧版 Word（.doc）文件，请另存为 .docx 后再上传。",
            "Old Word (.doc) files are not supported; save the file as .docx first.",
        ),
        "missing": ("找不到文件：{path}", "File not found: {path}"),
        "encoding": ("无法识别文件的文字编码。", "Cannot detect the text encoding of the file."),
    }[kind]
    return ParseInputError(zh.format(**kw), en.format(**kw))


def _load(source: Source, max_bytes: int) -> tuple[bytes, str | None]:
    """Read at most ``max_bytes`` (+1 to detect overflow); return the bytes and a file name."""
    name = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = path.name
        try:
            size = path.stat().st_size
        except OSError:
            raise _err("missing", path=str(source)) from None
        if size > max_bytes:
            raise _err("large", size=size / 2**20, limit=max_bytes / 2**20)
        try:
            data = path.read_bytes()
        except OSError:
            raise _err("missing", path=str(source)) from None
    elif hasattr(source, "read"):
        data = source.read(max_bytes + 1)
        name = getattr(source, "name", None)
        if isinstance(name, str):
            name = os.path.basename(name)
        else:
            name = None
        if isinstance(data, str):
            data = data.encode("utf-8")
    else:
        raise TypeError("parse_file expects a path, bytes or a binary file object")
    if len(data) > max_bytes:
        raise _err("large", size=len(data) / 2**20, limit=max_bytes / 2**20)
    if not data.strip():
        raise _err("empty")
    return data, name


def read_text(
    source: Source, *, filename: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, dict[int, int]]:
    """Decode a file to text; return it with layout hints {line start offset: level}.

    Level 1–4 marks a heading by style (.docx); level 0 marks the title line (.html <h1>).
    """
    data, name = _load(source, max_bytes)
    ext = Path(filename or name or "").suffix.lower()
    if data[:5] == b"%PDF-" or (ext == ".pdf" and b"%PDF-" in data[:1024]):
        return _pdf(data), {}
    if data[:4] == b"PK\x03\x04":
        return _docx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _err("doc")
    if ext in (".docx", ".pdf"):
        raise _err("docx" if ext == ".docx" else "pdf")
    if ext in _HTML_EXT or _HTML_SNIFF.match(data[:512]):
        return _html(data)
    text = decode(data)
    if not text.strip():
        raise _err("empty")
    return text, {}


def decode(data: bytes) -> str:
    """Decode plain-text bytes: BOM first, then strict UTF-8, then charset detection."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                raise _err("encoding") from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise _err("binary")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes stays UTF-8 (the damage shows as U+FFFD, an encoding
    # warning); guessing another encoding would garble the whole text
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(3, len(data) // 1000) and _cjk_share(lenient) > 0.5:
        return lenient
    return _detect(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes present, and one byte order decodes to plausible text."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data:
        return None
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausible(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best and best[0] >= 0.9:
        return best[1]
    return None


def _plausible(text: str) -> float:
    """Share of characters a Chinese or English document is made of."""
    if not text:
        return 0.0
    ok = sum(
        1
        for c in text
        if c.isspace()
        or " " <= c <= "~"
        or "\u4e00" <= c <= "\u9fff"
        or "\u3000" <= c <= "\u303f"
        or "\uff00" <= c <= "\uffef"
        or c in "“”‘’—…·《》"
    )
    return ok / len(text)


def _control_heavy(text: str) -> bool:
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f\x0b")
    return bad > max(2, len(text) // 50)


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data:
        return True
    sample = data[:65536]
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 11, 27))
    return bad > max(2, len(sample) // 50)


def _cjk_share(text: str) -> float:
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return 0.0
    return sum("\u4e00" <= c <= "\u9fff" or c in "，。、；：！？“”（）" for c in non_ascii) / len(
        non_ascii
    )


def _detect(data: bytes) -> str:
    """Pick the encoding with charset-normalizer; between its guesses and GB18030, keep the one
    whose non-ASCII characters are most often Chinese (short Chinese texts fool detectors)."""
    from charset_normalizer import from_bytes

    candidates: list[tuple[float, str]] = []
    best = from_bytes(data).best()
    if best is not None:
        enc = best.encoding
        if enc.lower().replace("-", "").replace("_", "") in ("gb2312", "gbk", "hz"):
            enc = "gb18030"
        try:
            text = data.decode(enc)
            candidates.append((_cjk_share(text) + 0.01, text))
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        text = data.decode("gb18030")
        candidates.append((_cjk_share(text), text))
    except UnicodeDecodeError:
        pass
    if not candidates:
        raise _err("encoding")
    return max(candidates, key=lambda c: c[0])[1]


def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [(page.extract_text() or "") for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError):
        raise _err("pdf") from None
    except Exception:  # pypdf raises many kinds of errors on damaged files
        raise _err("pdf") from None
    text = "\n".join(p.rstrip("\n") for p in pages)
    if sum(not c.isspace() for c in text) < MIN_PDF_CHARS:
        raise _err("scan")
    return text


def _docx(data: bytes) -> tuple[str, dict[int, int]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if "word/document.xml" not in zf.namelist():
                raise _err("binary")
    except zipfile.BadZipFile:
        raise _err("docx") from None
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        doc = Document(io.BytesIO(data))
    except Exception:
        raise _err("docx") from None
    lines: list[str] = []
    hints: dict[int, int] = {}
    offset = 0
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, doc)
            level = _heading_level(para)
            line = para.text.replace("\n", " ")
            if level and line.strip():
                hints[offset] = level
            lines.append(line)
            offset += len(line) + 1
        elif tag == "tbl":
            for row in Table(block, doc).rows:
                line = "\t".join(cell.text.replace("\n", " ") for cell in row.cells)
                lines.append(line)
                offset += len(line) + 1
    text = "\n".join(lines)
    if not text.strip():
        raise _err("empty")
    return text, hints


def _heading_level(para: Any) -> int | None:
    """Outline level from a heading style (Heading 2 / 标题 2), if the paragraph has one."""
    try:
        name = para.style.name or ""
    except (AttributeError, KeyError):
        return None
    m = re.match(r"^(?:heading|标题)\s*(\d)", name, re.I)
    if m:
        return max(1, min(4, int(m.group(1))))
    return None


def _html(data: bytes) -> tuple[str, dict[int, int]]:
    from bs4 import BeautifulSoup
    from bs4.element import NavigableString

    soup = BeautifulSoup(data, "lxml")
    for tag in soup(_HIDDEN_TAGS):
        tag.decompose()
    for el in soup.find_all(style=re.compile(r"display\s*:\s*none", re.I)):
        el.decompose()
    parts: list[str] = []
    root = soup.body or soup

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in (
                    "Comment",
                    "Doctype",
                    "Declaration",
                    "ProcessingInstruction",
                ):
                    continue
                in_pre = child.find_parent("pre") is not None
                parts.append(str(child) if in_pre else re.sub(r"\s+", " ", str(child)))
            elif getattr(child, "name", None):
                block = child.name in _BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")

    walk(root)
    lines = [ln.strip() for ln in "".join(parts).split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    text = "\n".join(out).strip("\n")
    if not text.strip():
        raise _err("empty")
    hints: dict[int, int] = {}
    h1 = soup.find("h1")
    if h1 is not None:
        title = re.sub(r"\s+", " ", h1.get_text(" ")).strip()
        pos = text.find("\n" + title + "\n") + 1 if title else 0
        if pos > 0 or (title and text.startswith(title + "\n")):
            hints[pos] = 0
    return text, hints


def parse_file(
    source: Source,
    *,
    filename: str | None = None,
    year: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Read a .txt/.docx/.pdf/.html file (path, bytes or binary file) and parse it.

    Raises ``ParseInputError`` for empty, binary, scanned, damaged or too large input.
    """
    from .core import parse

    text, hints = read_text(source, filename=filename, max_bytes=max_bytes)
    return parse(text, year=year, heading_hints=hints)
