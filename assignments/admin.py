from django.contrib import admin

from .models import Item, Summons


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Read-only: every change goes through assignments.actions (audit and notifications)."""

    list_display = ["title", "lead_unit", "owner", "deadline", "state", "progress"]
    list_filter = ["state", "source"]
    search_fields = ["title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Summons)
class SummonsAdmin(admin.ModelAdmin):
    list_display = ["unit", "date", "state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
