"""In-app notifications and their deliveries over outside channels (e-mail, webhooks)."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def unread_count(person) -> int:
    """The number in the header's inbox badge."""
    return Notification.objects.filter(recipient=person, read_at__isnull=True).count()


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("recipient"))
    kind = models.CharField(_("kind"), max_length=40, default="general")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.title

    @property
    def audit_unit(self):
        return None


class WebhookEndpoint(models.Model):
    """An outside gateway (SMS, 企业微信, 钉钉) that receives every notification as JSON."""

    name = models.CharField(_("name"), max_length=60)
    url = models.URLField(_("address"))
    secret = models.CharField(_("shared secret"), max_length=100, blank=True,
                              help_text=_("Sent as an HMAC-SHA256 signature header"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.name


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Gave up")


class Delivery(models.Model):
    """One notification going out over one channel, retried with backoff until it gets through."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=20)  # "email" or "webhook"
    endpoint = models.ForeignKey(WebhookEndpoint, null=True, blank=True,
                                 on_delete=models.CASCADE)
    status = models.CharField(_("status"), max_length=10, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.channel} #{self.pk} ({self.status})"

    def backoff(self) -> timedelta:
        """Wait before the next try: 1, 2, 4, 8… minutes."""
        return timedelta(minutes=2 ** max(self.attempts - 1, 0))


class DeliveryAttempt(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="tries")
    at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField()
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {'ok' if self.ok else self.detail}"
