"""Forms of the rectification pages. Business rules live in actions; forms check shapes."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from orgs.models import Person

from . import permissions as perms
from .choices import CaseState, Kind, ListType, RiskLevel, Source, State


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


class PersonField(forms.CharField):
    """A person typed as phone number, staff number or (unique) name among allowed people."""

    def __init__(self, *args, **kw):
        kw.setdefault("max_length", 60)
        kw.setdefault("help_text", _("Phone number, staff number or full name"))
        super().__init__(*args, **kw)
        self.people = Person.objects.none()

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        found = list(self.people.filter(Q(phone=value) | Q(staff_no=value) | Q(name=value))[:3])
        if not found:
            raise forms.ValidationError(_("No person “%(v)s” among the people you may choose.")
                                        % {"v": value})
        if len(found) > 1:
            raise forms.ValidationError(_("Several people are called “%(v)s”; type the phone "
                                          "number instead.") % {"v": value})
        return found[0]


def choosable_people(user):
    """People the user may name as owner, leader or inspector: those in the ledger units."""
    return Person.objects.filter(Q(unit__in=perms.ledger_units(user)) | Q(pk=user.pk),
                                 is_active=True)


def leader_choices(user):
    """Responsible leaders: the people the user may choose, plus every bureau leader."""
    from orgs.choices import Role
    from orgs.models import Membership

    leaders = Membership.objects.filter(role=Role.LEADER).values("person_id")
    return Person.objects.filter(Q(pk__in=leaders) | Q(unit__in=perms.ledger_units(user))
                                 | Q(pk=user.pk), is_active=True)


class LedgerFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    list_type = forms.ChoiceField(label=_("List"), required=False,
                                  choices=[("", _("All lists"))] + ListType.choices)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states")), ("open", _("Not signed off"))]
                              + State.choices)
    source = forms.ChoiceField(label=_("Source"), required=False,
                               choices=[("", _("All sources"))] + Source.choices)
    category = forms.CharField(label=_("Category"), required=False, max_length=40)
    unit = forms.ChoiceField(label=_("Unit"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    mine = forms.BooleanField(label=_("Mine only"), required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        units = perms.ledger_units(user)
        top = units.order_by("depth").values_list("depth", flat=True).first() or 1
        self.fields["unit"].choices = [("", _("All units"))] + [
            (u.pk, ("— " * (u.depth - top)) + u.name)
            for u in units.filter(depth__lte=top + 1).order_by("path")[:400]]


class ItemForm(forms.Form):
    list_type = forms.ChoiceField(label=_("List"), choices=ListType.choices)
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    problem = forms.CharField(label=_("Problem"), widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.CharField(label=_("Category"), max_length=40,
                               help_text=_("e.g. 作风纪律, 食品安全, 师德师风, 财务管理"))
    goal = forms.CharField(label=_("Rectification goal"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label=pgettext_lazy("rectification", "Kind"), choices=Kind.choices,
                             initial=Kind.DEADLINE)
    lead_unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=None, required=False,
                                       help_text=_("Not needed for a personal list"))
    co_units = forms.ModelMultipleChoiceField(label=_("Co-operating units"), queryset=None,
                                              required=False)
    person = PersonField(label=_("Person (personal list)"), required=False)
    owner = PersonField(label=_("Owner"), required=False,
                        help_text=_("Phone number, staff number or full name; a personal "
                                    "list item belongs to its person"))
    responsible_leader = PersonField(label=_("Responsible leader"), required=False)
    risk_point = forms.CharField(label=_("Risk point"), required=False, max_length=200)
    risk_level = forms.ChoiceField(label=_("Risk level"), required=False,
                                   choices=[("", "—")] + RiskLevel.choices)
    prevention = forms.CharField(label=_("Prevention measures"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    assignment_item_id = forms.IntegerField(
        label=_("Supervision item number"), required=False, min_value=1,
        help_text=_("When the problem comes from a 督办 item: its number"))
    found_on = forms.DateField(label=_("Found on"), widget=DateInput())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())
    is_public = forms.BooleanField(label=_("Publish the progress on the public page"),
                                   required=False)
    public_summary = forms.CharField(
        label=_("Public summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What may be published: no names, phone numbers or other personal data."))

    def __init__(self, *args, user, editing=False, **kw):
        super().__init__(*args, **kw)
        units = perms.ledger_units(user).order_by("path")
        self.fields["lead_unit"].queryset = units
        self.fields["co_units"].queryset = units
        people = choosable_people(user)
        for f in ("person", "owner"):
            self.fields[f].people = people
        self.fields["responsible_leader"].people = leader_choices(user)
        if editing:
            for f in ("list_type", "source", "lead_unit", "person", "assignment_item_id"):
                del self.fields[f]

    def clean(self):
        data = super().clean()
        if data.get("found_on") and data.get("deadline") and data["deadline"] < data["found_on"]:
            self.add_error("deadline", _("The deadline is earlier than the date the problem was "
                                         "found."))
        lt = data.get("list_type")
        if lt == ListType.PERSONAL and not data.get("person"):
            self.add_error("person", _("A personal list item needs its person."))
        if lt and lt != ListType.PERSONAL:
            if not data.get("lead_unit"):
                self.add_error("lead_unit", _("Choose the lead unit."))
            if not data.get("owner"):
                self.add_error("owner", _("Name the owner (责任人)."))
        if lt == ListType.DEPARTMENT and not data.get("risk_point"):
            self.add_error("risk_point", _("A department risk list item needs its risk point."))
        return data


class StepForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ProgressForm(forms.Form):
    text = forms.CharField(label=pgettext_lazy("rectification", "Progress"),
                           widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


def measure_owner_choices(user, item):
    """A measure's owner: the people the user may choose, or someone of a co-operating unit."""
    people = choosable_people(user)
    if item is None or item.is_personal:
        return people
    return people | Person.objects.filter(unit__in=item.co_units.values("pk"), is_active=True)


class MeasureForm(forms.Form):
    text = forms.CharField(label=_("Measure"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = PersonField(label=_("Owner"), required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())

    def __init__(self, *args, user, item=None, **kw):
        super().__init__(*args, **kw)
        self.fields["owner"].people = measure_owner_choices(user, item)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))
    measure = forms.ModelChoiceField(label=_("For measure"), queryset=None, required=False)
    note = forms.CharField(label=pgettext_lazy("rectification", "Note"), required=False,
                           max_length=200)

    def __init__(self, *args, item, measure_owner=None, **kw):
        """measure_owner: someone who works on the item only through the measures they own
        (e.g. of a co-operating unit); they file evidence for one of those measures."""
        super().__init__(*args, **kw)
        self.fields["measure"].queryset = item.measures.all()
        if measure_owner is not None:
            self.fields["measure"].queryset = item.measures.filter(owner=measure_owner)
            self.fields["measure"].required = True


class ScheduleReinspectionForm(forms.Form):
    inspector = PersonField(label=_("Inspector"))
    scheduled_on = forms.DateField(label=_("Date"), widget=DateInput())

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["inspector"].people = choosable_people(user)


class ReinspectionResultForm(forms.Form):
    result = forms.CharField(label=_("What the re-inspection found"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    reopen = forms.BooleanField(label=_("The problem came back: reopen the item"),
                                required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ChecklistForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("rectification", "Title"), max_length=120,
                            initial="五查五看")
    category = forms.CharField(label=_("Category of the items it finds"), max_length=40,
                               initial="五查五看")
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    points = forms.CharField(
        label=_("Points, one per line"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Start a line with 查： for a thing to check or 看： for a thing to look at."))


class AssignForm(forms.Form):
    units = forms.ModelMultipleChoiceField(label=_("Units"), queryset=None)
    with_children = forms.BooleanField(label=_("Also every unit below the chosen ones"),
                                       required=False)
    deadline = forms.DateField(label=_("Answer by"), widget=DateInput())

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["units"].queryset = perms.ledger_units(user).order_by("path")


class AnswerForm(forms.Form):
    rectify_by = forms.DateField(label=_("Problems found are to be rectified by"),
                                 widget=DateInput())

    def __init__(self, *args, points, **kw):
        super().__init__(*args, **kw)
        self.points = points
        for p in points:
            self.fields[f"ok_{p.pk}"] = forms.ChoiceField(
                label=p.text, widget=forms.RadioSelect,
                choices=[("1", _("No problem")), ("0", _("Problem found"))])
            self.fields[f"note_{p.pk}"] = forms.CharField(
                label=_("What was found"), required=False,
                widget=forms.Textarea(attrs={"rows": 1}))

    def rows(self):
        return [(p, self[f"ok_{p.pk}"], self[f"note_{p.pk}"]) for p in self.points]

    def answers(self):
        return {p.pk: (self.cleaned_data[f"ok_{p.pk}"] == "1",
                       self.cleaned_data[f"note_{p.pk}"]) for p in self.points}


class CaseForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("rectification", "Title"), max_length=120)
    category = forms.CharField(label=_("Category"), max_length=40)
    what_happened = forms.CharField(label=_("What happened"),
                                    widget=forms.Textarea(attrs={"rows": 4}))
    rule_broken = forms.CharField(label=_("Rule broken"), widget=forms.Textarea(attrs={"rows": 2}))
    handling = forms.CharField(label=_("Handling"), widget=forms.Textarea(attrs={"rows": 2}))
    lesson = forms.CharField(label=_("Lesson"), widget=forms.Textarea(attrs={"rows": 2}))


class CaseSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=50)
    category = forms.CharField(label=_("Category"), required=False, max_length=40)
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All"))] + CaseState.choices)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Ledger (.xlsx)"))
    list_type = forms.ChoiceField(label=_("List"), choices=[
        (ListType.LEADERSHIP, ListType.LEADERSHIP.label),
        (ListType.DEPARTMENT, ListType.DEPARTMENT.label)])
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices)
    found_on = forms.DateField(label=_("Found on"), widget=DateInput())
