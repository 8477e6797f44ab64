"""The organisation: a tree of units, the people in them, their roles and regions."""

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from .choices import REELECTION_WARNING_DAYS, PartyOrgKind, RegionKind, Role, UnitKind


class Unit(MP_Node):
    """A unit of the education system. `path` is a materialised path: a subtree is one query."""

    code = models.CharField(_("unit code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, db_index=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    is_active = models.BooleanField(_("active"), default=True)

    node_order_by = ["code"]
    steplen = 4

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name

    @property
    def audit_unit(self):
        return self

    def subtree(self):
        """This unit and everything below it, in one query."""
        return Unit.objects.filter(path__startswith=self.path)

    def ancestors(self):
        """The units above this one, root first, in one query."""
        paths = [self.path[:i] for i in range(self.steplen, len(self.path), self.steplen)]
        return Unit.objects.filter(path__in=paths).order_by("depth")

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    @property
    def parent_path(self) -> str:
        return self.path[: -self.steplen]


class PersonManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, phone, password=None, **extra):
        person = self.model(phone=phone, **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, phone, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("must_change_password", False)
        return self.create_user(phone, password, **extra)


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone who logs in: by phone number or staff number."""

    phone = models.CharField(_("phone number"), max_length=20, unique=True)
    staff_no = models.CharField(_("staff number"), max_length=30, unique=True, null=True,
                                blank=True)
    name = models.CharField(_("name"), max_length=60, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)
    title = models.CharField(_("position"), max_length=60, blank=True,
                             help_text=_("As used in documents, e.g. 局长, 分管副局长, 校长"))
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="people", null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin site"), default=False)
    must_change_password = models.BooleanField(_("must change password"), default=True)
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = PersonManager()

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name or self.phone

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name

    @property
    def audit_unit(self):
        return self.unit

    def is_locked(self, now=None) -> bool:
        now = now or timezone.now()
        return self.locked_until is not None and self.locked_until > now

    def role_set(self) -> set[str]:
        """The roles this person holds anywhere (cached on the instance for the request)."""
        if not hasattr(self, "_role_cache"):
            self._role_cache = set(self.memberships.values_list("role", flat=True))
        return self._role_cache

    def has_role(self, *roles) -> bool:
        return self.is_superuser or bool(self.role_set() & set(roles))


class Membership(models.Model):
    """A role a person holds in a unit. One person may hold several."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("person"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("unit"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["person", "unit", "role"], name="unique_membership")
        ]
        indexes = [models.Index(fields=["unit", "role"])]

    def __str__(self):
        return f"{self.person} · {self.get_role_display()} · {self.unit}"

    @property
    def audit_unit(self):
        return self.unit


class Region(models.Model):
    """A unit a leader follows (领导包片) or a supervisor supervises; its subtree comes with it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="regions",
                               verbose_name=_("person"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices,
                            default=RegionKind.LEAD)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["person", "unit", "kind"], name="unique_region")
        ]

    def __str__(self):
        return f"{self.person} → {self.unit}"

    @property
    def audit_unit(self):
        return self.unit


class PartyOrg(models.Model):
    """A unit's Party organisation and its current term (换届 when the term ends)."""

    unit = models.OneToOneField(Unit, on_delete=models.CASCADE, related_name="party_org",
                                verbose_name=_("unit"))
    kind = models.CharField(_("kind"), max_length=20, choices=PartyOrgKind.choices)
    name = models.CharField(_("name"), max_length=120)
    secretary = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("secretary"))
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), db_index=True)

    class Meta:
        verbose_name = _("Party organisation")
        verbose_name_plural = _("Party organisations")

    def __str__(self):
        return self.name

    @property
    def audit_unit(self):
        return self.unit

    def reelection_due(self, today: date) -> bool:
        """True when the term ends within the warning window (or has already ended)."""
        return self.term_end <= today + timedelta(days=REELECTION_WARNING_DAYS)

    def days_left(self, today: date) -> int:
        return (self.term_end - today).days
