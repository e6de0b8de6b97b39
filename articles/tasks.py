"""Background work of the articles app: featured image renditions, made off the request.

Cutting a 12-megapixel photo into ten renditions takes seconds; the admin's save only stores
the upload and queues `make_featured_renditions`. Until the worker has made them, the article
shows the upload itself (cleaned of metadata at upload) and og:image points at it
(`metadata.social_image`).
"""

from django_tasks import task

from . import cachekeys, images
from .models import Article


def pending_renditions(fieldfile):
    """What the article keeps while its renditions are queued: the image's name and size."""
    return {"name": fieldfile.name, "width": fieldfile.width, "height": fieldfile.height}


@task()
def make_featured_renditions(article_id, name):
    """Make the renditions of `name`, unless the article has moved on to another image."""
    article = Article.objects.filter(pk=article_id).only("pk", "featured_image").first()
    if article is None or article.featured_image.name != name:
        return 0
    data = images.make_renditions(name, article.featured_image.storage)
    # update(), not save(): no new revision for a technical change; only if still this image.
    updated = Article.objects.filter(pk=article_id, featured_image=name).update(
        featured_image_renditions=data
    )
    if updated:
        cachekeys.renditions_made(Article.objects.get(pk=article_id))
    return updated
