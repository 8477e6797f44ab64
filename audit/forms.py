from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("Person"), required=False, max_length=60)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=60)
    object_type = forms.CharField(label=_("Object type"), required=False, max_length=80)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=40)
    date_from = forms.DateField(label=_("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("“From” is after “To”."))
        return data

    def apply(self, qs):
        d = self.cleaned_data
        if d.get("person"):
            qs = qs.filter(actor_name__icontains=d["person"])
        if d.get("unit"):
            qs = qs.filter(unit__name__icontains=d["unit"])
        if d.get("object_type"):
            qs = qs.filter(object_type__icontains=d["object_type"])
        if d.get("object_id"):
            qs = qs.filter(object_id=d["object_id"])
        if d.get("date_from"):
            qs = qs.filter(at__date__gte=d["date_from"])
        if d.get("date_to"):
            qs = qs.filter(at__date__lte=d["date_to"])
        return qs
