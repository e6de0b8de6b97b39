import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.prod")

from pagecache.middleware import PageCacheApplication

# Stored pages are answered before Django builds a request (pagecache/middleware.py).
application = PageCacheApplication(get_wsgi_application())
