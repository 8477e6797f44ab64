"""Every foundation page for every role in the cast: allowed, forbidden (403) or hidden (404)."""

import pytest

ROLES = ["director", "leader", "office", "auditor", "admin", "discipline", "supervisor",
         "county_head", "school_head", "school_head_a2", "school_head_b1", "staff", "secretary",
         "member", "observer", None]
EVERYONE = set(ROLES) - {None}
ADMINS = {"admin"}
AUDIT = {"auditor", "admin"}


def sees(*units):
    """Roles whose scope contains the given units (see orgs/tests/test_scope.py)."""
    table = {
        "A-S1": {"director", "leader", "office", "auditor", "admin", "discipline", "county_head",
                 "school_head", "staff", "secretary", "member"},
        "B-S1": {"director", "office", "auditor", "admin", "discipline", "supervisor",
                 "school_head_b1"},
    }
    out = set(EVERYONE)
    for u in units:
        out &= table[u]
    return out


# (name, method, url template, roles answered 200/302, status for the other signed-in roles)
PAGES = [
    ("home", "get", "/", EVERYONE, None),
    ("tree", "get", "/orgs/", EVERYONE, None),
    ("tree filtered", "get", "/orgs/?q=学&kind=school", EVERYONE, None),
    ("unit A-S1", "get", "/orgs/units/{A-S1}/", sees("A-S1"), 404),
    ("unit children A", "get", "/orgs/units/{A}/children/",
     {"director", "leader", "office", "auditor", "admin", "discipline", "county_head"}, 404),
    ("unit B-S1", "get", "/orgs/units/{B-S1}/", sees("B-S1"), 404),
    ("people", "get", "/orgs/people/?q=校长", EVERYONE, None),
    ("person staff", "get", "/orgs/people/{staff}/", sees("A-S1"), 404),
    ("person B head", "get", "/orgs/people/{school_head_b1}/", sees("B-S1"), 404),
    ("reset password", "post", "/orgs/people/{staff}/reset-password/", ADMINS, 403),
    ("unlock", "post", "/orgs/people/{staff}/unlock/", ADMINS, 403),
    ("import page", "get", "/orgs/import/", ADMINS, 403),
    ("import template", "get", "/orgs/import/template.xlsx", ADMINS, 403),
    ("org export", "get", "/orgs/export.xlsx", EVERYONE, None),
    ("audit log", "get", "/audit/", AUDIT, 403),
    ("audit export", "get", "/audit/export.xlsx", AUDIT, 403),
    ("inbox", "get", "/inbox/", EVERYONE, None),
    ("calendar", "get", "/calendar/", ADMINS, 403),
    ("search", "get", "/search/?q=甲", EVERYONE, None),
]


def _url(template, cast):
    ids = {u.code: u.pk for u in (cast.city, cast.county_a, cast.school_a1, cast.school_b1)}
    ids.update({name: p.pk for name, p in cast.people().items()})
    for key, value in ids.items():
        template = template.replace("{" + key + "}", str(value))
    return template


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "public")
@pytest.mark.parametrize("name, method, url, allowed, denied", PAGES, ids=[p[0] for p in PAGES])
def test_matrix(cast, login, role, name, method, url, allowed, denied):
    client = login(getattr(cast, role) if role else None)
    response = getattr(client, method)(_url(url, cast))
    if role is None:
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/login/" not in response["Location"]
    else:
        assert response.status_code == denied, response.status_code
