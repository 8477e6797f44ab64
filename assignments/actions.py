"""Every write to 督办 items. Each action checks the actor, checks the ALLOWED table, updates
inside one transaction with a conditional update on `version`, writes the audit row and sends
the notifications."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.actions import record
from duban.uploads import check_evidence
from inbox.actions import notify
from orgs.choices import Role
from orgs.models import Membership, Person
from workdays.models import load as load_calendar

from . import permissions as perms
from .choices import (
    EXTENSION_ALLOWED,
    NEEDS_REASON,
    REPORT_ALLOWED,
    ExtensionState,
    ReportState,
    State,
    Verb,
    next_state,
)
from .models import Evidence, ExtensionRequest, Item, Milestone, ProgressReport, Summons
from .scheduling import schedule_backwards


class Conflict(Exception):
    """Someone else changed the item since the form was opened."""

    def __init__(self):
        super().__init__(_("This item was changed by someone else. Reload the page and try "
                           "again."))


class TransitionError(ValidationError):
    pass


def _today(now) -> date:
    return timezone.localdate(now)


def unit_heads(unit_ids) -> dict[int, list[Person]]:
    out: dict[int, list[Person]] = {}
    for m in (Membership.objects.filter(unit_id__in=list(unit_ids), role=Role.UNIT_HEAD)
              .select_related("person").order_by("person_id")):
        out.setdefault(m.unit_id, []).append(m.person)
    return out


def _owners(item) -> list[Person]:
    """Who the item waits on: its owner, else the lead unit's heads."""
    if item.owner_id:
        return [item.owner]
    return unit_heads([item.lead_unit_id]).get(item.lead_unit_id, [])


def _check_deadline(deadline, today, parent=None, field="deadline"):
    if deadline is None:
        raise ValidationError({field: _("Give a deadline.")})
    if deadline < today:
        raise ValidationError({field: _("The deadline %(d)s is in the past.") % {"d": deadline}})
    if parent is not None and deadline > parent.deadline:
        raise ValidationError({field: _("The deadline %(d)s is after the deadline of the item it "
                                        "belongs to (%(p)s).") % {"d": deadline,
                                                                   "p": parent.deadline}})


def _check_units(actor, units, field="lead_unit"):
    allowed = set(perms.issuable_units(actor).filter(pk__in=[u.pk for u in units])
                  .values_list("pk", flat=True))
    outside = [u.name for u in units if u.pk not in allowed]
    if outside:
        raise ValidationError({field: _("%(units)s is outside the units you may assign work to.")
                               % {"units": "、".join(outside)}})


def _conditional_update(item, expected_version, **fields) -> None:
    """Update the item only if nobody changed it since `expected_version`; else Conflict."""
    n = Item.objects.filter(pk=item.pk, version=expected_version).update(
        version=F("version") + 1, **fields)
    if n != 1:
        raise Conflict()
    for k, v in fields.items():
        setattr(item, k, v)
    item.version = expected_version + 1


# --- Creating and editing -------------------------------------------------------------------

EDITABLE = ["title", "description", "source", "category", "lead_unit", "responsible_leader",
            "owner", "deadline", "priority", "is_public", "report_cadence", "metric",
            "metric_unit", "target_value"]


def create_item(*, actor, now, co_units=(), parent=None, notify_owner=True, **fields) -> Item:
    """Issue a new 督办 item (or a part of `parent`)."""
    if parent is None and not perms.can_issue(actor):
        raise PermissionDenied
    today = _today(now)
    _check_deadline(fields.get("deadline"), today, parent)
    _check_units(actor, [fields["lead_unit"]])
    if co_units:
        _check_units(actor, list(co_units), "co_units")
    if not (fields.get("title") or "").strip():
        raise ValidationError({"title": _("Give the item a title.")})
    with transaction.atomic():
        item = Item(issuer=actor, issued_on=today, created_at=now, updated_at=now,
                    parent=parent, **fields)
        if parent is not None:
            item.lineage = f"{parent.lineage}{parent.pk}/"
        item.refresh_facts()
        item.save()
        if co_units:
            item.co_units.set(co_units)
        record(actor, "item.issue", item, changes={
            "deadline": [None, item.deadline], "lead_unit": [None, item.lead_unit],
            "owner": [None, item.owner], "parent": [None, parent]})
        if notify_owner:
            notify(_owners(item), _("New supervision item to sign for: %(t)s") % {"t": item.title},
                   body=_("Deadline %(d)s.") % {"d": item.deadline}, url=item.get_absolute_url(),
                   kind="assignments")
    return item


def edit_item(item, *, actor, now, version, values: dict) -> Item:
    """Change an item's fields; a stale `version` raises Conflict and nothing is saved."""
    if not perms.manages(actor, item):
        raise PermissionDenied
    values = {k: v for k, v in values.items() if k in EDITABLE}
    if "deadline" in values and values["deadline"] != item.deadline:
        _check_deadline(values["deadline"], _today(now), item.parent)
        if item.parts.filter(deadline__gt=values["deadline"]).exists():
            raise ValidationError({"deadline": _("Some parts of this item are due after that "
                                                 "date; move their deadlines first.")})
    if "lead_unit" in values and values["lead_unit"] != item.lead_unit:
        _check_units(actor, [values["lead_unit"]])
    from audit.actions import diff

    changes = diff(item, values)
    with transaction.atomic():
        probe = Item(**{f: getattr(item, f) for f in ("issued_on", "deadline", "progress",
                                                       "last_report_on", "report_cadence")})
        for k in ("deadline", "report_cadence"):
            if k in values:
                setattr(probe, k, values[k])
        probe.refresh_facts()
        _conditional_update(item, version, updated_at=now, on_track_until=probe.on_track_until,
                            next_report_due=probe.next_report_due, **values)
        record(actor, "item.edit", item, changes=changes)
    return item


# --- Decomposition and backward scheduling --------------------------------------------------

@dataclass
class Part:
    unit: object
    owner: Person | None
    deadline: date
    title: str = ""


def decompose(item, parts: list[Part], *, actor, now) -> list[Item]:
    """Split an item into parts for units or people (任务到人); all or nothing."""
    if not perms.can_decompose(actor, item):
        raise PermissionDenied
    if not parts:
        raise ValidationError(_("Choose at least one unit or person."))
    today = _today(now)
    for p in parts:
        _check_deadline(p.deadline, today, item)
    _check_units(actor, [p.unit for p in parts], "units")
    for p in parts:
        if p.owner is not None and (p.owner.unit is None or
                                    not p.owner.unit.path.startswith(p.unit.path)):
            raise ValidationError({"people": _("%(p)s does not work in %(u)s.")
                                   % {"p": p.owner.name, "u": p.unit.name}})
    heads = unit_heads([p.unit.pk for p in parts if p.owner is None])
    created = []
    with transaction.atomic():
        for p in parts:
            owner = p.owner or (heads.get(p.unit.pk) or [None])[0]
            created.append(create_item(
                actor=actor, now=now, parent=item,
                title=p.title or f"{item.title}（{p.unit.name}）",
                description=item.description, source=item.source, category=item.category,
                lead_unit=p.unit, responsible_leader=item.responsible_leader, owner=owner,
                deadline=p.deadline, priority=item.priority, is_public=item.is_public,
                report_cadence=item.report_cadence, metric=item.metric,
                metric_unit=item.metric_unit,
                source_document_id=item.source_document_id))
        record(actor, "item.decompose", item,
               changes={"parts": [None, [c.title for c in created]]})
    return created


def plan_milestones(item, steps, *, actor, now, cal=None) -> list[Milestone]:
    """Replace the item's open milestones with a plan scheduled back from its deadline."""
    if not (perms.manages(actor, item) or perms.acts_for(actor, item)):
        raise PermissionDenied
    cal = cal or load_calendar()
    dated = schedule_backwards(item.deadline, steps, cal)
    with transaction.atomic():
        item.milestones.filter(done_at__isnull=True).delete()
        out = Milestone.objects.bulk_create(
            [Milestone(item=item, name=name, due=due) for name, due in dated])
        record(actor, "item.plan", item, changes={"milestones": [None, [
            f"{n} {d.isoformat()}" for n, d in dated]]})
    return out


def edit_milestone(ms, *, actor, now, name, due, done):
    item = ms.item
    if not (perms.manages(actor, item) or perms.acts_for(actor, item)):
        raise PermissionDenied
    if due > item.deadline:
        raise ValidationError({"due": _("A step cannot be due after the item's deadline.")})
    values = {"name": name, "due": due, "done_at": (ms.done_at or _today(now)) if done else None}
    from audit.actions import diff

    with transaction.atomic():
        changes = diff(ms, values)
        for k, v in values.items():
            setattr(ms, k, v)
        ms.save()
        record(actor, "item.milestone", item, changes=changes)
    return ms


# --- The lifecycle --------------------------------------------------------------------------

NOTICE = {
    Verb.SIGN: ("issuer", "%(who)s signed for “%(t)s”."),
    Verb.START: ("issuer", "%(who)s started work on “%(t)s”."),
    Verb.REPORT_DONE: ("issuer", "%(who)s reported “%(t)s” done; please verify."),
    Verb.VERIFY: ("owner", "“%(t)s” was verified by %(who)s."),
    Verb.RETURN: ("owner", "“%(t)s” was returned by %(who)s: %(reason)s"),
    Verb.CLOSE: ("owner", "“%(t)s” was closed by %(who)s."),
    Verb.SUSPEND: ("owner", "“%(t)s” was suspended by %(who)s: %(reason)s"),
    Verb.RESUME: ("owner", "“%(t)s” was resumed by %(who)s."),
    Verb.CANCEL: ("owner", "“%(t)s” was cancelled by %(who)s: %(reason)s"),
}


def transition(item, verb, *, actor, now, reason="", version=None, notify_people=True) -> Item:
    """Move an item by `verb` if the table allows it and the actor may."""
    if not perms.may(actor, item, verb):
        raise PermissionDenied
    new = next_state(item.state, verb)
    if new is None:
        raise TransitionError(
            _("“%(verb)s” is not possible while the item is “%(state)s”.")
            % {"verb": Verb(verb).label, "state": State(item.state).label})
    reason = (reason or "").strip()
    if verb in NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    today = _today(now)
    fields = {"state": new, "state_reason": reason, "updated_at": now}
    if verb == Verb.SIGN:
        fields["signed_on"] = today
    elif verb == Verb.REPORT_DONE:
        fields["reported_on"] = today
        fields["progress"] = 100
    elif verb == Verb.VERIFY:
        fields["finished_on"] = item.reported_on or today
    elif verb == Verb.RETURN:
        fields["finished_on"] = None
    old = item.state
    expected = item.version if version is None else int(version)
    with transaction.atomic():
        _conditional_update(item, expected, **fields)
        item.refresh_facts()
        Item.objects.filter(pk=item.pk).update(on_track_until=item.on_track_until,
                                               next_report_due=item.next_report_due)
        record(actor, f"item.{verb}", item, changes={"state": [old, new],
                                                     **({"reason": [None, reason]}
                                                        if reason else {})})
        if notify_people:
            whom, text = NOTICE[verb]
            people = [item.issuer] if whom == "issuer" else _owners(item)
            notify([p for p in people if p.pk != actor.pk],
                   _(text) % {"who": actor.name, "t": item.title, "reason": reason},
                   url=item.get_absolute_url(), kind="assignments")
    return item


def sign_for(item, *, actor, now, version=None):
    return transition(item, Verb.SIGN, actor=actor, now=now, version=version)


def start(item, *, actor, now, version=None):
    return transition(item, Verb.START, actor=actor, now=now, version=version)


def report_done(item, *, actor, now, version=None):
    return transition(item, Verb.REPORT_DONE, actor=actor, now=now, version=version)


def verify(item, *, actor, now, version=None):
    return transition(item, Verb.VERIFY, actor=actor, now=now, version=version)


def return_item(item, *, actor, now, reason, version=None):
    return transition(item, Verb.RETURN, actor=actor, now=now, reason=reason, version=version)


def close(item, *, actor, now, version=None):
    return transition(item, Verb.CLOSE, actor=actor, now=now, version=version)


def suspend(item, *, actor, now, reason, version=None):
    return transition(item, Verb.SUSPEND, actor=actor, now=now, reason=reason, version=version)


def resume(item, *, actor, now, version=None):
    return transition(item, Verb.RESUME, actor=actor, now=now, version=version)


def cancel(item, *, actor, now, reason, version=None):
    return transition(item, Verb.CANCEL, actor=actor, now=now, reason=reason, version=version)


# --- Progress reports -----------------------------------------------------------------------

def submit_report(item, *, actor, now, text, client_token, percent=None, metric_value=None,
                  files=(), final=False) -> ProgressReport:
    """File a progress report (with evidence); the same client_token twice gives one report.
    `final` also reports the item done (报结)."""
    if not perms.acts_for(actor, item):
        raise PermissionDenied
    existing = ProgressReport.objects.filter(item=item, client_token=client_token).first()
    if existing is not None:
        return existing
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what was done: an empty report cannot be "
                                         "submitted.")})
    if percent is not None and not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Give a percentage between 0 and 100.")})
    if final and item.state not in (State.SIGNED, State.IN_PROGRESS):
        raise TransitionError(_("Only an item being worked on can be reported done."))
    if not final and item.state not in (State.ISSUED, State.SIGNED, State.IN_PROGRESS):
        raise TransitionError(_("This item takes no progress reports now (it is “%(s)s”).")
                              % {"s": State(item.state).label})
    kinds = []
    for f in files:
        kinds.append(check_evidence(f))  # ValidationError before anything is saved
    if percent is None and metric_value is not None and item.target_value:
        percent = min(100, int(Decimal(metric_value) * 100 / item.target_value))
    today = _today(now)
    try:
        with transaction.atomic():
            report = ProgressReport.objects.create(
                item=item, author=actor, text=text, percent=percent, metric_value=metric_value,
                is_final=final, submitted_at=now, client_token=client_token)
            for f, kind in zip(files, kinds, strict=True):
                Evidence.objects.create(report=report, file=f, kind=kind,
                                        original_name=f.name[:200], size=f.size)
            if item.state == State.ISSUED:
                transition(item, Verb.SIGN, actor=actor, now=now, notify_people=False)
            if item.state == State.SIGNED and not final:
                transition(item, Verb.START, actor=actor, now=now, notify_people=False)
            item.last_report_on = today
            item.progress_note = text
            if percent is not None:
                item.progress = percent
            if metric_value is not None:
                item.current_value = metric_value
            item.refresh_facts()
            Item.objects.filter(pk=item.pk).update(
                last_report_on=today, progress_note=text, progress=item.progress,
                current_value=item.current_value, on_track_until=item.on_track_until,
                next_report_due=item.next_report_due, updated_at=now,
                version=F("version") + 1)
            item.version += 1
            record(actor, "item.report", item, changes={
                "progress": [None, percent], "text": [None, text[:200]],
                "evidence": [None, [f.name for f in files]]})
            if final:
                transition(item, Verb.REPORT_DONE, actor=actor, now=now)
            else:
                notify([item.issuer], _("New progress report on “%(t)s”") % {"t": item.title},
                       body=text[:200], url=item.get_absolute_url(), kind="assignments")
    except IntegrityError:  # the same submission arrived twice at once
        return ProgressReport.objects.get(item=item, client_token=client_token)
    return report


def review_report(report, *, actor, now, accept: bool, comment="") -> ProgressReport:
    """Accept or return a report; a final report's review verifies or returns the item."""
    item = report.item
    if not perms.reviews(actor, item):
        raise PermissionDenied
    verb = "accept" if accept else "return"
    new = REPORT_ALLOWED.get((report.state, verb))
    if new is None:
        raise TransitionError(_("This report has already been reviewed."))
    comment = (comment or "").strip()
    if not accept and not comment:
        raise ValidationError({"comment": _("Say why the report is returned.")})
    with transaction.atomic():
        n = ProgressReport.objects.filter(pk=report.pk, state=report.state).update(
            state=new, reviewer=actor, reviewed_at=now, reviewer_comment=comment)
        if n != 1:
            raise Conflict()
        report.state, report.reviewer, report.reviewer_comment = new, actor, comment
        record(actor, f"item.report_{verb}", item, changes={
            "report": [None, report.pk], "comment": [None, comment]})
        if report.is_final and item.state == State.REPORTED:
            if accept:
                transition(item, Verb.VERIFY, actor=actor, now=now)
            else:
                transition(item, Verb.RETURN, actor=actor, now=now, reason=comment)
        else:
            if not accept:
                _recompute_progress(item, now)
            notify(_owners(item), (_("Your report on “%(t)s” was accepted.") if accept else
                                   _("Your report on “%(t)s” was returned: %(c)s"))
                   % {"t": item.title, "c": comment}, url=item.get_absolute_url(),
                   kind="assignments")
    return report


def _recompute_progress(item, now):
    last = (item.reports.exclude(state=ReportState.RETURNED).exclude(percent__isnull=True)
            .order_by("-submitted_at").first())
    item.progress = last.percent if last else 0
    item.refresh_facts()
    Item.objects.filter(pk=item.pk).update(progress=item.progress,
                                           on_track_until=item.on_track_until, updated_at=now)


# --- Extensions -----------------------------------------------------------------------------

def request_extension(item, *, actor, now, new_deadline, reason) -> ExtensionRequest:
    if not perms.acts_for(actor, item):
        raise PermissionDenied
    if not item.is_open:
        raise TransitionError(_("Only an open item can be extended."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    if new_deadline is None or new_deadline <= item.deadline:
        raise ValidationError({"new_deadline": _("The new deadline must be later than the "
                                                 "current one (%(d)s).") % {"d": item.deadline}})
    if item.parent is not None and new_deadline > item.parent.deadline:
        raise ValidationError({"new_deadline": _(
            "The new deadline is after the deadline of the item it belongs to (%(p)s).")
            % {"p": item.parent.deadline}})
    if item.extensions.filter(state=ExtensionState.PENDING).exists():
        raise ValidationError(_("An extension request is already waiting for a decision."))
    with transaction.atomic():
        ext = ExtensionRequest.objects.create(item=item, requested_by=actor, reason=reason,
                                              new_deadline=new_deadline, created_at=now)
        record(actor, "item.extension_request", item,
               changes={"deadline": [item.deadline, new_deadline], "reason": [None, reason]})
        notify([item.issuer], _("Extension requested for “%(t)s”: %(d)s")
               % {"t": item.title, "d": new_deadline}, body=reason,
               url=item.get_absolute_url(), kind="assignments")
    return ext


def decide_extension(ext, *, actor, now, approve: bool, note="") -> ExtensionRequest:
    item = ext.item
    if not perms.manages(actor, item):
        raise PermissionDenied
    verb = "approve" if approve else "refuse"
    new = EXTENSION_ALLOWED.get((ext.state, verb))
    if new is None:
        raise TransitionError(_("This request has already been decided."))
    with transaction.atomic():
        n = ExtensionRequest.objects.filter(pk=ext.pk, state=ext.state).update(
            state=new, decided_by=actor, decided_at=now, decision_note=note)
        if n != 1:
            raise Conflict()
        ext.state = new
        if approve:
            old = item.deadline
            item.deadline = ext.new_deadline
            item.refresh_facts()
            _conditional_update(item, item.version, deadline=ext.new_deadline,
                                on_track_until=item.on_track_until, updated_at=now)
            record(actor, "item.extension_approve", item,
                   changes={"deadline": [old, ext.new_deadline]})
        else:
            record(actor, "item.extension_refuse", item, changes={"note": [None, note]})
        notify(_owners(item), (_("Extension for “%(t)s” approved: new deadline %(d)s.") if approve
                               else _("Extension for “%(t)s” refused."))
               % {"t": item.title, "d": ext.new_deadline}, body=note,
               url=item.get_absolute_url(), kind="assignments")
    return ext


# --- Reminders by hand and summons ----------------------------------------------------------

def nudge(items, *, actor, now) -> int:
    """Batch remind from the office board: one message per person listing their items."""
    by_person: dict[int, tuple[Person, list[Item]]] = {}
    for item in items:
        if not item.is_open or not perms.manages(actor, item):
            continue
        for p in _owners(item):
            by_person.setdefault(p.pk, (p, []))[1].append(item)
    with transaction.atomic():
        for person, its in by_person.values():
            notify([person], _("Reminder from the supervision office: %(n)s item(s)")
                   % {"n": len(its)},
                   body="\n".join(f"· {i.title}（{i.deadline}）" for i in its),
                   url="/assignments/todo/", kind="assignments")
            for i in its:
                record(actor, "item.nudge", i, changes={"to": [None, person.name]})
    return len(by_person)


def summon(unit, *, actor, now, reason, date, items=()) -> Summons:
    if not (actor.has_role(Role.OFFICE, Role.LEADER, Role.DISCIPLINE) and perms.sees(actor, unit)):
        raise PermissionDenied
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason.")})
    with transaction.atomic():
        s = Summons.objects.create(unit=unit, reason=reason.strip(), date=date,
                                   created_by=actor, created_at=now)
        if items:
            s.items.set(items)
        record(actor, "summons.create", s, changes={"date": [None, date],
                                                    "items": [None, [i.pk for i in items]]})
        heads = unit_heads([unit.pk]).get(unit.pk, [])
        notify(heads, _("You are summoned for a talk (约谈) on %(d)s") % {"d": date},
               body=reason, url="/assignments/summons/", kind="assignments")
    return s


def follow_up_summons(s, *, actor, now, state, outcome) -> Summons:
    if not (actor.has_role(Role.OFFICE, Role.LEADER, Role.DISCIPLINE)
            and perms.sees(actor, s.unit)):
        raise PermissionDenied
    from audit.actions import diff

    with transaction.atomic():
        changes = diff(s, {"state": state, "outcome": outcome})
        Summons.objects.filter(pk=s.pk).update(state=state, outcome=outcome)
        s.state, s.outcome = state, outcome
        record(actor, "summons.follow_up", s, changes=changes)
    return s
