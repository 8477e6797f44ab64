"""Every write to the ledgers. Each action checks the actor, works inside one transaction,
writes its audit rows there, and tells the people concerned (双反馈) through the inbox."""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from audit.actions import diff, record
from duban.uploads import check_evidence
from inbox.actions import notify
from orgs.choices import Role, UnitKind
from orgs.models import Membership

from . import permissions as perms
from .choices import (
    ALLOWED,
    CaseState,
    ListType,
    MeasureState,
    PointKind,
    ReinspectionOutcome,
    State,
)
from .models import (
    Case,
    Checklist,
    ChecklistAnswer,
    ChecklistAssignment,
    ChecklistPoint,
    Evidence,
    Item,
    Measure,
    Reinspection,
)
from .privacy import personal_data_in

KIND = "rectification"


class ActionError(Exception):
    """A write that cannot be done; the message tells the user why and what to do."""


class Conflict(ActionError):
    """Someone else changed the item meanwhile."""


def _d(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _people_named(item: Item) -> list[str]:
    people = [item.owner, item.person, item.raised_by, item.responsible_leader]
    people += [m.owner for m in item.measures.select_related("owner")] if item.pk else []
    return [p.name for p in people if p is not None]


def check_public_summary(item: Item):
    """An item may be published only with a summary that holds no personal data."""
    if not item.is_public:
        return
    if item.is_personal:
        raise ActionError(_("Items of a personal rectification list are never published."))
    if not item.public_summary.strip():
        raise ActionError(_("Write the public summary (what may be published) before marking "
                            "the item public."))
    found = personal_data_in(f"{item.public_summary}\n{item.category}", _people_named(item))
    if found:
        raise ActionError(_("The public summary contains personal data (%(found)s). Remove "
                            "names, phone numbers and the like before publishing.")
                          % {"found": "、".join(found)})


def _check_dates(found_on, deadline):
    if found_on and deadline and deadline < found_on:
        raise ActionError(_("The deadline (%(deadline)s) is earlier than the date the problem "
                            "was found (%(found)s).")
                          % {"deadline": _d(deadline), "found": _d(found_on)})


def _sees(person, item: Item) -> bool:
    return person is not None and perms.sees_item(person, item)


def _feedback(item: Item, actor, *, owner_title="", progress_title="", body=""):
    """双反馈: the owner is told what to fix and by when; whoever raised it sees the progress."""
    url = item.get_absolute_url()
    if item.is_personal:
        body = ""  # personal details stay inside the product (see _short)
    if owner_title and item.owner_id != getattr(actor, "pk", None):
        notify([item.owner], owner_title, body=body, url=url, kind=KIND)
    if (progress_title and item.raised_by_id and item.raised_by_id != getattr(actor, "pk", None)
            and item.raised_by_id != item.owner_id and _sees(item.raised_by, item)):
        notify([item.raised_by], progress_title, body=body, url=url, kind=KIND)


def _short(item: Item) -> str:
    """The problem as named in notifications. Notifications also leave by e-mail and webhook,
    so a personal list item is named by its number only."""
    if item.is_personal:
        return _("personal rectification item #%(pk)s") % {"pk": item.pk}
    text = item.problem.replace("\n", " ")
    return text[:30] + ("…" if len(text) > 30 else "")


def _tell_co_units(item: Item, actor, unit_ids) -> None:
    """The heads of units newly asked to co-operate (配合单位) learn of it in their inbox."""
    if not unit_ids:
        return
    heads = (Membership.objects.filter(role__in=[Role.UNIT_HEAD, Role.DEPT_HEAD],
                                       unit_id__in=unit_ids)
             .exclude(person_id=getattr(actor, "pk", None)).select_related("person"))
    notify([m.person for m in heads],
           _("Your unit is asked to co-operate on: %(problem)s") % {"problem": _short(item)},
           body=item.goal, url=item.get_absolute_url(), kind=KIND)


def unit_reviewers(item: Item):
    """Who reviews the sign-off first: heads of the lead unit and the units above it."""
    if item.is_personal:
        qs = Membership.objects.filter(role=Role.BRANCH_SECRETARY, unit_id=item.lead_unit_id)
        people = [m.person for m in qs.select_related("person") if m.person_id != item.person_id]
        return people or office_reviewers(item)
    path = item.lead_unit.path
    ancestors = [path[:i] for i in range(4, len(path) + 1, 4)]
    qs = Membership.objects.filter(
        Q(role__in=[Role.UNIT_HEAD, Role.DEPT_HEAD], unit__path__in=ancestors)
        | Q(role=Role.LEADER, unit_id=item.lead_unit_id)).select_related("person")
    return [m.person for m in qs if m.person_id != item.owner_id]


def office_reviewers(item: Item):
    """Who signs off: the supervision office (personal list: discipline inspectors) above."""
    role = Role.DISCIPLINE if item.is_personal else Role.OFFICE
    path = item.lead_unit.path
    qs = Membership.objects.filter(role=role, unit__path__startswith=path[:4]).select_related(
        "person", "unit")
    out = []
    for m in qs:
        p = m.unit.path[:-4] if m.unit.kind == UnitKind.DEPARTMENT else m.unit.path
        if path.startswith(p) and m.person_id not in (item.owner_id, item.person_id):
            out.append(m.person)
    return out


# --- Items -----------------------------------------------------------------------------------
def _check_no_co_units(co_units):
    """Co-operation never widens a personal list item's small circle."""
    if co_units:
        raise ActionError(_("A personal rectification list item has no co-operating units: it "
                            "stays between the person, their branch secretary and discipline "
                            "inspectors."))


ITEM_FIELDS = ["list_type", "source", "source_type", "source_id", "assignment_item_id",
               "problem", "category", "goal", "kind", "responsible_leader", "lead_unit", "owner",
               "person", "raised_by", "risk_point", "risk_level", "prevention", "found_on",
               "deadline", "is_public", "public_summary", "progress"]


def create_item(actor, *, co_units=(), today: date, notify_owner=True, permitted=False,
                **values) -> Item:
    """Put a problem on a list. Personal items belong to their person and are never public.
    `permitted`: the calling action has already checked the actor (a checklist answer)."""
    values = {k: v for k, v in values.items() if k in ITEM_FIELDS}
    list_type = values.get("list_type")
    if list_type == ListType.PERSONAL:
        person = values.get("person")
        if person is None:
            raise ActionError(_("A personal rectification list item needs its person."))
        values["lead_unit"] = person.unit
        values.setdefault("owner", person)
        values["owner"] = values["owner"] or person
        values["is_public"] = False
        _check_no_co_units(co_units)
    else:
        values["person"] = None
    if values.get("owner") is None:
        raise ActionError(_("Name the owner (责任人) of the item."))
    if not values.get("problem", "").strip():
        raise ActionError(_("Describe the problem."))
    values.setdefault("found_on", today)
    _check_dates(values["found_on"], values.get("deadline"))
    if not permitted and not perms.may_file_for(actor, list_type, values.get("lead_unit"),
                                                values.get("person")):
        raise PermissionDenied(_("You may not put items on this list."))
    item = Item(**values)
    check_public_summary(item)
    with transaction.atomic():
        item.save()
        if co_units:
            item.co_units.set(co_units)
            if notify_owner:
                _tell_co_units(item, actor, [u.pk for u in co_units])
        record(actor, "rectification.item.created", item, changes={
            "list_type": [None, item.list_type], "state": [None, item.state],
            "owner": [None, str(item.owner)], "deadline": [None, item.deadline.isoformat()]})
        if notify_owner:
            _feedback(item, actor,
                      owner_title=_("To rectify by %(deadline)s: %(problem)s")
                      % {"deadline": _d(item.deadline), "problem": _short(item)},
                      body=item.goal)
    return item


EDITABLE = ["problem", "category", "goal", "kind", "responsible_leader", "owner", "risk_point",
            "risk_level", "prevention", "found_on", "deadline", "is_public", "public_summary"]


def edit_item(item: Item, actor, *, version: int, co_units=None, **values) -> Item:
    if not perms.is_manager(actor, item):
        raise PermissionDenied(_("Only a manager of the unit may edit the item."))
    if item.is_closed:
        raise ActionError(_("A signed-off item cannot be edited; a re-inspection can reopen it."))
    values = {k: v for k, v in values.items() if k in EDITABLE}
    if item.is_personal:
        values.pop("owner", None)
        values["is_public"] = False
        _check_no_co_units(co_units)
    changes = diff(item, values)
    _check_dates(values.get("found_on", item.found_on), values.get("deadline", item.deadline))
    old_owner = item.owner
    for k, v in values.items():
        setattr(item, k, v)
    check_public_summary(item)
    with transaction.atomic():
        updated = Item.objects.filter(pk=item.pk, version=version).update(
            **values, version=F("version") + 1, updated_at=timezone.now())
        if not updated:
            raise _conflict(item)
        item.version = version + 1
        if co_units is not None:
            before = set(item.co_units.values_list("pk", flat=True))
            after = {u.pk for u in co_units}
            if before != after:
                item.co_units.set(co_units)
                changes["co_units"] = [sorted(before), sorted(after)]
                _tell_co_units(item, actor, after - before)
        if changes:
            record(actor, "rectification.item.edited", item, changes=changes)
        if "owner" in changes:
            _feedback(item, actor, owner_title=_("You are now the owner: rectify by %(deadline)s: "
                                                 "%(problem)s")
                      % {"deadline": _d(item.deadline), "problem": _short(item)})
            if old_owner.pk != actor.pk:
                notify([old_owner], _("You are no longer the owner of: %(problem)s")
                       % {"problem": _short(item)}, url=item.get_absolute_url(), kind=KIND)
    return item


def _conflict(item: Item) -> Conflict:
    fresh = Item.objects.filter(pk=item.pk).values("state", "version").first() or {}
    state = State(fresh["state"]).label if fresh else "?"
    return Conflict(_("Someone else changed this item while you were looking at it (it is now "
                      "“%(state)s”). Reload the page to see their change, then try again.")
                    % {"state": state})


def transition(item: Item, verb: str, actor, *, version: int | None = None, reason: str = "",
               today: date) -> Item:
    """Move the item one step along the ALLOWED table."""
    step = ALLOWED.get(verb)
    if step is None:
        raise ActionError(_("Unknown step “%(verb)s”.") % {"verb": verb})
    if item.state != step.source:
        raise ActionError(_("“%(step)s” is not possible now: the item is “%(state)s”, and this "
                            "step starts from “%(source)s”.")
                          % {"step": step.label, "state": State(item.state).label,
                             "source": State(step.source).label})
    if not perms.passes_gate(actor, item, step.gate):
        raise PermissionDenied(_("“%(step)s” is for %(who)s.")
                               % {"step": step.label, "who": step.gate.label})
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise ActionError(_("Give the reason: the owner needs to know what to fix."))
    with transaction.atomic():
        if verb == "request_signoff" and not item.evidence.exists():
            raise ActionError(_("Upload at least one evidence file (photo, document or ledger) "
                                "before requesting sign-off."))
        fields = {"state": step.target, "version": F("version") + 1,
                  "updated_at": timezone.now()}
        if step.target == State.SIGNED_OFF:
            fields["signed_off_on"] = today
        elif step.source == State.SIGNED_OFF:
            fields["signed_off_on"] = None
        filters = {"pk": item.pk, "state": step.source}
        if version is not None:
            filters["version"] = version
        if not Item.objects.filter(**filters).update(**fields):
            raise _conflict(item)
        old = item.state
        item.state = step.target
        item.version = (version if version is not None else item.version) + 1
        item.signed_off_on = fields.get("signed_off_on", item.signed_off_on)
        changes = {"state": [old, item.state]}
        if reason:
            changes["reason"] = ["", reason]
        record(actor, f"rectification.item.{verb}", item, changes=changes)
        _announce(item, verb, actor, reason)
    return item


def _announce(item: Item, verb: str, actor, reason: str):
    url = item.get_absolute_url()
    p = {"problem": _short(item), "deadline": _d(item.deadline), "reason": reason,
         "state": State(item.state).label}
    progress = _("Progress on the problem you raised: “%(problem)s” is now %(state)s") % p
    if verb == "confirm":
        _feedback(item, actor, owner_title=_("Confirmed problem to rectify by %(deadline)s: "
                                             "%(problem)s") % p,
                  progress_title=progress, body=item.goal)
    elif verb in ("return_by_unit", "return_by_office", "reopen"):
        _feedback(item, actor, owner_title=_("Sent back: %(problem)s — %(reason)s. Rectify by "
                                             "%(deadline)s.") % p,
                  progress_title=progress, body=reason)
    elif verb == "request_signoff":
        notify(unit_reviewers(item), _("Sign-off requested, please review: %(problem)s") % p,
               url=url, kind=KIND)
        _feedback(item, actor, progress_title=progress)
    elif verb == "approve":
        notify(office_reviewers(item), _("Approved by the unit, please sign off: %(problem)s")
               % p, url=url, kind=KIND)
        _feedback(item, actor, owner_title=progress, progress_title=progress)
    else:
        _feedback(item, actor, owner_title=progress if verb == "sign_off" else "",
                  progress_title=progress)


def report_progress(item: Item, actor, *, text: str, version: int) -> Item:
    if not perms.can_work_on(actor, item):
        raise PermissionDenied(_("Only the owner or a manager may report progress."))
    text = (text or "").strip()
    if not text:
        raise ActionError(_("Write what has been done."))
    with transaction.atomic():
        if not Item.objects.filter(pk=item.pk, version=version).update(
                progress=text, version=F("version") + 1, updated_at=timezone.now()):
            raise _conflict(item)
        record(actor, "rectification.item.progress", item, changes={"progress": [item.progress,
                                                                                   text]})
        item.progress, item.version = text, version + 1
        _feedback(item, actor, progress_title=_("Progress on the problem you raised: "
                                                "%(problem)s") % {"problem": _short(item)},
                  body=text)
    return item


# --- Measures and evidence --------------------------------------------------------------------
def add_measure(item: Item, actor, *, text: str, owner, deadline: date) -> Measure:
    if not perms.can_work_on(actor, item):
        raise PermissionDenied(_("Only the owner or a manager may add measures."))
    if item.is_closed:
        raise ActionError(_("The item is signed off; measures can no longer be added."))
    if owner is None:
        raise ActionError(_("Every measure needs its own owner."))
    if not (text or "").strip():
        raise ActionError(_("Describe the measure."))
    if deadline is None:
        raise ActionError(_("Every measure needs a deadline."))
    if deadline < item.found_on:
        raise ActionError(_("The measure's deadline is earlier than the date the problem was "
                            "found (%(found)s).") % {"found": _d(item.found_on)})
    if item.is_personal and not _sees(owner, item):
        raise ActionError(_("%(name)s may not see this personal rectification item, so cannot "
                            "own one of its measures.") % {"name": owner.name})
    with transaction.atomic():
        m = Measure.objects.create(item=item, text=text.strip(), owner=owner, deadline=deadline)
        record(actor, "rectification.measure.added", item, changes={
            "measure": [None, m.text[:200]], "owner": [None, owner.name],
            "deadline": [None, deadline.isoformat()]})
        if owner.pk != actor.pk:
            notify([owner], _("Measure to carry out by %(deadline)s: %(text)s")
                   % {"deadline": _d(deadline),
                      "text": _short(item) if item.is_personal else m.text[:60]},
                   url=item.get_absolute_url(), kind=KIND)
    return m


def set_measure_state(measure: Measure, actor, *, state: str, today: date) -> Measure:
    item = measure.item
    if actor.pk != measure.owner_id and not perms.can_work_on(actor, item):
        raise PermissionDenied(_("Only the measure's owner or the item's owner may change it."))
    if state not in MeasureState.values:
        raise ActionError(_("Unknown measure state."))
    if state == measure.state:
        return measure
    with transaction.atomic():
        old = measure.state
        measure.state = state
        measure.done_on = today if state == MeasureState.DONE else None
        measure.save(update_fields=["state", "done_on"])
        record(actor, "rectification.measure.state", item,
               changes={"measure": [measure.text[:200], measure.text[:200]],
                        "state": [old, state]})
    return measure


def add_evidence(item: Item, actor, *, upload, measure: Measure | None = None,
                 note: str = "") -> Evidence:
    if not perms.can_work_on(actor, item) and not (measure and measure.owner_id == actor.pk):
        raise PermissionDenied(_("Only the owner or a manager may add evidence."))
    if item.is_closed:
        raise ActionError(_("The item is signed off; evidence can no longer be added."))
    if measure is not None and measure.item_id != item.pk:
        raise ActionError(_("That measure belongs to another item."))
    try:
        kind = check_evidence(upload)
    except ValidationError as exc:
        raise ActionError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        ev = Evidence(item=item, measure=measure, name=upload.name[:200], kind=kind,
                      note=note[:200], uploaded_by=actor)
        ev.file.save(upload.name, upload, save=False)
        ev.save()
        record(actor, "rectification.evidence.added", item,
               changes={"evidence": [None, ev.name], "kind": [None, kind]})
    return ev


# --- Re-inspection (回头看) -------------------------------------------------------------------
def schedule_reinspection(item: Item, actor, *, inspector, scheduled_on: date) -> Reinspection:
    if not perms.is_inspector(actor, item):
        raise PermissionDenied(_("Only the supervision office, supervisors, leaders or "
                                 "discipline inspectors may schedule a re-inspection."))
    if not item.is_closed:
        raise ActionError(_("Only a signed-off item is re-inspected."))
    if inspector is None or not perms.is_inspector(inspector, item):
        raise ActionError(_("The inspector must be someone who may re-inspect this item."))
    with transaction.atomic():
        r = Reinspection.objects.create(item=item, scheduled_on=scheduled_on,
                                        inspector=inspector, created_by=actor)
        record(actor, "rectification.reinspection.scheduled", item, changes={
            "inspector": [None, inspector.name], "scheduled_on": [None, scheduled_on]})
        if inspector.pk != actor.pk:
            notify([inspector], _("Re-inspection (回头看) on %(date)s: %(problem)s")
                   % {"date": _d(scheduled_on), "problem": _short(item)},
                   url=item.get_absolute_url(), kind=KIND)
    return r


def record_reinspection(item: Item, actor, *, result: str, reopen: bool, today: date,
                        reinspection: Reinspection | None = None,
                        version: int | None = None) -> Reinspection:
    """The outcome of a look back; reopening moves the item back to rectifying (history kept)."""
    if not perms.is_inspector(actor, item):
        raise PermissionDenied(_("You may not re-inspect this item."))
    if not item.is_closed:
        raise ActionError(_("Only a signed-off item is re-inspected."))
    result = (result or "").strip()
    if not result:
        raise ActionError(_("Write what the re-inspection found."))
    if reinspection is not None and reinspection.outcome != ReinspectionOutcome.PENDING:
        raise ActionError(_("This re-inspection already has its result."))
    with transaction.atomic():
        r = reinspection or Reinspection(item=item, ad_hoc=True, inspector=actor,
                                         created_by=actor)
        r.done_on = today
        r.result = result
        r.outcome = ReinspectionOutcome.REOPENED if reopen else ReinspectionOutcome.HOLDS
        r.inspector = actor
        r.save()
        record(actor, "rectification.reinspection.done", item,
               changes={"outcome": [ReinspectionOutcome.PENDING, r.outcome],
                        "result": ["", result]})
        if reopen:
            transition(item, "reopen", actor, version=version, reason=result, today=today)
    return r


# --- Checklists (五查五看) ---------------------------------------------------------------------
def parse_points(text: str) -> list[tuple[str, str]]:
    """Lines of a checklist: “查：…” / “看：…” (or plain lines, which are “check” points)."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("0123456789.、 )）")
        if not line:
            continue
        kind = PointKind.CHECK
        for prefix, k in (("查", PointKind.CHECK), ("看", PointKind.LOOK)):
            if line[:2] in (prefix + "：", prefix + ":"):
                kind, line = k, line[2:].strip()
        if line:
            out.append((kind, line[:300]))
    return out


def create_checklist(actor, *, title: str, description: str, category: str,
                     points: list[tuple[str, str]]) -> Checklist:
    if not perms.can_admin_checklists(actor):
        raise PermissionDenied(_("Only the supervision office or an administrator may define "
                                 "checklists."))
    if not points:
        raise ActionError(_("A checklist needs at least one point."))
    with transaction.atomic():
        c = Checklist.objects.create(title=title, description=description, category=category,
                                     created_by=actor)
        ChecklistPoint.objects.bulk_create([ChecklistPoint(checklist=c, number=i, kind=k, text=t)
                                            for i, (k, t) in enumerate(points, start=1)])
        record(actor, "rectification.checklist.created", c,
               changes={"title": [None, title], "points": [0, len(points)]},
               unit=actor.unit)
    return c


def assign_checklist(checklist: Checklist, actor, *, units, deadline: date,
                     today: date) -> list[ChecklistAssignment]:
    if not perms.can_admin_checklists(actor):
        raise PermissionDenied(_("Only the supervision office or an administrator may assign "
                                 "checklists."))
    if deadline < today:
        raise ActionError(_("The deadline is in the past."))
    already = set(checklist.assignments.values_list("unit_id", flat=True))
    new = [u for u in units if u.pk not in already]
    if not new:
        raise ActionError(_("Every chosen unit already has this checklist."))
    with transaction.atomic():
        made = ChecklistAssignment.objects.bulk_create([
            ChecklistAssignment(checklist=checklist, unit=u, deadline=deadline,
                                assigned_by=actor) for u in new])
        record(actor, "rectification.checklist.assigned", checklist, unit=actor.unit,
               changes={"units": [None, [u.name for u in new][:50]],
                        "deadline": [None, deadline]})
        heads = Membership.objects.filter(
            role__in=[Role.UNIT_HEAD, Role.DEPT_HEAD, Role.BRANCH_SECRETARY],
            unit__in=new).select_related("person")
        notify([m.person for m in heads],
               _("Self-inspection “%(title)s” to answer by %(deadline)s")
               % {"title": checklist.title, "deadline": _d(deadline)},
               url="/rectification/checklists/", kind=KIND)
    return made


def answer_checklist(assignment: ChecklistAssignment, actor, *, answers: dict,
                     rectify_by: date, today: date) -> list[Item]:
    """answers: {point id: (ok, note)}. Every point with a problem becomes a ledger item."""
    if not perms.can_answer(actor, assignment):
        raise PermissionDenied(_("Only the unit's head or branch secretary may answer."))
    if assignment.answered_at is not None:
        raise ActionError(_("This checklist has already been answered."))
    points = list(assignment.checklist.points.all())
    missing = [p.number for p in points if p.pk not in answers]
    if missing:
        raise ActionError(_("Answer every point (missing: %(n)s).")
                          % {"n": "、".join(map(str, missing))})
    blank = [p.number for p in points if not answers[p.pk][0] and not answers[p.pk][1].strip()]
    if blank:
        raise ActionError(_("Describe the problem found at point(s) %(n)s.")
                          % {"n": "、".join(map(str, blank))})
    _check_dates(today, rectify_by)
    unit = assignment.unit
    list_type = ListType.DEPARTMENT if unit.kind == UnitKind.DEPARTMENT else ListType.LEADERSHIP
    items = []
    with transaction.atomic():
        if not ChecklistAssignment.objects.filter(pk=assignment.pk,
                                                  answered_at__isnull=True).update(
                answered_at=timezone.now(), answered_by=actor):
            raise Conflict(_("Someone else answered this checklist meanwhile."))
        for p in points:
            ok, note = answers[p.pk]
            a = ChecklistAnswer.objects.create(assignment=assignment, point=p, ok=ok,
                                               note=note.strip())
            if ok:
                continue
            item = create_item(
                actor, today=today, list_type=list_type, source="self_inspection",
                source_type="rectification.checklistanswer", source_id=str(a.pk),
                problem=f"{p.text}：{note.strip()}", category=assignment.checklist.category,
                lead_unit=unit, owner=actor, raised_by=assignment.assigned_by,
                found_on=today, deadline=rectify_by, permitted=True)
            a.item = item
            a.save(update_fields=["item"])
            items.append(item)
        record(actor, "rectification.checklist.answered", assignment,
               changes={"problems": [0, len(items)], "points": [0, len(points)]})
        notify([assignment.assigned_by],
               _("%(unit)s answered “%(title)s”: %(n)s problem(s) found")
               % {"unit": unit.name, "title": assignment.checklist.title, "n": len(items)},
               url="/rectification/checklists/", kind=KIND)
    return items


# --- The case library (典型问题案例库) ---------------------------------------------------------
CASE_TEXT = ["title", "category", "what_happened", "rule_broken", "handling", "lesson"]


def _check_case_anonymous(case: Case, item: Item | None):
    names = _people_named(item) if item is not None else []
    text = "\n".join(getattr(case, f) for f in CASE_TEXT)
    found = personal_data_in(text, names)
    if found:
        raise ActionError(_("A case must be anonymous; the text still contains %(found)s.")
                          % {"found": "、".join(found)})


def write_case(item: Item, actor, **values) -> Case:
    if not perms.can_write_case(actor, item):
        raise PermissionDenied(_("A case is written by a supervisor, the supervision office or a "
                                 "discipline inspector, from a signed-off item they can see."))
    case = Case(item=item, written_by=actor, state=CaseState.PENDING,
                **{k: (values.get(k) or "").strip() for k in CASE_TEXT})
    missing = [k for k in CASE_TEXT if not getattr(case, k)]
    if missing:
        raise ActionError(_("Fill in every part of the case."))
    _check_case_anonymous(case, item)
    with transaction.atomic():
        case.save()
        record(actor, "rectification.case.written", case, unit=actor.unit,
               changes={"title": [None, case.title], "item": [None, item.pk]})
    return case


def edit_case(case: Case, actor, **values) -> Case:
    if case.written_by_id != actor.pk or case.state == CaseState.PUBLISHED:
        raise PermissionDenied(_("Only its writer may change a case, and only before it is "
                                 "published."))
    new = {k: (values.get(k) or "").strip() for k in CASE_TEXT}
    changes = diff(case, new)
    for k, v in new.items():
        setattr(case, k, v)
    _check_case_anonymous(case, case.item)
    with transaction.atomic():
        case.state = CaseState.PENDING
        case.save()
        record(actor, "rectification.case.edited", case, unit=actor.unit, changes=changes)
    return case


def approve_case(case: Case, actor, *, today: date) -> Case:
    if not perms.can_approve_case(actor, case):
        raise PermissionDenied(_("Publishing a case needs the approval of a leader, the "
                                 "supervision office or a discipline inspector other than its "
                                 "writer."))
    with transaction.atomic():
        if not Case.objects.filter(pk=case.pk, state=CaseState.PENDING).update(
                state=CaseState.PUBLISHED, approved_by=actor, published_on=today):
            raise Conflict(_("The case changed meanwhile; reload the page."))
        case.state, case.approved_by, case.published_on = CaseState.PUBLISHED, actor, today
        record(actor, "rectification.case.published", case, unit=actor.unit,
               changes={"state": [CaseState.PENDING, CaseState.PUBLISHED]})
        notify([case.written_by], _("Your case “%(title)s” is published") % {"title": case.title},
               url=f"/rectification/cases/{case.pk}/", kind=KIND)
    return case


def return_case(case: Case, actor, *, reason: str) -> Case:
    if not perms.can_approve_case(actor, case):
        raise PermissionDenied(_("You may not review this case."))
    reason = (reason or "").strip()
    if not reason:
        raise ActionError(_("Give the reason: the writer needs to know what to change."))
    with transaction.atomic():
        case.state, case.return_reason = CaseState.DRAFT, reason
        case.save(update_fields=["state", "return_reason"])
        record(actor, "rectification.case.returned", case, unit=actor.unit,
               changes={"state": [CaseState.PENDING, CaseState.DRAFT], "reason": ["", reason]})
        notify([case.written_by], _("Your case “%(title)s” was sent back: %(reason)s")
               % {"title": case.title, "reason": reason},
               url=f"/rectification/cases/{case.pk}/", kind=KIND)
    return case


def default_deadline(today: date) -> date:
    return today + timedelta(days=30)
