"""Load the demo content; running it again changes nothing."""

import datetime
import zoneinfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from ..models import Article, Category, Page
from .content import ARTICLES, AUTHORS, CATEGORIES, PAGES, ROLES


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
    for slug, title, title_en, order, privacy, body in PAGES:
        Page.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "title_en": title_en,
                "footer_order": order,
                "is_privacy_policy": privacy,
                "body": body,
            },
        )
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
    return created_articles
