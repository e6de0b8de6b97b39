"""Revisions in the admin: readable changes between them, and restoring one's content only.

django-simple-history keeps a revision per save. Its own list shows raw values cut to
"[138 chars]"; here the title, excerpt and body get a word diff, choices their labels, times
their WIB reading, and empty values a word rather than "None".
"""

import difflib

from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from .authors import display_name
from .forms import local_time_label
from .html import plain_text

# Kept by the site itself on every save: a change there is not an editor's change.
NOT_SHOWN = [
    "created_at",
    "updated_at",
    "featured_image_renditions",
    "comment_count",
    "pending_comment_count",
]
# Words of unchanged text shown around each change in a diff.
CONTEXT_WORDS = 6


def word_diff(old, new):
    """HTML of the words removed (<del>) and added (<ins>), with a little unchanged context."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            same = old_words[i1:i2]
            if len(same) > 2 * CONTEXT_WORDS:
                head = same[:CONTEXT_WORDS] if parts else []
                tail = same[-CONTEXT_WORDS:] if i2 < len(old_words) else []
                same = [*head, "\u2026", *tail]
            parts.append(format_html("{}", " ".join(same)))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return format_html_join(" ", "{}", ((part,) for part in parts))


class RevisionChanges(HistoricalRecordContextHelper):
    """What changed from one revision to the next, as an editor reads it."""

    TEXT_FIELDS = {"title": str, "excerpt": str, "body": plain_text}

    def context_for_delta_changes(self, delta):
        return [self.describe(change) for change in delta.changes]

    def describe(self, change):
        field = self.model._meta.get_field(change.field)
        label = str(field.verbose_name)
        label = label[:1].upper() + label[1:]
        to_text = self.TEXT_FIELDS.get(field.name)
        if to_text is not None:
            return {"field": label, "diff": word_diff(to_text(change.old), to_text(change.new))}
        return {
            "field": label,
            "old": self.value(field, change.old),
            "new": self.value(field, change.new),
        }

    @staticmethod
    def value(field, value):
        if value is None or value == "":
            return _("(empty)")
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(field, models.DateTimeField):
            return local_time_label(value)
        if isinstance(field, models.BooleanField):
            return _("yes") if value else _("no")
        if isinstance(field, models.FileField):
            return str(value).rsplit("/", 1)[-1]
        return str(value)


class RevisionListMixin:
    """The history page of an admin: readable changes, WIB times, names rather than "None"."""

    object_history_list_template = "admin/revision_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionChanges(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for record in historical_records:
            record.local_time = local_time_label(record.history_date)
            user = record.history_user
            record.changed_by = display_name(user) if user else ""
            if previous is not None:
                delta = previous.diff_against(
                    record, excluded_fields=NOT_SHOWN, foreign_keys_are_objs=True
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = record
