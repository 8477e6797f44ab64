"""Logging in: phone or staff number, lockout, forced password change, policy, hashing."""

import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from conftest import PASSWORD
from orgs.models import Person


def post_login(client, ident, password):
    return client.post("/login/", {"username": ident, "password": password})


def test_login_by_phone_and_by_staff_number(cast):
    for ident in (cast.staff.phone, cast.staff.staff_no):
        c = Client()
        r = post_login(c, ident, PASSWORD)
        assert r.status_code == 302 and r["Location"] == "/"
        assert c.get("/").context["user"] == cast.staff
    assert AuditEvent.objects.filter(action="login", object_id=str(cast.staff.pk)).count() == 2


def test_five_failures_lock_the_account_for_15_minutes(cast):
    c = Client()
    for i in range(4):
        r = post_login(c, cast.staff.phone, "wrong-password")
        assert f"{4 - i}" in r.content.decode()  # attempts left, said on the page
    r = post_login(c, cast.staff.phone, "wrong-password")
    page = r.content.decode()
    assert "locked" in page or "锁定" in page
    person = Person.objects.get(pk=cast.staff.pk)
    assert person.is_locked()
    remaining = person.locked_until - timezone.now()
    assert timedelta(minutes=14) < remaining <= timedelta(minutes=15)
    # the right password does not help while locked
    r = post_login(c, cast.staff.phone, PASSWORD)
    assert r.status_code == 200 and ("锁定" in r.content.decode() or "locked" in r.content.decode())
    # after the lock expires the right password works again
    Person.objects.filter(pk=person.pk).update(locked_until=timezone.now() - timedelta(seconds=1))
    assert post_login(Client(), cast.staff.phone, PASSWORD).status_code == 302
    assert AuditEvent.objects.filter(action="login.failed", object_id=str(person.pk)).count() == 5


def test_unknown_login_gets_the_generic_message(db):
    r = post_login(Client(), "13912345678", "whatever-Pass1")
    assert r.status_code == 200
    assert "13912345678" not in r.content.decode().split("<form")[0]


def test_first_login_forces_a_password_change(cast):
    Person.objects.filter(pk=cast.staff.pk).update(must_change_password=True)
    c = Client()
    post_login(c, cast.staff.phone, PASSWORD)
    r = c.get("/orgs/")
    assert r.status_code == 302 and r["Location"] == "/password/"
    r = c.post("/password/", {"old_password": PASSWORD, "new_password1": "abc",
                              "new_password2": "abc"})
    assert r.status_code == 200  # too weak: stays on the form
    assert Person.objects.get(pk=cast.staff.pk).must_change_password
    r = c.post("/password/", {"old_password": PASSWORD, "new_password1": "Qiu#Shan2026x",
                              "new_password2": "Qiu#Shan2026x"})
    assert r.status_code == 302
    assert not Person.objects.get(pk=cast.staff.pk).must_change_password
    assert c.get("/orgs/").status_code == 200


@pytest.mark.parametrize("password", ["short1!A", "alllowercaseletters", "1234567890123",
                                      "password123"])
def test_weak_passwords_are_refused(cast, password):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password(password, cast.staff)


def test_argon2_is_the_password_hasher():
    from duban import settings as project_settings  # the tests swap in a fast hasher

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_argon2_hash_really_made(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    p = Person.objects.create_user(phone="13700000000", password="Some#Pass2026", name="甲")
    assert p.password.startswith("argon2$")


def test_session_idles_out_after_30_minutes(cast):
    from django.contrib.sessions.models import Session

    assert django_settings.SESSION_COOKIE_AGE == 1800
    c = Client()
    post_login(c, cast.staff.phone, PASSWORD)
    key = c.session.session_key
    # activity renews the expiry (at most once a minute, so pages do not all write)
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=5))
    session = c.session
    session["_seen"] = int(time.time()) - 120
    session.save()
    assert c.get("/").status_code == 200
    expiry = Session.objects.get(pk=key).expire_date - timezone.now()
    assert timedelta(minutes=29) < expiry <= timedelta(minutes=30)
    # a page view within the minute does not write the session again
    before = Session.objects.get(pk=key).expire_date
    c.get("/")
    assert Session.objects.get(pk=key).expire_date == before
    # 30 minutes without activity: the session is gone and the next page asks to log in
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    r = c.get("/")
    assert r.status_code == 302 and "/login/" in r["Location"]


def test_expired_session_mid_form_says_so(cast):
    c = Client()
    c.cookies[django_settings.SESSION_COOKIE_NAME] = "expired-session-key"
    r = c.get("/orgs/import/")
    assert r.status_code == 302
    r = c.get(r["Location"])
    assert "请登录后继续" in r.content.decode()


def test_security_headers(cast, login):
    r = login(cast.staff).get("/")
    csp = r["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert r["X-Frame-Options"] == "DENY"
    assert r["X-Content-Type-Options"] == "nosniff"


def test_logout_needs_post_and_is_audited(cast, login):
    c = login(cast.staff)
    assert c.get("/logout/").status_code == 405
    assert c.post("/logout/").status_code == 302
    assert AuditEvent.objects.filter(action="logout").count() == 1


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        "DUBAN_ENV": "production",
        "DUBAN_SECRET_KEY": "k" * 20 + "Zx8#q!mP2vL9wR4tY7uI0oE3aS6dF1gH5jK",
        "DUBAN_ALLOWED_HOSTS": "duban.example.edu.cn",
        "DUBAN_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "PATH": "/usr/bin:/bin",
    }
    r = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level",
                        "WARNING"], capture_output=True, text=True, env=env,
                       cwd=django_settings.BASE_DIR)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "no issues" in r.stdout


def test_administrator_unlocks_a_locked_account(cast, login):
    Person.objects.filter(pk=cast.staff.pk).update(
        locked_until=timezone.now() + timedelta(minutes=10), failed_logins=0)
    page = login(cast.admin).get(f"/orgs/people/{cast.staff.pk}/").content.decode()
    assert "解除锁定" in page or "Unlock" in page
    assert login(cast.admin).post(f"/orgs/people/{cast.staff.pk}/unlock/").status_code == 302
    assert not Person.objects.get(pk=cast.staff.pk).is_locked()
    assert AuditEvent.objects.filter(action="person.unlocked").count() == 1
    assert post_login(Client(), cast.staff.phone, PASSWORD).status_code == 302
