"""The page cache's surrogate keys for what reader pages show, and the purges when it changes.

Keys name things a page shows; `list:*` keys name lists (which articles appear on them):

- `a:<id>`: the article page, every card, feed item and neighbour link showing it. Purged when
  the article is saved or deleted.
- `cat:<id>`, `tag:<id>`, `author:<id>`: pages showing its name or link. Purged when it changes.
- `list:home`, `list:cat:<id>` (a category's list and its parents'), `list:tag:<id>`,
  `list:author:<id>`, `list:dates` (the date archives), and their feeds. Purged when an article
  enters, leaves or moves within them: published, unpublished, scheduled, deleted, or its date,
  category, tags, author or sticky flag change while it is public or scheduled.
- `near:<id>`: the article page's links to the previous and next article. Purged when an
  article enters or leaves the lists beside it.
- `nav`, `footer`: every HTML page. Purged when a top-level category or a footer page changes.
- `sitemap`: sitemaps (any article, category, tag or author
  change). `robots`: robots.txt (expires only).

Each key is built by pagecache/keys.py (`surrogate.article(pk)`, ...), never spelled here.
The pages app adds `page:<id>` (a standing page) and purges `footer`; the comments app adds
`comments:<article id>` (the article's thread, count and comment feed), `comments` (the
all-comments feed) and `settings:discussion`.
"""

from django.core.cache import cache
from django.utils import timezone

import pagecache
from pagecache import keys as surrogate

from .models import Article, Category

PUBLIC_OR_SCHEDULED = Article.PUBLIC_STATUSES


def tag_articles(request, articles):
    """A list shows these articles: their cards name the category, the author, the count."""
    keys = []
    for article in articles:
        keys += [
            surrogate.article(article.pk),
            surrogate.category(article.category_id),
            surrogate.author(article.author_id),
            surrogate.article_comments(article.pk),
        ]
    pagecache.tag(request, *keys)


NEXT_SCHEDULED_CACHE_KEY = "articles:next-scheduled"
NEXT_SCHEDULED_CACHE_SECONDS = 24 * 60 * 60


def next_scheduled_time(request=None):
    """When the next scheduled article goes public, or None: one query per change, not per page.

    Scheduling, unscheduling or deleting an article purges `list:home` (list_keys), so the
    answer is kept under that key's generation, read before the query; once its time has come
    it is read again (the article went public without any save). Given the request, it is read
    once for it: the views' cached parts, a list's page count and the reader cache middleware
    (the pages' lifetime) all ask."""
    if request is not None:
        if not hasattr(request, "next_scheduled_time"):
            request.next_scheduled_time = next_scheduled_time()
        return request.next_scheduled_time
    generation = pagecache.generations(surrogate.HOME_LIST)
    found = cache.get(NEXT_SCHEDULED_CACHE_KEY)
    if found is not None and found[0] == generation:
        upcoming = found[1]
        if upcoming is None or upcoming > timezone.now():
            return upcoming
    upcoming = Article.objects.next_scheduled_time()
    cache.set(NEXT_SCHEDULED_CACHE_KEY, (generation, upcoming), NEXT_SCHEDULED_CACHE_SECONDS)
    return upcoming


def next_scheduled_timestamp(request=None):
    """next_scheduled_time() as a time.time(), None when nothing is scheduled."""
    upcoming = next_scheduled_time(request)
    return upcoming.timestamp() if upcoming is not None else None


def category_keys(category_ids):
    """`cat:` keys for these categories and every category above them."""
    paths = list(Category.objects.filter(pk__in=category_ids).values_list("path", flat=True))
    ancestors = {"/".join(p.split("/")[:i]) for p in paths for i in range(1, p.count("/") + 1)}
    ids = set(category_ids)
    if ancestors:
        ids |= set(Category.objects.filter(path__in=ancestors).values_list("pk", flat=True))
    return ids


def _neighbours(published_at):
    public = Article.objects.published().order_by()
    return [
        pk
        for pk in (
            public.before(published_at).values_list("pk", flat=True).first(),
            public.after(published_at).values_list("pk", flat=True).first(),
        )
        if pk
    ]


def list_keys(state):
    """The lists an article in this state appears on (or will, when scheduled)."""
    if not state or state["status"] not in PUBLIC_OR_SCHEDULED or state["published_at"] is None:
        return set()
    keys = {
        surrogate.HOME_LIST,
        surrogate.DATE_LISTS,
        surrogate.SITEMAP,
        surrogate.ALL_COMMENTS,
        surrogate.author_list(state["author_id"]),
    }
    categories = [state["category_id"], *state.get("category_ids", ())]
    keys |= {surrogate.category_list(pk) for pk in category_keys(categories)}
    keys |= {surrogate.tag_list(pk) for pk in state.get("tag_ids", ())}
    keys |= {surrogate.neighbours(pk) for pk in _neighbours(state["published_at"])}
    return keys


STATE_FIELDS = ("status", "published_at", "category_id", "author_id", "sticky")


def article_state(article):
    state = {name: getattr(article, name) for name in STATE_FIELDS}
    state["tag_ids"] = set(article.tags.values_list("pk", flat=True)) if article.pk else set()
    # Its more categories' lists show it too.
    state["category_ids"] = (
        set(article.categories.values_list("pk", flat=True)) if article.pk else set()
    )
    return state


# Signal receivers (connected in apps.py) ------------------------------------------------------


def remember_article(sender, instance, raw=False, **kwargs):
    """pre_save / pre_delete: what the article looked like, to purge the lists it left."""
    if raw or not instance.pk or pagecache.purging_all():
        instance._cache_state_before = None
        return
    stored = Article.objects.filter(pk=instance.pk).first()
    instance._cache_state_before = article_state(stored) if stored else None


def article_saved(sender, instance, raw=False, **kwargs):
    if raw or pagecache.purging_all():  # a batch purging every page needs no keys worked out
        return
    before = getattr(instance, "_cache_state_before", None)
    after = article_state(instance)
    keys = {surrogate.article(instance.pk), surrogate.SITEMAP}
    if before != after:  # it entered, left or moved within lists (an edit alone: `a:` says it)
        keys |= list_keys(before) | list_keys(after)
    pagecache.purge_on_commit(*keys)


def renditions_made(article):
    """The task worker stored an article's renditions (an update(), so no signal): its page and
    the lists showing its image now offer them."""
    pagecache.purge_on_commit(surrogate.article(article.pk), *list_keys(article_state(article)))


def article_deleted(sender, instance, **kwargs):
    keys = {surrogate.article(instance.pk), surrogate.SITEMAP} | list_keys(
        getattr(instance, "_cache_state_before", None)
    )
    pagecache.purge_on_commit(*keys)


def _article_relation_changed(instance, action, pk_set, relation, list_keys):
    """An article's tags or more categories added or removed (m2m_changed): its page names them,
    the lists of those it joined or left show it. `list_keys(pks)` names those lists' keys."""
    if not isinstance(instance, Article) or pagecache.purging_all():
        return
    cleared = f"_cache_cleared_{relation}"
    if action == "pre_clear":  # post_clear does not say which ones went
        setattr(instance, cleared, set(getattr(instance, relation).values_list("pk", flat=True)))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action == "post_clear":
        pk_set = getattr(instance, cleared, set())
    keys = {surrogate.article(instance.pk), surrogate.SITEMAP}
    if instance.status in PUBLIC_OR_SCHEDULED and pk_set:
        keys |= set(list_keys(pk_set))
    pagecache.purge_on_commit(*keys)


def article_tags_changed(sender, instance, action, pk_set, model=None, **kwargs):
    """Tags added to or removed from an article (taggit sends m2m_changed)."""
    _article_relation_changed(
        instance, action, pk_set, "tags", lambda pks: map(surrogate.tag_list, pks)
    )


def article_categories_changed(sender, instance, action, pk_set, **kwargs):
    """More categories added or removed."""
    _article_relation_changed(
        instance,
        action,
        pk_set,
        "categories",
        lambda pks: map(surrogate.category_list, category_keys(pks)),
    )


def remember_parent(sender, instance, raw=False, **kwargs):
    instance._cache_parent_before = (
        Category.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
        if instance.pk and not raw
        else None
    )


def category_changed(sender, instance, **kwargs):
    keys = {
        surrogate.category(instance.pk),
        surrogate.category_list(instance.pk),
        surrogate.SITEMAP,
    }
    if instance.parent_id is None or getattr(instance, "_cache_parent_before", 0) is None:
        keys.add(surrogate.NAV)
    pagecache.purge_on_commit(*keys)


def tag_changed(sender, instance, **kwargs):
    pagecache.purge_on_commit(
        surrogate.tag(instance.pk), surrogate.tag_list(instance.pk), surrogate.SITEMAP
    )


def author_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= {"last_login", "password"}:
        return  # signing in changes nothing a reader sees
    pagecache.purge_on_commit(surrogate.author(instance.pk), surrogate.SITEMAP)


def author_profile_changed(sender, instance, **kwargs):
    """A byline's public name or author address changed: every page showing that author."""
    pagecache.purge_on_commit(surrogate.author(instance.user_id), surrogate.SITEMAP)
