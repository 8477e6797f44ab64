from django.contrib import admin

from .models import Item


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    """Read-only: every write goes through the actions (permissions, audit, notifications)."""

    list_display = ["id", "list_type", "state", "lead_unit", "deadline"]
    list_filter = ["list_type", "state", "source"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        from .permissions import visible_to

        return visible_to(request.user)

