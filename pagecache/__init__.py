"""A full-page cache for anonymous reader pages, with exact invalidation by surrogate keys.

Views name what a page shows (`tag(request, "a:12", "cat:3")`); writes name what changed
(`purge("a:12")`). See docs/design.md, "The page cache".
"""

from .engine import last_purge, purge, purge_on_commit, tag, tag_layout, tagged
from .sessions import signed_in

__all__ = ["last_purge", "purge", "purge_on_commit", "signed_in", "tag", "tag_layout", "tagged"]
