"""Properties that hold for any input: no exception, offsets inside the text, spans exact."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parser import parse_text

# text built from the pieces the parser reacts to, plus anything at all
PIECES = st.sampled_from(
    [
        "一、",
        "（二）",
        "(3)",
        "1.",
        "2、",
        "一是",
        "二要",
        "第一，",
        "首先，",
        "\n",
        "\n\n",
        "。",
        "；",
        ";",
        "，",
        ",",
        "：",
        "“",
        "”",
        "各县区教育局要",
        "市教育局将",
        "各学校",
        "我们要",
        "8月底前",
        "5月17日前",
        "年底前",
        "今年",
        "2016年",
        "206年",
        "75.36%",
        "600多人次",
        "12余万元",
        "1—2个",
        "“三严三实”",
        "三会一课",
        "返回首页",
        "上一篇：",
        "xx",
        "*",
        "时间:",
        "2024327",
        "(shí)",
        "建立台账",
        "开展检查",
        "了",
        "是",
        "请",
        "同志们，",
        " ",
        "\r\n",
        "\u3000",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join),
)


def check(text: str) -> None:
    r = parse_text(text)
    n = len(text)
    for h in r["outline"]:
        assert 0 <= h["start"] < n and 1 <= h["level"] <= 4
        assert text.startswith(h["number"] + h["text"], h["start"])
    for t in r["tasks"]:
        s, e = t["source"]["start"], t["source"]["end"]
        assert 0 <= s < e <= n
        assert text[s:e] == t["text"]
        for o in t["owners"]:
            assert o in t["text"]
        if t["deadline_text"]:
            assert t["deadline_text"] in t["text"]
        if t["section"] is not None:
            assert r["outline"][t["section"]]["start"] <= s
    for x in r["numbers"]:
        assert 0 <= x["start"] < n and text.startswith(x["text"], x["start"])
    for f in r["formulas"]:
        assert 0 <= f["start"] < n and text.startswith(f["text"], f["start"])
    for w in r["warnings"]:
        assert w["start"] is None or 0 <= w["start"] < n


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_parses_with_offsets_in_range(text):
    check(text)


def test_edge_cases():
    for text in (
        "",
        " ",
        "\n",
        "\r\n\r\n",
        "。",
        "一、",
        "（一）",
        "1.",
        "“",
        "”三”",
        "0",
        "\ufeff",
    ):
        check(text)
