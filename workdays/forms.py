from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DayKind


class SpecialDayForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name = forms.CharField(label=_("Name"), max_length=40)

    def clean_date(self):
        d = self.cleaned_data["date"]
        if not 2000 <= d.year <= 2100:
            raise forms.ValidationError(_("Enter a date between 2000 and 2100."))
        return d
