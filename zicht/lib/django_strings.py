"""Interface text of Django itself that Django's own Dutch catalogue does not translate yet.

Listed here so that `makemessages` copies them into zicht's catalogue, which Django searches
before its own (LOCALE_PATHS). Remove an entry once Django ships its translation.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (
    # Django 6.1: the blank choice of a model field's select (BLANK_CHOICE_LABEL).
    gettext_noop("- Select an option -"),
)
