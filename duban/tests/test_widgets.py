"""The quick selects write what Django's own selects write, option for option."""

import re

from django import forms

from duban.widgets import QuickSelect, QuickSelectMultiple

CHOICES = [("", "---------"), (1, "甲区教育局"), (2, "<b>乙县</b> & 丙"), (3, '"引号"中学')]
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def options(html):
    return [(v, bool(s), label) for v, s, label in OPTION.findall(html)]


def test_single_select_matches_django():
    ours = QuickSelect(choices=CHOICES).render("unit", 2, attrs={"id": "id_unit"})
    theirs = forms.Select(choices=CHOICES).render("unit", 2, attrs={"id": "id_unit"})
    assert options(ours) == options(theirs)
    assert ("2", True, "&lt;b&gt;乙县&lt;/b&gt; &amp; 丙") in options(ours)
    assert ours.startswith('<select id="id_unit" name="unit">')


def test_multiple_select_marks_every_chosen_value():
    ours = QuickSelectMultiple(choices=CHOICES, attrs={"size": 8}).render("units", [1, 3])
    theirs = forms.SelectMultiple(choices=CHOICES, attrs={"size": 8}).render("units", [1, 3])
    assert options(ours) == options(theirs)
    assert " multiple" in ours and 'size="8"' in ours


def test_grouped_choices_fall_back_to_django():
    grouped = [("县区", [(1, "甲区"), (2, "乙县")])]
    assert "<optgroup" in QuickSelect(choices=grouped).render("unit", 1)
