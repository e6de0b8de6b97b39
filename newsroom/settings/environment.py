"""The environment, read through one parser (django-environ), strictly.

Every setting the environment can change is read with `env`: `env.bool`, `env.int`,
`env.float`, `env.list`, `env.str`. The same words mean the same thing under every settings
module (dev, prod, test); only a default may differ. A value the parser cannot read stops the
site starting with a message naming the variable, rather than being taken for "off":

- a switch is on for 1, true, yes, y, on, ok (or any other non-zero number) and off for
  0, false, no, n, off (any case);
- a number is a whole number (float: a decimal one);
- a list is comma-separated, each item stripped, empty items dropped.

A variable set to nothing (`PAGE_CACHE=`) counts as unset. Values are taken literally: django-
environ's `$NAME` references are not followed (a password may begin with "$").
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SWITCH_WORDS = "1/0, true/false, yes/no, on/off"
FALSE_STRINGS = ("false", "off", "no", "n", "0")


class Environment(environ.Env):
    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        value = self.ENVIRON.get(var, "")
        if value == "":
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"Set the {var} environment variable.")
            return default
        try:
            return self.parse_value(value, cast)
        except ValueError as error:
            raise ImproperlyConfigured(f"{var}={value!r} cannot be read: {error}") from None

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool:
            word = value.strip().lower()
            if word in cls.BOOLEAN_TRUE_STRINGS:
                return True
            if word in FALSE_STRINGS:
                return False
            try:
                return int(word) != 0
            except ValueError:
                raise ValueError(f"write {SWITCH_WORDS}") from None
        if cast is int:
            try:
                return int(value)
            except ValueError:
                raise ValueError("write a whole number") from None
        if cast is float:
            try:
                return float(value)
            except ValueError:
                raise ValueError("write a number") from None
        if cast is list:
            return [item.strip() for item in value.split(",") if item.strip()]
        return super().parse_value(value, cast)


env = Environment()
