"""The "Leave a Reply" form: WordPress's fields and limits, one clean_* per concern."""

import re
from html.parser import HTMLParser

from django import forms
from django.core.validators import URLValidator
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "contact_phone"
# ASCII digits only: str.isdigit() takes "²", which int() then refuses; 18 digits fit any id.
_ID = re.compile(r"[1-9][0-9]{0,17}")


def id_from(value):
    """A record id from a query string or posted value, or None when it cannot be one."""
    return int(value) if _ID.fullmatch(value or "") else None


class _TextOnly(HTMLParser):
    """The text between tags; tags, comments and <script>/<style> content are dropped."""

    SKIP_CONTENT = frozenset({"script", "style"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP_CONTENT:
            self.skipping = tag

    def handle_endtag(self, tag):
        if tag == self.skipping:
            self.skipping = None

    def handle_data(self, data):
        if self.skipping is None:
            self.parts.append(data)


def strip_tags(value):
    """Plain text from a one-line field: tags dropped, every other character kept as typed.

    Every "&" is escaped before parsing, so a typed `&lt;img&gt;` comes back as those very
    characters (text, escaped again on output), never as the `<img>` tag it would spell.
    """
    parser = _TextOnly()
    parser.feed(value.replace("&", "&amp;"))
    parser.close()
    return " ".join("".join(parser.parts).split())


class WebsiteField(forms.URLField):
    """A web address: http or https only (no javascript:, data: or ftp:), one message if not."""

    default_validators = [URLValidator(schemes=["http", "https"])]


class WidgetRenderer(DjangoTemplates):
    """Django's own markup for the form's inputs and text area, written out in Python.

    The form is on every article page, and its six widgets through the template engine cost
    about 1.5 ms of a page rendered with every cache empty. These are Django's
    `django/forms/widgets/` input, attrs and textarea templates, byte for byte (a test renders
    every widget both ways, bound and unbound, with and without errors); any other template
    (error lists, a widget added later) goes through Django's.
    """

    INPUTS = frozenset(
        f"django/forms/widgets/{kind}.html"
        for kind in ("input", "text", "email", "url", "checkbox", "number", "hidden")
    )
    TEXTAREA = "django/forms/widgets/textarea.html"

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if widget is None or widget.get("template_name") != template_name:
            return super().render(template_name, context, request)
        attrs = "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in widget["attrs"].items()
            if value is not False
        )
        name, value = conditional_escape(widget["name"]), widget["value"]
        if template_name == self.TEXTAREA:
            text = conditional_escape(value) if value else ""
            return f'<textarea name="{name}"{attrs}>\n{text}</textarea>'
        if template_name not in self.INPUTS:
            return super().render(template_name, context, request)
        shown = "" if value is None else f' value="{conditional_escape(value)}"'
        # Django's renderer strips what its templates leave around the tag.
        return f'<input type="{conditional_escape(widget["type"])}" name="{name}"{shown}{attrs}>'


class CommentForm(forms.Form):
    default_renderer = WidgetRenderer()

    comment = forms.CharField(
        label=_("Comment"),
        max_length=65525,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 45, "autocomplete": "off"}),
        error_messages={
            "required": _("Please type your comment."),
            "max_length": _("Your comment is too long (at most %(limit_value)d characters)."),
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=245,
        widget=forms.TextInput(attrs={"autocomplete": "name", "size": 30}),
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=100,
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "size": 30, "aria-describedby": "email-notes"}
        ),
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, like name@example.com."),
        },
    )
    url = WebsiteField(
        label=_("Website"),
        max_length=200,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url", "size": 30}),
        error_messages={"invalid": _("Please enter a web address starting with https://.")},
    )
    remember = forms.BooleanField(
        label=_("Save my name, email, and website in this browser for the next time I comment."),
        required=False,
    )
    parent = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    token = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    # The trap: hidden from people by CSS and from assistive technology by aria-hidden.
    contact_phone = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, require_name_email=True, signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("comment", "name", "email", "url"):
            self.fields[name].widget.attrs["maxlength"] = self.fields[name].max_length
        if signed_in:
            # A signed-in user comments under their account's name and address.
            del self.fields["name"], self.fields["email"], self.fields["url"]
            del self.fields["remember"]
        elif not require_name_email:
            self.fields["name"].required = self.fields["email"].required = False
        for field in self.fields.values():
            if field.required:
                field.widget.attrs["required"] = True
                field.widget.attrs["aria-required"] = "true"

    def full_clean(self):
        super().full_clean()
        # Screen readers hear a field's error with the field itself.
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"

    def clean_comment(self):
        text = self.cleaned_data["comment"].replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            raise forms.ValidationError(self.fields["comment"].error_messages["required"])
        return text.strip("\n")

    def clean_name(self):
        name = strip_tags(self.cleaned_data.get("name", ""))
        if self.fields["name"].required and not name:
            raise forms.ValidationError(_("Please enter your name."))
        return name

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if any(char in url for char in "<>\"'`\\"):
            raise forms.ValidationError(self.fields["url"].error_messages["invalid"])
        return url

    def clean_email(self):
        return self.cleaned_data.get("email", "").strip()

    def error_list(self):
        """(field id, message) pairs for the summary at the top of the form."""
        items = []
        for name, errors in self.errors.items():
            if name in self.fields and not self.fields[name].widget.is_hidden:
                anchor = self[name].auto_id
            else:
                anchor = self["comment"].auto_id
            items.extend((anchor, message) for message in errors)
        return items
