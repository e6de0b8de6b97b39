"""Load the demo content; running it again changes nothing."""

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from django.db import transaction

from .. import images
from ..models import Article, Category
from ..related import refresh_related
from .content import (
    ARTICLES,
    AUTHORS,
    CATEGORIES,
    FRONT_PAGE_SECTIONS,
    LEAD_SLUG,
    PHOTO_CREDIT,
    PHOTOS,
    ROLES,
)
from .photos import photo_bytes


@transaction.atomic
def seed():
    """Create the demo categories, authors and articles that are missing. Returns new articles."""
    tz = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    categories = {}
    for slug, name, parent_slug, description in CATEGORIES:
        parent = categories.get(parent_slug)
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, parent=parent, defaults={"name": name, "description": description}
        )
    authors = {}
    User = get_user_model()
    for username, first_name, last_name in AUTHORS:
        authors[username], created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            authors[username].set_unusable_password()
            authors[username].save()
    for username, group_name in ROLES:
        group = Group.objects.filter(name=group_name).first()
        if group is not None:
            authors[username].groups.add(group)
    created_articles = []
    for data in ARTICLES:
        published_at = datetime.datetime.fromisoformat(data["published"]).replace(tzinfo=tz)
        if Article.objects.filter(slug=data["slug"]).exists():
            continue
        article = Article.objects.create(
            title=data["title"],
            slug=data["slug"],
            author=authors[data["author"]],
            category=categories[data["category"]],
            status=Article.Status.PUBLISHED,
            published_at=published_at,
            excerpt=data.get("excerpt", ""),
            body=data["body"],
            sticky=data.get("sticky", False),
        )
        article.tags.add(*data["tags"])
        # Demo articles were not edited after publication: no "Updated" line.
        Article.objects.filter(pk=article.pk).update(updated_at=published_at)
        created_articles.append(article)
    _front_page(categories)
    _photos()
    for article in Article.objects.filter(slug__in=[data["slug"] for data in ARTICLES]):
        refresh_related(article, neighbours=False)
    return created_articles


def _front_page(categories):
    """The lead story and the home page's sections, unless an editor has set them already."""
    if not Article.objects.filter(lead=True).exists():
        Article.objects.filter(slug=LEAD_SLUG).update(lead=True)
    if not Category.objects.filter(front_page_order__isnull=False).exists():
        for slug, order in FRONT_PAGE_SECTIONS:
            Category.objects.filter(pk=categories[slug].pk).update(front_page_order=order)


@functools.cache
def _drawn(slug, kind):
    """{storage name: bytes} of a demo picture and its renditions, drawn once per process.

    Drawing and encoding take a second or two a picture; tests seed the demo many times.
    """
    memory = InMemoryStorage()
    name = memory.save(f"articles/demo/{slug}.jpg", ContentFile(photo_bytes(slug, kind)))
    made = images.make_renditions(name, memory)
    names = [name] + [source[key] for source in made["sources"] for key in ("src", "webp")]
    return {each: memory.open(each).read() for each in names}


def _photos():
    """A drawn picture for each demo article still without one (same name, same picture)."""
    for article in Article.objects.filter(slug__in=PHOTOS, featured_image=""):
        kind, alt, caption = PHOTOS[article.slug]
        files = _drawn(article.slug, kind)
        for stored_name, content in files.items():
            if not default_storage.exists(stored_name):
                default_storage.save(stored_name, ContentFile(content))
        name = next(iter(files))
        Article.objects.filter(pk=article.pk).update(
            featured_image=name,
            featured_image_alt=alt,
            featured_image_caption=caption,
            featured_image_credit=PHOTO_CREDIT,
            featured_image_renditions=images.make_renditions(name),
        )
