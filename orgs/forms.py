from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import actions
from .choices import Role, UnitKind
from .models import Person


class LoginForm(AuthenticationForm):
    """Phone or staff number + password, with lockout after repeated failures."""

    username = forms.CharField(label=_("Phone or staff number"), max_length=30,
                               widget=forms.TextInput(attrs={"autofocus": True,
                                                             "autocomplete": "username"}))
    error_messages = {
        "invalid_login": _("Wrong phone/staff number or password."),
        "inactive": _("This account is disabled."),
        "locked": _("Too many wrong passwords: this account is locked until %(until)s "
                    "(about %(minutes)s minutes). Try again later or ask an administrator."),
        "attempts_left": _("Wrong phone/staff number or password. %(left)s attempts left "
                           "before the account is locked."),
    }

    def clean(self):
        ident = (self.cleaned_data.get("username") or "").strip()
        password = self.cleaned_data.get("password")
        person = Person.objects.filter(Q(phone=ident) | Q(staff_no=ident)).first() if ident else None
        if person is not None and person.is_locked():
            raise self._locked(person)
        try:
            return super().clean()
        except forms.ValidationError:
            if person is None or not password:
                raise
            person = actions.login_failed(person)
            if person.is_locked():
                raise self._locked(person) from None
            from django.conf import settings

            left = settings.LOGIN_MAX_FAILURES - person.failed_logins
            raise forms.ValidationError(self.error_messages["attempts_left"],
                                        code="attempts_left", params={"left": left}) from None

    def _locked(self, person):
        now = timezone.now()
        minutes = max(1, int((person.locked_until - now).total_seconds() // 60) + 1)
        until = timezone.localtime(person.locked_until).strftime("%H:%M")
        return forms.ValidationError(self.error_messages["locked"], code="locked",
                                     params={"until": until, "minutes": minutes})


class UnitFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=50)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds"))] + list(UnitKind.choices))


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or phone"), required=False, max_length=50)
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", _("All roles"))] + list(Role.choices))
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
