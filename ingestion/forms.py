"""Forms of the upload and review screens."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assignments import permissions as assignment_perms
from duban.widgets import QuickSelect, QuickSelectMultiple
from orgs.choices import Role
from orgs.models import Membership, Person

from .choices import MAX_TEXT_CHARS


class UploadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False,
                            help_text=_("Leave empty to use the title found in the document."))
    file = forms.FileField(label=_("File"), required=False,
                           help_text=_(".txt (UTF-8, GB18030 or UTF-16), .docx, .pdf with a text "
                                       "layer, or a saved web page (.html)."))
    text = forms.CharField(label=_("Or paste the text"), required=False, strip=False,
                           max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 8}))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100,
                              help_text=_("The year relative deadlines (8月底前) refer to, if the "
                                          "text does not say."))

    def clean(self):
        data = super().clean()
        has_file, has_text = bool(data.get("file")), bool((data.get("text") or "").strip())
        if has_file == has_text:
            raise forms.ValidationError(_("Upload a file or paste the text (one of the two)."))
        return data


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.title}）" if obj.title else obj.name


def issuable(user):
    return assignment_perms.issuable_units(user).filter(is_active=True).order_by("path")


def leaders_visible(user):
    """Leaders with a place in a unit the user may issue to. Leaders are few, so they are
    listed first and only their memberships checked; asking for the people of every unit in
    scope instead (30,000 in a city) took 180 ms on PostgreSQL."""
    leaders = set(Membership.objects.filter(role=Role.LEADER, person__is_active=True)
                  .values_list("person_id", flat=True))
    in_scope = (Membership.objects.filter(person_id__in=leaders, unit__in=issuable(user))
                .values_list("person_id", flat=True))
    return Person.objects.filter(pk__in=set(in_scope)).order_by("name")


class TaskForm(forms.Form):
    """A reviewer's corrections. The units found by the parser are ticked (keep); more can be
    added from the tree (units); the lead unit is one of them or any other."""

    text = forms.CharField(label=_("Task"), widget=forms.Textarea(attrs={"rows": 3}))
    lead_unit = UnitChoiceField(label=_("Lead unit"), queryset=None, required=False,
                                widget=QuickSelect)
    keep = UnitsChoiceField(label=_("Responsible units found"), queryset=None, required=False,
                            widget=forms.CheckboxSelectMultiple,
                            help_text=_("Untick the units that are not meant."))
    units = UnitsChoiceField(label=_("Add responsible units"), queryset=None, required=False,
                             widget=QuickSelectMultiple(attrs={"size": 8}),
                             help_text=_("Hold Ctrl (⌘ on a Mac) to pick several."))
    responsible_leader = LeaderChoiceField(label=_("Responsible leader"), queryset=None,
                                           required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    metric = forms.CharField(label=_("Metric"), max_length=100, required=False)
    metric_unit = forms.CharField(label=pgettext_lazy("unit of a figure", "Measure"),
                                  max_length=20, required=False)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=14, decimal_places=2,
                                      required=False)

    def __init__(self, *args, user, task, leaders_qs=None, **kwargs):
        super().__init__(*args, **kwargs)
        units_qs = issuable(user)
        self.fields["lead_unit"].queryset = units_qs
        self.fields["units"].queryset = units_qs
        # Both pickers list the same units: one query of (pk, name) pairs instead of building
        # every Unit twice (the querysets still check what is posted).
        pairs = list(units_qs.values_list("pk", "name"))
        self.fields["lead_unit"].choices = [("", self.fields["lead_unit"].empty_label), *pairs]
        self.fields["units"].choices = pairs
        self.fields["keep"].queryset = units_qs.filter(
            pk__in=task.mappings.values("unit_id")).exclude(pk=task.lead_unit_id or 0)
        if not task.mappings.exclude(unit_id=task.lead_unit_id or 0).exists():
            del self.fields["keep"]
        self.fields["responsible_leader"].queryset = (
            leaders_qs if leaders_qs is not None else leaders_visible(user))

    def chosen_units(self) -> list:
        d = self.cleaned_data
        return list(dict.fromkeys([*(d.get("keep") or []), *(d.get("units") or [])]))


class SplitForm(forms.Form):
    at = forms.IntegerField(label=_("Split at character offset"), min_value=1)


class AddTaskForm(forms.Form):
    start = forms.IntegerField(label=_("Start"), min_value=0)
    end = forms.IntegerField(label=_("End"), min_value=1)


class ConvertForm(forms.Form):
    with_parent = forms.BooleanField(label=_("Group them under one item named after the "
                                             "document"), required=False)
