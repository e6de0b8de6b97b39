from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

THEME_DATA = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "wordpress"
    / ("themeunittestdata.wordpress.xml")
)


def run_import(path=THEME_DATA, *args):
    """Run manage.py import_wordpress; returns (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def theme_site(db):
    """The theme unit test export imported into an empty site; the command's output."""
    return run_import()


WXR_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Small</title><wp:wxr_version>1.1</wp:wxr_version>
<wp:author><wp:author_id>7</wp:author_id><wp:author_login>rina</wp:author_login>
<wp:author_email>rina@example.com</wp:author_email>
<wp:author_display_name><![CDATA[Rina Wati]]></wp:author_display_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>berita</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Berita]]></wp:cat_name>
</wp:category>
"""


def wxr_item(post_id, title, *, slug=None, date_gmt="2024-03-05 02:00:00", extra="", body="Isi."):
    return f"""<item><title>{title}</title>
<link>https://old.example/2024/03/05/{slug or title.lower()}/</link>
<dc:creator>rina</dc:creator>
<content:encoded><![CDATA[{body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date>2024-03-05 09:00:00</wp:post_date>
<wp:post_date_gmt>{date_gmt}</wp:post_date_gmt><wp:comment_status>open</wp:comment_status>
<wp:post_name>{slug or title.lower()}</wp:post_name><wp:status>publish</wp:status>
<wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type><wp:is_sticky>0</wp:is_sticky>
<category domain="category" nicename="berita"><![CDATA[Berita]]></category>
{extra}</item>
"""


def write_wxr(path, *items):
    path.write_text(WXR_HEAD + "".join(items) + "</channel></rss>\n", encoding="utf-8")
    return path
