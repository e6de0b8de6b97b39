"""A long import keeps its pace: the work per post does not grow with the posts already in,
and the progress line shows the rate."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from wordpress.importer import Importer

from .conftest import write_wxr, wxr_item

pytestmark = pytest.mark.django_db


def comment(comment_id, parent=0):
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>
<wp:comment_author><![CDATA[Pembaca]]></wp:comment_author>
<wp:comment_author_email>pembaca@example.com</wp:comment_author_email>
<wp:comment_date_gmt>2024-03-05 03:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Komentar {comment_id}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>
</wp:comment>"""


def post(n):
    """A post of the same day as every other, with a tag and two threaded comments."""
    extra = (
        '<category domain="post_tag" nicename="kota"><![CDATA[Kota]]></category>'
        + comment(n * 10 + 1)
        + comment(n * 10 + 2, parent=n * 10 + 1)
    )
    return wxr_item(100 + n, f"Berita {n}", slug=f"berita-{n}", extra=extra)


class CountingImporter(Importer):
    """The importer, counting the queries each post costs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queries = []

    def import_item(self, item):
        with CaptureQueriesContext(connection) as queries:
            super().import_item(item)
        self.queries.append(len(queries))


def test_queries_per_post_do_not_grow_with_the_posts_already_imported(tmp_path):
    """Every post after the first (which makes its tag) costs the same queries, the 60th as
    the 2nd, and so does one more post in a second file when 60 are in."""
    importer = CountingImporter(write_wxr(tmp_path / "sixty.xml", *(post(n) for n in range(60))))
    importer.run()
    assert Article.objects.count() == 60
    assert len(importer.queries) == 60
    assert importer.queries[-1] == importer.queries[1]
    assert set(importer.queries[1:]) == {importer.queries[1]}
    later = CountingImporter(write_wxr(tmp_path / "one-more.xml", post(60)))
    later.run()
    assert later.queries == [importer.queries[1]]


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_the_rate(tmp_path):
    path = write_wxr(tmp_path / "sixty.xml", *(wxr_item(n, f"Berita {n}") for n in range(1, 61)))
    out = Terminal()
    call_command("import_wordpress", str(path), stdout=out, stderr=io.StringIO())
    lines = out.getvalue().split("\r")
    assert re.match(r"posts and pages: 50/60, \d+\.\d posts/s", lines[1])
    assert re.match(r"posts and pages: 60/60, \d+\.\d posts/s", lines[2])
