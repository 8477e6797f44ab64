"""Every write to the organisation: logins, passwords, units, people, roles, regions."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.actions import diff, record

from .models import Membership, PartyOrg, Person, Region, Unit


def login_failed(person: Person, *, now=None) -> Person:
    """Count a failed password; the Nth failure in a row locks the account for a while."""
    now = now or timezone.now()
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        person.failed_logins += 1
        changes = {"failed_logins": [person.failed_logins - 1, person.failed_logins]}
        if person.failed_logins >= settings.LOGIN_MAX_FAILURES:
            person.locked_until = now + timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
            person.failed_logins = 0
            changes["locked_until"] = [None, person.locked_until]
        person.save(update_fields=["failed_logins", "locked_until"])
        record(None, "login.failed", person, changes=changes)
    return person


def login_succeeded(person: Person) -> None:
    with transaction.atomic():
        Person.objects.filter(pk=person.pk).update(failed_logins=0, locked_until=None,
                                                  last_login=timezone.now())
        record(person, "login", person)


def logged_out(person: Person) -> None:
    with transaction.atomic():
        record(person, "logout", person)


def change_password(person: Person, new_password: str, *, actor: Person) -> None:
    with transaction.atomic():
        person.set_password(new_password)
        person.must_change_password = actor.pk != person.pk
        person.save(update_fields=["password", "must_change_password"])
        record(actor, "person.password_changed", person)


@transaction.atomic
def create_unit(*, actor, parent: Unit | None, **fields) -> Unit:
    unit = (Unit.objects.add_child(parent, create_kwargs=fields) if parent
            else Unit.objects.add_root(create_kwargs=fields))
    record(actor, "unit.created", unit, changes={k: [None, v] for k, v in fields.items()})
    return unit


def _save_changes(obj, fields: dict, *, actor, action: str) -> dict:
    """Set and save the fields that differ, with one audit row; {} when nothing changed."""
    changes = diff(obj, fields)
    if changes:
        for k, v in fields.items():
            setattr(obj, k, v)
        obj.save(update_fields=list(fields))
        record(actor, action, obj, changes=changes)
    return changes


@transaction.atomic
def update_unit(unit: Unit, *, actor, **fields) -> dict:
    return _save_changes(unit, fields, actor=actor, action="unit.updated")


@transaction.atomic
def move_unit(unit: Unit, new_parent: Unit, *, actor) -> None:
    old_parent = unit.get_parent()
    Unit.objects.move(unit, new_parent, pos="sorted-child")
    record(actor, "unit.moved", unit, changes={"parent": [str(old_parent), str(new_parent)]})


@transaction.atomic
def create_person(*, actor, password: str | None = None, roles=(), **fields) -> Person:
    person = Person(**fields)
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.save()
    record(actor, "person.created", person,
           changes={k: [None, v] for k, v in fields.items() if k != "password"})
    for unit, role in roles:
        add_membership(person, unit, role, actor=actor)
    return person


@transaction.atomic
def update_person(person: Person, *, actor, **fields) -> dict:
    return _save_changes(person, fields, actor=actor, action="person.updated")


@transaction.atomic
def unlock(person: Person, *, actor) -> dict:
    """Lift a login lockout before it runs out."""
    return _save_changes(person, {"locked_until": None, "failed_logins": 0}, actor=actor,
                         action="person.unlocked")


@transaction.atomic
def add_membership(person: Person, unit: Unit, role: str, *, actor) -> Membership:
    m, created = Membership.objects.get_or_create(person=person, unit=unit, role=role)
    if created:
        record(actor, "membership.added", m, changes={"role": [None, role]})
    return m


@transaction.atomic
def remove_membership(membership: Membership, *, actor) -> None:
    record(actor, "membership.removed", membership, changes={"role": [membership.role, None]})
    membership.delete()


@transaction.atomic
def assign_region(person: Person, unit: Unit, kind: str, *, actor) -> Region:
    region, created = Region.objects.get_or_create(person=person, unit=unit, kind=kind)
    if created:
        record(actor, "region.assigned", region, changes={"unit": [None, unit.name]})
    return region


@transaction.atomic
def set_party_org(unit: Unit, *, actor, **fields) -> PartyOrg:
    org = PartyOrg.objects.filter(unit=unit).first()
    if org is None:
        org = PartyOrg.objects.create(unit=unit, **fields)
        record(actor, "party_org.created", org, changes={k: [None, v] for k, v in fields.items()})
    else:
        _save_changes(org, fields, actor=actor, action="party_org.updated")
    return org
