"""Owner phrases as written map to units of the uploader's tree, with a confidence."""

import pytest

from ingestion import actions, owners


@pytest.fixture
def refs(cast):
    return actions.candidate_units(cast.office, cast.city)


def mapped(cast, refs, phrase, root=None):
    m = owners.map_owner(phrase, refs, (root or cast.city).path)
    return {u.code: round(c, 2) for u in cast.city.subtree() for pk, c in m.units.items()
            if u.pk == pk}, m.role


@pytest.mark.parametrize("phrase, codes, confidence", [
    ("各县区教育局", {"A", "B"}, owners.COLLECTIVE),
    ("各县（市、区）教育局", {"A", "B"}, owners.COLLECTIVE),
    ("各学校", {"A-S1", "B-S1"}, owners.COLLECTIVE),
    ("各中小学校", {"A-S1", "B-S1"}, owners.COLLECTIVE),
    ("各幼儿园", {"A-S2"}, owners.COLLECTIVE),
    ("各级各类学校", {"A-S1", "A-S2", "B-S1"}, owners.COLLECTIVE),
    ("市教育局各科室", {"C-D1"}, owners.COLLECTIVE),
    ("局机关", {"C-D1"}, owners.COLLECTIVE),
    ("局机关各科室", {"C-D1"}, owners.COLLECTIVE),
    ("市教育局", {"C"}, owners.BUREAU),
    ("甲区教育局", {"A"}, owners.EXACT),
    ("乙县中学", {"B-S1"}, owners.EXACT),
    ("第一小学", {"A-S1"}, owners.CONTAINS_ONE),
    ("办公室", {"C-D1"}, owners.CONTAINS_ONE),
])
def test_phrases_map_to_units(cast, refs, phrase, codes, confidence):
    units, role = mapped(cast, refs, phrase)
    assert set(units) == codes
    assert set(units.values()) == {confidence}
    assert role == ""


def test_a_name_found_in_several_units_is_less_sure(cast, refs):
    units, _ = mapped(cast, refs, "甲区")
    assert units == {"A": owners.CONTAINS_MANY, "A-S1": owners.CONTAINS_MANY,
                     "A-S2": owners.CONTAINS_MANY}


def test_short_name_matches(cast, refs):
    cast.county_a.short_name = "甲区局"
    cast.county_a.save()
    refs = actions.candidate_units(cast.office, cast.city)
    assert mapped(cast, refs, "甲区局")[0] == {"A": owners.SHORT_EXACT}


@pytest.mark.parametrize("phrase", ["分管领导", "局领导", "主要领导", "班子成员", "局长"])
def test_roles_name_a_leader_not_a_unit(cast, refs, phrase):
    units, role = mapped(cast, refs, phrase)
    assert units == {} and role == phrase


def test_unknown_phrase_maps_to_nothing(cast, refs):
    assert mapped(cast, refs, "社会各界") == ({}, "")
    assert mapped(cast, refs, "") == ({}, "")


def test_collectives_stay_within_the_uploaders_scope(cast):
    # The deputy director follows county A only: 各县区教育局 is county A for him.
    refs = actions.candidate_units(cast.leader, cast.city)
    assert mapped(cast, refs, "各县区教育局")[0] == {"A": owners.COLLECTIVE}
    assert set(mapped(cast, refs, "各学校")[0]) == {"A-S1"}


def test_collectives_stay_within_the_issuing_unit(cast, refs):
    assert set(mapped(cast, refs, "各学校", root=cast.county_a)[0]) == {"A-S1"}


def test_several_phrases_keep_the_best_confidence(cast, refs):
    units, roles = owners.map_owners(["甲区", "甲区教育局", "分管领导"], refs, cast.city.path)
    assert units[cast.county_a.pk] == (owners.EXACT, "甲区教育局")
    assert roles == ["分管领导"]


def test_leader_for_role(cast):
    leaders = actions.leaders_of(cast.city)
    assert owners.leader_for_role("局长", leaders) == cast.director
    assert owners.leader_for_role("分管副局长", leaders) == cast.leader
    assert owners.leader_for_role("分管领导", leaders) is None


def test_uploaded_tasks_carry_the_mapping(cast, doc):
    t = doc.tasks.get(text__startswith="各县区教育局")
    assert {m.unit_id: m.confidence for m in t.mappings.all()} == {
        cast.county_a.pk: owners.COLLECTIVE, cast.county_b.pk: owners.COLLECTIVE}
    assert t.lead_unit == cast.county_a
    leader_task = doc.tasks.get(text__startswith="分管领导")
    assert leader_task.leader_hint == "分管领导" and not leader_task.mappings.exists()
