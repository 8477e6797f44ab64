"""Page chrome of documents saved from the web, and the title line.

Chrome is what a hosting site wraps around a speech: navigation, breadcrumbs, upload stamps,
blurbs, watermarks, disclaimers, links to the previous and next article.  It is reported as
``page_chrome`` warnings and kept out of every other field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Line, is_cjk
from .markers import marker_at

# Matched against a line with its spaces removed (watermarks are often spaced out).
_CHROME_RE = re.compile(
    "|".join(
        [
            r"返回.{0,8}首页",
            r"站内搜索",
            r"网站地图",
            r"当前的?位置",
            r"首页(>|>>|->|»|›)",
            r"^(发布|更新|上传|录入|添加)(时间|日期)",
            r"(发布|更新|上传)(时间|日期):",
            r"浏览(次数|量)",
            r"阅读(次数|量)?:",
            r"点击(数|量|次数)?:\d*",
            r"人气:",
            r"^来源:",
            r"来源:.{0,30}(作者|编辑)",
            r"^作者:",
            r"^(时间|日期):\d",
            r"^导语:",
            r"上一篇",
            r"下一篇",
            r"上一页",
            r"下一页",
            r"免责声明",
            r"版权(归|所有|声明)",
            r"收集整理",
            r"整理来源",
            r"网友(评论|上传|投稿)",
            r"评论功能",
            r"【(打印|关闭|顶部|返回)",
            r"(打印|关闭|顶部)】",
            r"若侵犯",
            r"侵权(必究|删除)",
            r"联系删除",
            r"首发平台",
            r"www\.",
            r"https?:",
            r"\.(com|cn|net|org)\b",
            r"本站",
            r"扫一扫",
            r"分享到",
            r"相关(文章|阅读|推荐|范文)",
            r"责任编辑",
            r"字号:?[大中小]",
            r"打印本页",
            r"关闭窗口",
            r"欢迎(参考|阅读|下载|收藏)",
            r"原创文章",
            r"转载请注明",
            r"推荐阅读",
            r"纠错",
            r"复制(本文)?链接",
            r"文章来源",
            r"^编辑:",
            r"字体:?[大中小]",
            r"^(网站)?首页$",
            r"^(关闭|打印|返回|顶部|分享|收藏)$",
            r"\|.*\|",
            r"热门(文章|推荐|阅读)",
            r"(免费|点击)下载",
            r"^今天是:",
        ]
    )
)
# a line that is only a site name (公文易文秘资源网, 教育之家)
_SITE_NAME = re.compile(r"^[^,。;:!?]{2,10}(网|之家|文库|资源网|频道)$")
# a short trailing fragment glued after a paragraph's last full stop: a site watermark
_WATERMARK_RE = re.compile(r"(网|之家|文库|范文|公文|文秘|站|\.com|\.cn)")
_STAMP_RE = re.compile(
    r"(?:发布|更新|上传|录入)?(?:时间|日期):\s*(\d{2,4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_DOC_NO_OR_DATE = re.compile(
    r"^[\u4e00-\u9fffA-Za-z]{1,10}[〔\[【(]\d{4}[〕\]】)]\d{1,4}号$|^[(]?\d{4}年\d{1,2}月\d{1,2}日[)]?$"
)
_SALUTATION_RE = re.compile(r"^(同志们|各位|尊敬的|老师们|朋友们)")
_TITLE_SUFFIX_RE = re.compile(r"\s*[_|\-–—]+\s*[^_|\-–—]{1,20}(网|之家|文库|站|频道)$")


@dataclass
class Chrome:
    """What the chrome pass found: chrome lines, inline spans, warning blocks, title and stamps."""

    lines: set[int] = field(default_factory=set)
    spans: list[tuple[int, int]] = field(default_factory=list)  # inline watermarks
    blocks: list[tuple[int, str]] = field(default_factory=list)  # (start, message)
    title: str | None = None
    title_line: int | None = None
    stamps: list[tuple[str, str, str]] = field(default_factory=list)  # (y, m, d) as written

    def retitle(self, text: str, lines: list[Line], i: int) -> None:
        """Take line ``i`` as the title (a hint from the file format, e.g. an HTML <h1>)."""
        self.lines.discard(i)
        self.title_line = i
        self.title = text[lines[i].lo : lines[i].hi]


def _is_chrome_line(s: str, ln: Line) -> bool:
    text = s[ln.lo : ln.hi].replace(" ", "")
    if not text:
        return False
    if _SITE_NAME.match(text) and marker_at(text, 0, len(text)) is None:
        return True
    m = _CHROME_RE.search(text)
    if not m:
        return False
    # long prose paragraphs may mention a site word in passing; chrome lines are short
    return len(text) <= 120 or m.start() == 0


def detect(text: str, s: str, lines: list[Line]) -> Chrome:
    """Find chrome lines, watermarks, the title line and the hosting site's date stamps."""
    ch = Chrome()
    for i, ln in enumerate(lines):
        if not ln.blank and _is_chrome_line(s, ln):
            ch.lines.add(i)
            for m in _STAMP_RE.finditer(s, ln.lo, ln.hi):
                ch.stamps.append((m.group(1), m.group(2), m.group(3)))
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    # title: first plausible line near the top that is not chrome
    for i in nonblank[:12]:
        if i in ch.lines:
            continue
        ln = lines[i]
        line = s[ln.lo : ln.hi]
        if _DOC_NO_OR_DATE.match(line):
            continue  # a document number or a date may stand above the title
        if _looks_like_title(line):
            raw = text[ln.lo : ln.hi]
            suffix = _TITLE_SUFFIX_RE.search(raw)
            ch.title = raw[: suffix.start()] if suffix else raw
            ch.title_line = i
        break
    # the title repeated after a blurb is chrome too
    if ch.title_line is not None:
        key = s[lines[ch.title_line].lo : lines[ch.title_line].hi]
        for i in nonblank[:16]:
            if i > ch.title_line and s[lines[i].lo : lines[i].hi] == key:
                ch.lines.add(i)
    # watermarks glued to the end of a paragraph
    for i in nonblank:
        if i in ch.lines:
            continue
        ln = lines[i]
        cut = s.rfind("。", ln.lo, ln.hi)
        if cut < 0 or cut == ln.hi - 1:
            continue
        tail = s[cut + 1 : ln.hi]
        if 2 <= len(tail) <= 12 and all(is_cjk(c) or c in " ." for c in tail):
            if _WATERMARK_RE.search(tail):
                ch.spans.append((cut + 1, ln.hi))
    # one warning per block of chrome lines (blank lines do not break a block)
    prev = None
    for i in nonblank:
        if i in ch.lines:
            if prev is None:
                ch.blocks.append((lines[i].lo, "page chrome: " + s[lines[i].lo : lines[i].hi][:40]))
            prev = i
        else:
            prev = None
    for a, b in ch.spans:
        ch.blocks.append((a, "watermark inside a paragraph: " + s[a:b]))
    ch.blocks.sort()
    return ch


def _looks_like_title(line: str) -> bool:
    if len(line) > 80 or "。" in line or line.endswith((":", ",")):
        return False
    if _SALUTATION_RE.match(line):
        return False
    if marker_at(line, 0, len(line)) is not None:
        return False
    return sum(is_cjk(c) for c in line) >= 4
