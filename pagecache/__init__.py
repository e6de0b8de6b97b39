"""A full-page cache for anonymous reader pages, with exact invalidation by surrogate keys.

Views name what a page shows (`tag(request, keys.article(12), keys.category(3))`); writes name
what changed (`purge(keys.article(12))`). The modules: `keys` (every key's spelling), `tagging`
(what a page shows), `purging` (what changed), `store` (pages and generations), `http` (requests
and responses as the cache sees them), `middleware` (the WSGI wrapper and the middleware). See
docs/design.md, "The page cache".
"""

from .purging import deferred_purges, last_purge, purge, purge_on_commit, purging_all
from .sessions import signed_in
from .store import generations
from .tagging import tag, tag_layout, tagged

__all__ = [
    "deferred_purges",
    "generations",
    "last_purge",
    "purge",
    "purge_on_commit",
    "purging_all",
    "signed_in",
    "tag",
    "tag_layout",
    "tagged",
]
