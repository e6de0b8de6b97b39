import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings.base import cache_from_url, meta_key

ROOT = Path(__file__).resolve().parent.parent


def production_environment(**overrides):
    # The browser tests allow async-unsafe ORM calls in this process; production does not.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod", **overrides}


def test_production_settings_pass_the_deploy_check():
    """`manage.py check --deploy` is clean with production settings and a real secret."""
    env = {
        **production_environment(),
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.prod",
        "SECRET_KEY": "x" * 30 + "y" * 30 + "Z9!",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_environment(SECRET_KEY="")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("locmem://", "locmem.LocMemCache"),
        ("redis://127.0.0.1:6379/1", "redis.RedisCache"),
        ("memcached://127.0.0.1:11211", "memcached.PyMemcacheCache"),
    ],
)
def test_cache_url_selects_the_backend(url, backend):
    assert cache_from_url(url)["BACKEND"].endswith(backend)


def test_unknown_cache_url_is_a_clear_error():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("mongodb://x")


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("X-Forwarded-For", "HTTP_X_FORWARDED_FOR"),
        ("x-real-ip", "HTTP_X_REAL_IP"),
        ("CF-Connecting-IP", "HTTP_CF_CONNECTING_IP"),
        ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_FOR"),
        (" True-Client-IP ", "HTTP_TRUE_CLIENT_IP"),
        ("", ""),
    ],
)
def test_client_ip_header_is_accepted_as_people_write_it(written, key):
    """The README's "X-Forwarded-For" works: it becomes the name Django gives it in META."""
    assert meta_key(written) == key


@pytest.mark.parametrize("written", ["X-Forwarded-For: 1.2.3.4", "X Forwarded For", "1-header"])
def test_a_client_ip_header_that_can_never_match_stops_the_site_starting(written):
    with pytest.raises(ImproperlyConfigured, match="CLIENT_IP_HEADER"):
        meta_key(written)


def test_the_site_reads_the_header_named_in_the_environment():
    """CLIENT_IP_HEADER=X-Forwarded-For in the environment, as the README says to set it."""
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; "
         "print(settings.NEWSROOM_CLIENT_IP_HEADER)"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
             "CLIENT_IP_HEADER": "X-Forwarded-For"},
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == "HTTP_X_FORWARDED_FOR"


SET_LANGUAGE = """
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().post("/i18n/setlang/", {"language": "en", "next": "/en/"}, secure=True)
print(response.cookies["django_language"].output())
"""


def test_the_language_cookie_is_secure_and_same_site_in_production():
    """The admin's language choice travels only over HTTPS and not on cross-site requests."""
    env = production_environment(SECRET_KEY="x" * 50, ALLOWED_HOSTS="testserver")
    result = subprocess.run(
        [sys.executable, "-c", SET_LANGUAGE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    cookie = result.stdout.strip()
    assert "django_language=en" in cookie
    assert "Secure" in cookie
    assert "SameSite=Lax" in cookie
    assert "HttpOnly" in cookie
