"""Reader-facing forms of the articles app."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

# NUL and other control characters: PostgreSQL refuses NUL in text, and none belong in a query.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


class SearchQueryField(forms.CharField):
    """Any text is a valid query: control characters are dropped, spaces folded, length cut."""

    def to_python(self, value):
        value = _CONTROL.sub("", value or "")
        return _SPACES.sub(" ", value).strip()


class SearchForm(forms.Form):
    q = SearchQueryField(label=_("Search for"), required=False)
    truncated = False

    def clean_q(self):
        query = self.cleaned_data["q"]
        limit = settings.NEWSROOM_SEARCH_MAX_LENGTH
        self.truncated = len(query) > limit
        return query[:limit].strip()

    @property
    def query(self):
        """The cleaned query, or "" when there is none."""
        return self.cleaned_data.get("q", "") if self.is_valid() else ""
