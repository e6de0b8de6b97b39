"""Security: the secret key, hosts, sign-in (backends, validators, the login throttle), cookies,
headers (CSP, Permissions-Policy) and the visitor's address behind a proxy. prod.py adds TLS."""

import datetime
import re

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .environment import env


def meta_key(header):
    """CLIENT_IP_HEADER as people write it (X-Forwarded-For) or as Django names it in
    request.META (HTTP_X_FORWARDED_FOR): the META name either way; "" when unset."""
    key = header.strip().upper().replace("-", "_")
    if not key:
        return ""
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", key):
        raise ImproperlyConfigured(
            f"CLIENT_IP_HEADER {header!r} is not a header name; write it like X-Forwarded-For."
        )
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# django-axes first: a locked-out address or username is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "admin:login"

# Session cookie stays SameSite=Lax: a cross-site POST arrives without a session.
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
# Marks a browser signed in to the admin, for the reader pages' "Edit" link script (not a secret:
# the link itself comes from an endpoint that checks the session).
NEWSROOM_STAFF_COOKIE = "newsroom_staff"
CSRF_COOKIE_SAMESITE = "Lax"
# The admin's language choice (/i18n/setlang/): no script reads it, no other site sends it.
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Behind a proxy or CDN, the request header with the visitor's address (X-Forwarded-For, as
# request.META names it: HTTP_X_FORWARDED_FOR); empty: REMOTE_ADDR (the flood rule keys on it).
NEWSROOM_CLIENT_IP_HEADER = meta_key(env.str("CLIENT_IP_HEADER", default=""))

# Admin login throttle (django-axes): after AXES_FAILURE_LIMIT failed logins for one username
# from one address, that username is refused at that address for LOGIN_COOLOFF_MINUTES (even
# with the right password); the same username from any other address still signs in, so an
# attacker cannot keep an editor out. A success clears the count. Editors unlock in the admin
# (Axes > Access attempts) or with
# `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS` / `axes_reset`.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_VERBOSE = False  # no start-up banner in every manage.py command
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout_response"
# The same address rule as the comments' flood check (CLIENT_IP_HEADER behind a proxy).
AXES_CLIENT_IP_CALLABLE = "comments.services.client_ip"
# The attempts table keeps no password, and only failures (not every successful login).
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy (django-csp). Reader pages: nothing inline, nothing from elsewhere but
# images (imported articles embed remote pictures). The nonce is only sent when a page asked
# for one: the admin's rich-text editor, for its import map; reader pages never do.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "https:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features no page of the site uses.
NEWSROOM_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
