from datetime import timedelta

from django.core.cache import cache
from django.db import models
from django.utils.translation import gettext_lazy as _

from .calendar import WorkCalendar

CACHE_KEY = "workdays:calendar:v1"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday (no work)")
    WORKDAY = "workday", _("Working weekend day (调休)")


class SpecialDay(models.Model):
    """A day that differs from the plain Monday–Friday week."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=40)

    class Meta:
        ordering = ["date"]
        verbose_name = _("special day")
        verbose_name_plural = _("special days")

    def __str__(self):
        return f"{self.date} {self.name}"


def load() -> WorkCalendar:
    """The calendar from the database, cached until a special day changes."""
    cal = cache.get(CACHE_KEY)
    if cal is None:
        rows = list(SpecialDay.objects.values_list("date", "kind"))
        cal = WorkCalendar.of(
            (d for d, k in rows if k == DayKind.HOLIDAY),
            (d for d, k in rows if k == DayKind.WORKDAY),
        )
        cache.set(CACHE_KEY, cal, 3600)
    return cal


def expand(first, last):
    d = first
    while d <= last:
        yield d
        d += timedelta(days=1)
