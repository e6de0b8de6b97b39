import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import environment
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
    """docs/operations.md's "X-Forwarded-For" works: it becomes the name Django gives it in META."""
    assert meta_key(written) == key


@pytest.mark.parametrize("written", ["X-Forwarded-For: 1.2.3.4", "X Forwarded For", "1-header"])
def test_a_client_ip_header_that_can_never_match_stops_the_site_starting(written):
    with pytest.raises(ImproperlyConfigured, match="CLIENT_IP_HEADER"):
        meta_key(written)


def test_the_site_reads_the_header_named_in_the_environment():
    """CLIENT_IP_HEADER=X-Forwarded-For in the environment, as docs/operations.md says to set it."""
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; "
         "print(settings.NEWSROOM_CLIENT_IP_HEADER)"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
             "CLIENT_IP_HEADER": "X-Forwarded-For"},
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert result.stdout.strip() == "HTTP_X_FORWARDED_FOR"


def setting_in(module, name, **environment):
    """What `name` comes to under newsroom.settings.<module> with these variables set."""
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        env=production_environment(
            DJANGO_SETTINGS_MODULE=f"newsroom.settings.{module}", SECRET_KEY="s" * 50,
            **environment,
        ),
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("written", "meaning"),
    [("2", "True"), ("on", "True"), ("YES", "True"), ("off", "False"), ("0", "False")],
)
def test_a_switch_means_the_same_under_dev_and_prod(written, meaning):
    """PAGE_CACHE=2 turned the cache on under prod and off under dev: one parser, one meaning."""
    assert setting_in("prod", "NEWSROOM_PAGE_CACHE", PAGE_CACHE=written) == meaning
    assert setting_in("dev", "NEWSROOM_PAGE_CACHE", PAGE_CACHE=written) == meaning


def test_only_the_defaults_differ_between_dev_and_prod():
    """Unset, the page cache is on in production and off for `make run` (code edits would not
    purge it); an empty variable counts as unset."""
    assert setting_in("prod", "NEWSROOM_PAGE_CACHE") == "True"
    assert setting_in("dev", "NEWSROOM_PAGE_CACHE") == "False"
    assert setting_in("prod", "NEWSROOM_PAGE_CACHE", PAGE_CACHE="") == "True"


UNREADABLE = [
    ("PAGE_CACHE", "enabled"),
    ("DEBUG", "maybe"),
    ("SERVE_MEDIA", "ya"),
    ("PAGE_CACHE_SECONDS", "an hour"),
    ("DB_CONN_MAX_AGE", "60s"),
    ("LOGIN_FAILURE_LIMIT", "5.5"),
]


@pytest.mark.parametrize(
    ("module", "variable", "value"),
    [
        *(("dev", variable, value) for variable, value in UNREADABLE),
        *(("prod", variable, value) for variable, value in UNREADABLE),
        ("prod", "SECURE_HSTS_SECONDS", "1y"),
        ("prod", "SECURE_SSL_REDIRECT", "sometimes"),
    ],
)
def test_a_value_the_parser_cannot_read_stops_startup_naming_the_variable(module, variable, value):
    """`PAGE_CACHE=enabled` was taken as on under prod and off under dev; now neither starts."""
    env = production_environment(
        DJANGO_SETTINGS_MODULE=f"newsroom.settings.{module}", SECRET_KEY="s" * 50,
        **{variable: value},
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: "), last_line
    assert f"{variable}={value!r} cannot be read" in last_line


@pytest.mark.parametrize(
    ("cast", "written", "read"),
    [
        (bool, " True ", True),
        (bool, "n", False),
        (int, " 42 ", 42),
        (float, "2.5", 2.5),
        (list, " a.example , b.example,,", ["a.example", "b.example"]),
    ],
)
def test_the_parser_reads_what_people_write(cast, written, read):
    assert environment.Environment.parse_value(written, cast) == read


def test_a_value_is_taken_literally():
    """A password beginning with "$" is that password, not a reference to another variable."""
    parser = environment.Environment()
    parser.ENVIRON = {"EMAIL_HOST_PASSWORD": "$ecret", "ecret": "other"}
    assert parser.str("EMAIL_HOST_PASSWORD", default="") == "$ecret"


def settings_reads():
    """{variable: file} for every environment variable newsroom/settings/ reads (the source's
    env.<kind>("NAME", ...) calls), and the files that read os.environ some other way."""
    reads, bypasses = {}, []
    for path in sorted((ROOT / "newsroom" / "settings").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"environ", "getenv"}
                and isinstance(node.value, ast.Name)
                and node.value.id == "os"
            ):
                bypasses.append(path.name)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "env"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                reads.setdefault(node.args[0].value, path.name)
    return reads, bypasses


def test_the_settings_read_the_environment_only_through_the_parser():
    _reads, bypasses = settings_reads()
    assert bypasses == []


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
