"""Every surrogate key: the one place a key's spelling is written.

A view tags a page with the keys of what it shows (`pagecache.tag(request, keys.article(12))`);
a write purges the keys of what changed (`pagecache.purge_on_commit(keys.article(12))`). Both
build them here, so a key tagged and a key purged cannot be spelled apart; which write purges
which key is each app's (articles/cachekeys.py, comments/cachekeys.py, pages/cachekeys.py).
Functions take plain ids, so the page cache still knows no other app. The apps import this
module as `surrogate` (`surrogate.article(pk)`): `keys` is their name for a list of keys.

tests/pagecache/test_keys.py fails when a page carries a kind of key no purge sends.
"""

# Every stored page and every fragment carries this key too: purging it forgets them all.
ALL = "all"

# Lists (which articles appear on them) and whole-site parts.
HOME_LIST = "list:home"  # the home page, the site's feed (the latest articles)
DATE_LISTS = "list:dates"  # the year, month and day archives
SITEMAP = "sitemap"  # every sitemap
NAV = "nav"  # the category navigation on every HTML page
FOOTER = "footer"  # the footer's standing-page links on every HTML page
ALL_COMMENTS = "comments"  # the all-comments feed
DISCUSSION_SETTINGS = "settings:discussion"  # every comment block
ROBOTS = "robots"  # robots.txt: it changes only with the code, so it only expires

# Kinds of key that no write purges: their pages are kept until they expire (or ALL goes).
EXPIRES_ONLY = frozenset({ROBOTS})


def article(pk):
    """An article's page, and every card, feed item and neighbour link showing it."""
    return f"a:{pk}"


def category(pk):
    """Pages showing a category's name or link."""
    return f"cat:{pk}"


def tag(pk):
    """Pages showing a tag's name or link."""
    return f"tag:{pk}"


def author(pk):
    """Pages showing an author's byline or link (the user's id)."""
    return f"author:{pk}"


def page(pk):
    """A standing page, whole (its comment block included)."""
    return f"page:{pk}"


def article_comments(pk):
    """An article's thread, its comment count on cards, its comment feed."""
    return f"comments:{pk}"


def page_comments(pk):
    """A standing page's thread and comment feed."""
    return f"comments:page:{pk}"


def neighbours(pk):
    """An article page's links to the previous and next article."""
    return f"near:{pk}"


def category_list(pk):
    """A category's list and feed (an article in a subcategory is on its parents' too)."""
    return f"list:cat:{pk}"


def tag_list(pk):
    """A tag's list and feed."""
    return f"list:tag:{pk}"


def author_list(pk):
    """An author's list and feed."""
    return f"list:author:{pk}"


# A section of the site, by the kind its views and feeds name: (its name's key, its list's key).
SECTIONS = {
    "cat": (category, category_list),
    "tag": (tag, tag_list),
    "author": (author, author_list),
}


def section(kind, pk):
    """A section's list and its name: [category_list(pk), category(pk)] for "cat", ..."""
    name, listing = SECTIONS[kind]
    return [listing(pk), name(pk)]


def kind_of(key):
    """What a key names, without its id: "a" for "a:12", "comments:page" for "comments:page:3"."""
    head, _sep, last = key.rpartition(":")
    return head if head and last.isdigit() else key
