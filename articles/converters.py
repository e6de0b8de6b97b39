"""URL pieces in WordPress's shape: /2026/11/23/, zero-padded; tag slugs in any script.

Each matches only what can name something: ASCII digits ([0-9], never `\\d`, which takes "²"
that `int()` refuses) and no control characters (PostgreSQL refuses a NUL in a query).
"""


class ZeroPadded:
    """A number of `width` digits, zero-padded in URLs."""

    width = 2

    def __init__(self):
        self.regex = f"[0-9]{{{self.width}}}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):0{self.width}d}"


class FourDigitYear(ZeroPadded):
    width = 4


class TwoDigits(ZeroPadded):
    width = 2


class CategoryPath:
    """One or more slugs separated by "/": /category/parent/child/."""

    regex = r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class TagSlug:
    """A tag's slug in any script (/tag/erdoğan/, /tag/中国/): what articles.tags makes."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
