"""Small factories for test data: each returns a saved object with sensible defaults."""

import datetime
import itertools
import zoneinfo
from io import BytesIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles import images
from articles.models import Article, Category
from pages.models import Page

_counter = itertools.count(1)
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")  # settings.TIME_ZONE: the newsroom's clock


def make_user(username=None, **fields):
    n = next(_counter)
    fields.setdefault("first_name", "Penulis")
    fields.setdefault("last_name", str(n))
    fields.setdefault("email", f"user{n}@example.com")
    return get_user_model().objects.create_user(
        username=username or f"user{n}", password="pw-for-tests", **fields
    )


def make_staff(username=None, **fields):
    return make_user(username, is_staff=True, is_superuser=True, **fields)


def make_category(name=None, parent=None, **fields):
    n = next(_counter)
    name = name or f"Kategori {n}"
    fields.setdefault("slug", f"kategori-{n}")
    return Category.objects.create(name=name, parent=parent, **fields)


def make_article(title=None, *, tags=(), renditions=True, **fields):
    """An article; a featured image gets its renditions, as the admin makes them."""
    n = next(_counter)
    fields.setdefault("slug", f"artikel-{n}")
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=n))
    fields.setdefault("body", f"<p>Isi artikel nomor {n}.</p>")
    if "author" not in fields:
        fields["author"] = make_user()
    if "category" not in fields:
        fields["category"] = make_category()
    article = Article.objects.create(title=title or f"Artikel {n}", **fields)
    if tags:
        article.tags.add(*tags)
    if renditions and article.featured_image:
        article.featured_image_renditions = images.renditions_for(article.featured_image)
        Article.objects.filter(pk=article.pk).update(
            featured_image_renditions=article.featured_image_renditions
        )
    return article


def make_member(role, username=None, **fields):
    """A staff user in one of the newsroom's role groups (Editor, Author, Contributor)."""
    user = make_user(username, is_staff=True, **fields)
    user.groups.add(Group.objects.get(name=role))
    return user


def make_page(title=None, **fields):
    n = next(_counter)
    fields.setdefault("slug", f"halaman-{n}")
    fields.setdefault("body", f"<p>Isi halaman {n}.</p>")
    return Page.objects.create(title=title or f"Halaman {n}", **fields)


def image_bytes(kind="PNG", size=(1600, 900), color=(200, 40, 40), exif_orientation=None):
    """An image file made with Pillow, optionally with an EXIF orientation tag."""
    mode = "RGBA" if kind == "PNG" and len(color) == 4 else "RGB"
    image = Image.new(mode, size, color)
    options = {}
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        exif[0x010F] = "Kamera Rahasia"  # Make: personal metadata that must not survive
        options["exif"] = exif.tobytes()
    buffer = BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_image(name="foto.png", size=(64, 48)):
    """An uploaded PNG, as the featured image of an article."""
    buffer = BytesIO()
    Image.new("RGB", size, "#b3001b").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def make_comment(article=None, **fields):
    """An approved comment (by default) on a new or given article, or on `page=`."""
    from comments.models import Comment

    n = next(_counter)
    fields.setdefault("author_name", f"Pembaca {n}")
    fields.setdefault("author_email", f"pembaca{n}@example.com")
    fields.setdefault("body", f"Komentar nomor {n}.")
    fields.setdefault("status", Comment.Status.APPROVED)
    fields.setdefault("ip_address", "192.0.2.1")
    if "page" in fields:
        return Comment.objects.create(**fields)
    return Comment.objects.create(article=article or make_article(), **fields)


def comment_form_data(article, *, token_age=30, **fields):
    """What a browser posts from the article's (or standing page's) "Leave a Reply" form,
    filled `token_age`s ago."""
    import time

    from django.core import signing

    from comments.tokens import FORM_SALT

    on_page = article._meta.model_name == "page"
    token = signing.dumps(
        {"p" if on_page else "a": article.pk, "t": int(time.time()) - token_age},
        salt=FORM_SALT,
        compress=True,
    )
    data = {
        "page" if on_page else "article": str(article.pk),
        "token": token,
        "name": "Budi Santoso",
        "email": "budi.rahasia@example.com",
        "url": "",
        "comment": "Artikel yang sangat menarik.",
        "parent": "",
        "contact_phone": "",
    }
    data.update(fields)
    return data
