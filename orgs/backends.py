"""Log in with a phone number or a staff number; locked accounts are refused."""

from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

from .models import Person


class PhoneOrStaffNumberBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        ident = username.strip()
        person = Person.objects.filter(Q(phone=ident) | Q(staff_no=ident)).first()
        if person is None:
            Person().set_password(password)  # same work as a real check: no timing oracle
            return None
        if person.check_password(password) and self.user_can_authenticate(person):
            return person
        return None
