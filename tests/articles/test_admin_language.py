"""The Indonesian admin an editor uses every day has no English left in it."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_category, make_comment, make_member, make_user

pytestmark = pytest.mark.django_db

# English that Django, django-taggit, django-simple-history and django-prose-editor show when
# a translation is missing, plus the raw status codes. Matched as whole words, case-sensitively.
ENGLISH = [
    "Action", "Add", "Articles", "By", "Change", "Change reason", "Changed by", "Changes",
    "CHANGES", "Choose", "Clear", "Comment", "Comments", "Currently", "Date/time", "Delete",
    "Draft", "Edit Link", "Go", "History", "Home", "Image URL", "Insert Figure", "Log out",
    "Merge selected tags", "Name", "None", "Now", "Object", "Pending review", "Preview",
    "Published", "Recent actions", "Revert", "Run", "Save", "Scheduled", "Search", "Select",
    "Show all", "TAGGIT", "Taggit", "Tags", "Today", "Unknown", "View on site", "Yes", "No",
    "draft", "entries", "pending", "published", "results", "scheduled", "total",
    "Featured image stash", "Remove", "Task", "Tasks", "Task Result", "Task Results",
    "Database Backend", "Backend",
]  # fmt: skip
# The login names of the desk's people: the admin shows their public names instead.
LOGIN_NAMES = re.compile(r"(?<![\w.])(dewi|rina\.s)(?![\w.])")
PATTERN = re.compile(r"(?<![\w/])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\w/])")


class VisibleText(HTMLParser):
    """Text a person sees or hears: text nodes and labelling attributes, outside scripts and
    outside elements marked as another language (the "English" switch button)."""

    HIDDEN = {"script", "style", "template", "textarea"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}

    def __init__(self):
        super().__init__()
        self.parts, self.skipping = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.append(tag)
            return
        if tag in self.HIDDEN or attrs.get("lang", "id") != "id":
            if tag not in self.VOID:
                self.skipping.append(tag)
            return
        for name in ("title", "alt", "aria-label", "placeholder"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data.strip())


def visible_text(page):
    parser = VisibleText()
    parser.feed(page)
    return parser.parts


@pytest.fixture
def desk(client):
    """An editor's day: a live article edited once, a draft, a comment, a category, tags."""
    editor = make_member("Editor", "dewi", first_name="Dewi", last_name="Lestari")
    category = make_category("Nasional", slug="nasional")
    article = make_article("Gempa", author=editor, category=category, tags=["Gempa"])
    article.title = "Gempa Guncang Palu"
    article._history_user = editor
    article.save()
    draft = make_article(
        "Rancangan", author=editor, category=category, status="draft", published_at=None
    )
    make_comment(article)
    # A second author with work: the list's author filter appears.
    rina = make_member("Author", "rina.s", first_name="Rina", last_name="Susanti")
    make_article("Banjir", author=rina, category=category)
    client.force_login(editor)
    first = article.history.order_by("history_date").first()
    return [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_article_simple_history", args=[article.pk, first.history_id]),
        reverse("admin:comments_comment_changelist"),
        reverse("admin:articles_category_changelist"),
        reverse("admin:articles_tag_changelist"),
        reverse("articles:preview", args=[draft.pk]),
    ]


def test_no_english_is_left_in_the_indonesian_admin(client, desk):
    found = {}
    for url in desk:
        response = client.get(url)
        assert response.status_code == 200, url
        english = {
            m for text in visible_text(response.content.decode()) for m in PATTERN.findall(text)
        }
        if english:
            found[url] = sorted(english)
    assert found == {}


def test_people_appear_by_their_public_names(client, desk):
    """The author picker and the list filters name people as readers know them."""
    found = {}
    for url in desk:
        names = {
            m for text in visible_text(client.get(url).content.decode())
            for m in LOGIN_NAMES.findall(text)
        }  # fmt: skip
        if names:
            found[url] = sorted(names)
    assert found == {}
    listing = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Rina Susanti" in visible_text(listing)


def test_a_superusers_sidebar_names_the_task_queue_in_indonesian(client, db):
    """The background-task app (django-tasks-db) ships English names; the desk shows ours."""
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    for url in [reverse("admin:index"), reverse("admin:articles_article_changelist")]:
        english = {
            m for text in visible_text(client.get(url).content.decode())
            for m in PATTERN.findall(text)
        }  # fmt: skip
        assert english == set(), url
    index = visible_text(client.get(reverse("admin:index")).content.decode())
    assert "Tugas latar belakang" in index
    assert "Hasil tugas" in index


# The category picker's strings (Django's SelectFilter2.js), in Django's own Indonesian: the
# arrow buttons' names left in English, and "Pindahkan%s" without its space.
SELECT_FILTER = [
    'Choose %s by selecting them and then select the "Choose" arrow button.',
    'Remove %s by selecting them and then select the "Remove" arrow button.',
    "Choose all %s",
    "Choose selected %s",
    "Remove selected %s",
    "Remove all %s",
]


def test_the_category_picker_speaks_indonesian(client, desk):
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    translations = json.loads(re.search(r"const newcatalog = (\{.*?\});", catalog, re.S).group(1))
    for msgid in SELECT_FILTER:
        text = translations[msgid]
        assert not PATTERN.search(text), text
        assert re.search(r"(^|\s)%s(\s|$|[.,])", text), text  # a word of its own


def test_tags_are_under_articles(client, desk):
    """No "Taggit" section: tags are listed with articles, and their pages say so."""
    index = client.get(reverse("admin:index")).content.decode()
    articles = re.search(r'<div class="app-articles module.*?</table>', index, re.S).group(0)
    assert reverse("admin:articles_tag_changelist") in articles
    assert "taggit" not in index.lower()
    tags = client.get(reverse("admin:articles_tag_changelist")).content.decode()
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', tags, re.S).group(1)
    assert "Artikel" in crumbs
    assert "Taggit" not in crumbs


def test_the_action_button_says_run(client, desk):
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    button = re.search(
        r'<button type="submit" class="button"[^>]*name="index"[^>]*>(.*?)</button>', page
    )
    assert button.group(1) == "Jalankan"


def test_preview_byline_has_no_empty_parts(client, desk):
    """A draft has no date and no comments yet: the byline is just the author."""
    draft = Article.objects.get(title="Rancangan")
    page = client.get(reverse("articles:preview", args=[draft.pk])).content.decode()
    byline = re.search(r'<p class="entry__byline">(.*?)</p>', page, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", byline).strip()
    assert text == "Oleh Dewi Lestari"


def test_the_body_editor_gets_its_indonesian(client, desk):
    """The admin's JavaScript catalog has the editor's dialogs and menu; its script is loaded."""
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "js/admin-prose-editor-i18n.js" in form
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    for english, indonesian in [
        ("Insert Figure", "Sisipkan gambar"),
        ("Image URL", "URL gambar"),
        ("Edit Link", "Sunting tautan"),
        ("Bold", "Tebal"),
        ("Heading %s", "Judul %s"),
    ]:
        assert f'"{english}": "{indonesian}"' in catalog
