from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from zicht.accounts.models import User
from zicht.organisations.models import Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class ZichtUserAdmin(UserAdmin):
    inlines = [MembershipInline]
