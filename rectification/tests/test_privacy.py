"""Finding personal data in text meant for publication (pure module)."""

import pytest

from rectification.privacy import personal_data_in


@pytest.mark.parametrize(("text", "names", "found"), [
    ("某小学食堂台账不全", ["张三"], []),
    ("张三违规补课", ["张三"], ["张三"]),
    ("请联系13912345678", [], ["13912345678"]),
    ("电话0371-12345678", [], ["0371-12345678"]),
    ("身份证41010519900101123X", [], ["41010519900101123X"]),
    ("邮箱 a.b@example.cn", [], ["a.b@example.cn"]),
    ("王", ["王"], []),  # one-character names would match everything
    ("编号20261234", [], []),
])
def test_personal_data_in(text, names, found):
    assert personal_data_in(text, names) == found
