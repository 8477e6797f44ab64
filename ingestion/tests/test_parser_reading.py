"""Input formats (.txt in several encodings, .docx, .pdf, .html) and unreadable input."""

import io

import pytest

from ingestion.parser import ParseInputError, parse_file, parse_text, read_text

SPEECH = (
    "在全县教育工作会议上的讲话\n"
    "同志们：\n"
    "一、重点工作\n"
    "各学校要在9月10日前完成校舍安全检查，资金投入200万元。\n"
    "二、工作要求\n"
    "市教育局将组织专项督查。\n"
)


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"]
)
def test_text_in_common_encodings(tmp_path, encoding):
    path = tmp_path / "speech.txt"
    path.write_bytes(SPEECH.encode(encoding))
    got = parse_file(path)
    assert got == parse_text(SPEECH)


def test_gb18030_detection_on_a_short_text():
    data = "各学校要建立安全台账。".encode("gb18030")
    text, _ = read_text(data, filename="a.txt")
    assert text == "各学校要建立安全台账。"


def test_bytes_and_file_objects(tmp_path):
    data = SPEECH.encode("utf-8")
    assert parse_file(data)["tasks"] == parse_text(SPEECH)["tasks"]
    assert parse_file(io.BytesIO(data))["tasks"] == parse_text(SPEECH)["tasks"]


def test_docx_paragraphs_and_heading_styles(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("关于做好秋季开学工作的通知")
    d.add_heading("总体安排", level=1)  # a heading by style, without a marker
    d.add_paragraph("各县区教育局要在8月25日前完成开学准备工作检查。")
    d.add_paragraph("二、工作要求")
    d.add_paragraph("市教育局将组织明查暗访。")
    path = tmp_path / "notice.docx"
    d.save(path)
    text, hints = read_text(path)
    assert text.split("\n")[2] == "各县区教育局要在8月25日前完成开学准备工作检查。"
    assert hints  # the styled heading
    r = parse_file(path)
    assert ("总体安排", 1) in [(h["text"], h["level"]) for h in r["outline"]]
    assert [t["owners"] for t in r["tasks"]] == [["各县区教育局"], ["市教育局"]]
    for t in r["tasks"]:
        assert text[t["source"]["start"] : t["source"]["end"]] == t["text"]


def _minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a Helvetica text layer (ASCII only), built by hand."""
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({ln}) Tj T*" for ln in lines) + " ET"
    objs = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_pdf_with_a_text_layer(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(_minimal_pdf(["Safety plan 2026", "1. Inspect 12 schools by May."]))
    text, _ = read_text(path)
    assert text == "Safety plan 2026\n1. Inspect 12 schools by May."
    r = parse_file(path)
    assert [(h["number"], h["start"]) for h in r["outline"]] == [("1. ", 17)]


def test_scanned_pdf_without_text_is_refused(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_minimal_pdf([]))
    with pytest.raises(ParseInputError) as e:
        parse_file(path)
    assert "扫描" in str(e.value) and "OCR" in str(e.value)


def test_html_visible_text_only(tmp_path):
    html = (
        "<!DOCTYPE html><html><head><meta charset='gbk'><title>站点标题</title>"
        "<style>p{color:red}</style><script>var a='各学校要';</script></head><body>"
        "<div class='nav'>返回首页 | 网站地图</div>"
        "<h1>在全市教育工作会议上的讲话</h1>"
        "<p>一、重点工作</p><p>各学校要在6月30日前完成\n  安全自查。</p>"
        "<p style='display:none'>隐藏的文字</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    text, _ = read_text(path)
    assert "var a" not in text and "color" not in text and "隐藏" not in text
    assert "各学校要在6月30日前完成 安全自查。" in text
    r = parse_file(path)
    assert r["title"] == "在全市教育工作会议上的讲话"
    assert r["tasks"][0]["owners"] == ["各学校"]
    assert any(w["code"] == "page_chrome" for w in r["warnings"])


@pytest.mark.parametrize(
    ("data", "filename", "needle"),
    [
        (b"", "a.txt", "文件为空"),
        (b"   \n\n  ", "a.txt", "文件为空"),
        (bytes(range(256)) * 8, "a.bin", "不是可识别"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc", ".doc"),
        (b"%PDF-1.4 broken", "x.pdf", "PDF"),
        (b"PK\x03\x04 not really a zip", "x.docx", "Word"),
    ],
)
def test_unreadable_input_raises_a_bilingual_error(data, filename, needle):
    with pytest.raises(ParseInputError) as e:
        parse_file(data, filename=filename)
    msg = str(e.value)
    assert needle in msg
    zh, en = msg.split(" / ", 1)
    assert any("\u4e00" <= c <= "\u9fff" for c in zh)
    assert en.isascii()


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(SPEECH.encode() * 10)
    with pytest.raises(ParseInputError) as e:
        parse_file(path, max_bytes=100)
    assert "过大" in str(e.value) and "too large" in str(e.value)
    with pytest.raises(ParseInputError):
        parse_file(io.BytesIO(SPEECH.encode() * 10), max_bytes=100)


def test_missing_file():
    with pytest.raises(ParseInputError) as e:
        parse_file("/nonexistent/speech.txt")
    assert "找不到文件" in str(e.value)


def test_html_title_comes_from_h1_among_navigation(tmp_path):
    html = (
        "<html><body><div><a>网站首页</a> | <a>新闻中心</a> | <a>政策法规</a></div>"
        "<div>通知公告</div><h1>关于做好学生资助工作的通知</h1>"
        "<p>一、工作要求</p><p>各学校要于9月30日前完成资助名单公示。</p>"
        "<div>版权所有 某某教育网 | 联系我们</div></body></html>"
    )
    path = tmp_path / "notice.html"
    path.write_text(html, encoding="utf-8")
    r = parse_file(path)
    assert r["title"] == "关于做好学生资助工作的通知"
    assert [t["owners"] for t in r["tasks"]] == [["各学校"]]


def test_utf8_with_a_damaged_byte_stays_utf8_and_warns():
    data = SPEECH.encode("utf-8")
    damaged = data[:40] + b"\xff" + data[40:]
    r = parse_file(damaged, filename="x.txt")
    assert r["title"] == "在全县教育工作会议上的讲话"
    assert "encoding" in {w["code"] for w in r["warnings"]}
