import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from orgs.choices import Role
from orgs.models import Person, Unit

from . import permissions as perms
from .choices import Flag, Source, State, SummonsState
from .models import Item


class DateInput(forms.DateInput):
    """An HTML date input: its value must be ISO whatever the language's date format."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit.name if obj.unit_id else ''} {obj.title}）"


class ItemForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Item
        fields = ["title", "description", "source", "category", "lead_unit", "co_units",
                  "responsible_leader", "owner", "deadline", "priority", "is_public",
                  "report_cadence", "metric", "metric_unit", "target_value"]
        widgets = {"deadline": DateInput, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = perms.issuable_units(user).order_by("path")
        self.fields["lead_unit"].queryset = units
        self.fields["co_units"].queryset = units
        self.fields["co_units"].required = False
        people = Person.objects.filter(perms.unit_scope_q(user, "unit")).select_related("unit")
        self.fields["owner"] = PersonChoice(people.order_by("unit__path", "name"),
                                            required=False, label=_("person responsible"))
        self.fields["responsible_leader"] = PersonChoice(
            Person.objects.filter(memberships__role=Role.LEADER).select_related("unit")
            .distinct().order_by("name"), required=False, label=_("responsible leader"))
        if self.instance.pk:
            del self.fields["co_units"]

    def clean(self):
        data = super().clean()
        owner, unit = data.get("owner"), data.get("lead_unit")
        if owner and unit and (owner.unit is None or not owner.unit.path.startswith(unit.path)):
            self.add_error("owner", _("The person responsible must work in the lead unit."))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class DecomposeForm(forms.Form):
    all_counties = forms.BooleanField(label=_("All county/district bureaus"), required=False)
    units = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), required=False,
                                           label=_("Units"),
                                           widget=forms.SelectMultiple(attrs={"size": 8}))
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=False,
                                            label=_("People (任务到人)"),
                                            widget=forms.SelectMultiple(attrs={"size": 8}))
    deadline = forms.DateField(label=_("Deadline of each part"), widget=DateInput)

    def __init__(self, *args, user, item, **kwargs):
        super().__init__(*args, **kwargs)
        units = perms.issuable_units(user).filter(path__startswith=item.lead_unit.path)
        if item.lead_unit.depth == 1 or not units.exclude(pk=item.lead_unit_id).exists():
            units = perms.issuable_units(user)
        self.fields["units"].queryset = units.exclude(pk=item.lead_unit_id).order_by("path")
        self.fields["people"].queryset = (
            Person.objects.filter(perms.unit_scope_q(user, "unit"))
            .filter(unit__path__startswith=item.lead_unit.path).select_related("unit")
            .order_by("unit__path", "name"))
        self.fields["people"].label_from_instance = lambda p: f"{p.name}（{p.unit.name}）"
        self.initial.setdefault("deadline", item.deadline)


class PlanForm(forms.Form):
    steps = forms.CharField(
        label=_("Steps, one per line: name, working days"),
        widget=forms.Textarea(attrs={"rows": 5}),
        initial="制定方案, 10\n招标采购, 20\n施工建设, 60\n竣工验收, 10")

    def clean_steps(self):
        out = []
        for n, line in enumerate(self.cleaned_data["steps"].splitlines(), start=1):
            line = line.strip().replace("，", ",")
            if not line:
                continue
            name, _sep, days = line.rpartition(",")
            if not name.strip() or not days.strip().isdigit():
                raise forms.ValidationError(_("Line %(n)s: write “name, working days”.")
                                            % {"n": n})
            out.append((name.strip()[:100], int(days)))
        if not out:
            raise forms.ValidationError(_("Give at least one step."))
        return out


class MilestoneForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("Step"))
    due = forms.DateField(widget=DateInput, label=_("Due"))
    done = forms.BooleanField(required=False, label=_("Done"))


class ReportForm(forms.Form):
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}),
                           required=False)
    percent = forms.IntegerField(label=_("Percent done"), min_value=0, max_value=100,
                                 required=False)
    metric_value = forms.DecimalField(label=_("Value reached"), required=False)
    files = MultipleFileField(label=_("Evidence (images, PDF, Word, Excel)"), required=False)
    final = forms.BooleanField(label=_("This finishes the item: report it done (报结)"),
                               required=False)
    client_token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("client_token", uuid.uuid4().hex)


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    new_deadline = forms.DateField(label=_("New deadline"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False)


class BoardFilterForm(forms.Form):
    q = forms.CharField(label=_("Title"), required=False, max_length=50)
    flag = forms.ChoiceField(label=_("Flag"), required=False,
                             choices=[("", _("All flags"))] + list(Flag.choices))
    state = forms.ChoiceField(label=_("State"), required=False,
                              choices=[("", _("All states"))] + list(State.choices))
    unit = forms.ModelChoiceField(label=_("Unit"), required=False, queryset=Unit.objects.none())
    leader = forms.ModelChoiceField(label=_("Responsible leader"), required=False,
                                    queryset=Person.objects.none())
    source = forms.ChoiceField(label=_("Source"), required=False,
                               choices=[("", _("All sources"))] + list(Source.choices))
    category = forms.CharField(label=_("Category"), required=False, max_length=60)
    due_from = forms.DateField(label=_("Due from"), required=False, widget=DateInput)
    due_to = forms.DateField(label=_("Due by"), required=False, widget=DateInput)
    top = forms.BooleanField(label=_("Top-level items only"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = perms.issuable_units(user).filter(depth__lte=2) \
            .order_by("path")
        self.fields["leader"].queryset = Person.objects.filter(
            memberships__role=Role.LEADER).distinct().order_by("name")


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Ledger (.xlsx)"))


class SummonsForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    date = forms.DateField(label=_("Date of the talk"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = perms.issuable_units(user).order_by("path")


class FollowUpForm(forms.Form):
    state = forms.ChoiceField(label=_("Follow-up"), choices=SummonsState.choices)
    outcome = forms.CharField(label=_("Outcome"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


