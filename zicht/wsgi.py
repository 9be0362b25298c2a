import os

from django.core.wsgi import get_wsgi_application

from zicht.lib.production import refuse_to_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")
application = get_wsgi_application()
# A production server without its required settings does not start (docs/architecture.md).
refuse_to_start()
