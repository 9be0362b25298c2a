from django.contrib import admin

from zicht.privacy.models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """The administrator sets the periods; which record types exist is the code's."""

    list_display = ["record_type", "months", "action", "legal_source"]
    fields = ["record_type", "months", "action", "legal_source"]
    readonly_fields = ["record_type"]

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False
