"""Where a comment sits in its article's thread: the one rule `threads.tree_for` lays the
thread and its pages out by, and `Comment.number_pages` links each comment with (the redirect
after posting, the comment feeds, the admin)."""

import math
from collections import defaultdict
from functools import cached_property
from typing import NamedTuple


class Placed(NamedTuple):
    """A comment as far as its place goes."""

    pk: int
    parent_id: int | None


class Placement:
    """An article's comments (approved, oldest first) grouped under their parents in the thread.

    A comment opens a thread of its own (a root) when threading is off, or when its parent is
    not among these comments (none, or no longer approved); otherwise it hangs under its
    parent. Comment pages hold `per_page` roots each, in order.
    """

    def __init__(self, comments, threaded):
        self.ids = {comment.pk for comment in comments}
        self.threaded = threaded
        self.children = defaultdict(list)
        for comment in comments:
            self.children[self.parent_of(comment)].append(comment)
        self.roots = self.children[None]

    def parent_of(self, comment):
        """The comment it hangs under in the thread; None: it is a root."""
        parent_id = comment.parent_id
        return parent_id if self.threaded and parent_id in self.ids else None

    @cached_property
    def _parents(self):
        return {c.pk: parent for parent, kids in self.children.items() for c in kids}

    @cached_property
    def _positions(self):
        return {root.pk: n for n, root in enumerate(self.roots)}

    def position(self, comment):
        """(position of its thread's root, number of roots), for `comment` shown in the thread.

        A comment not among these (its author's own held comment) is shown as `tree_for` shows
        it: under its parent, or as a root after the others. A comment in a loop of replies,
        which no thread reaches, counts as the first.
        """
        roots = len(self.roots)
        node, above, seen = comment.pk, self.parent_of(comment), set()
        while above is not None and above not in seen:
            seen.add(above)
            node, above = above, self._parents[above]
        if above is not None:
            return 0, roots
        if node not in self._positions:  # a root of its own, after the others
            return roots, roots + 1
        return self._positions[node], roots


def page_count(roots, per_page):
    return max(1, math.ceil(roots / per_page))


def page_of(position, per_page):
    """The comment page of the root at `position` (0: the oldest)."""
    return position // per_page + 1
