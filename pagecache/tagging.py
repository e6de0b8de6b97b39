"""What a page shows: views record the surrogate keys (pagecache/keys.py) of what they render.

A page whose view tagged nothing is never stored; the layout's keys (navigation, footer) ride
along with a view's but do not opt a page in. See docs/design.md, "The page cache".
"""

from .keys import ALL


def tag(request, *keys):
    """Record that the page being rendered for `request` shows these things."""
    if request is None:
        return
    recorded = getattr(request, "surrogate_keys", None)
    if recorded is None:
        recorded = request.surrogate_keys = set()
    recorded.update(str(key) for key in keys if key)


def tag_layout(request, *keys):
    """Keys of parts most pages show (navigation, footer). Unlike `tag`, they do not make a page
    storable: only a view that names what its page shows opts it into the cache."""
    if request is None:
        return
    recorded = getattr(request, "surrogate_layout_keys", None)
    if recorded is None:
        recorded = request.surrogate_layout_keys = set()
    recorded.update(keys)


def keys_of(request):
    """Every key the page for `request` recorded; empty when its view named none."""
    keys = getattr(request, "surrogate_keys", None)
    if not keys:
        return set()
    return keys | getattr(request, "surrogate_layout_keys", set()) | {ALL}


def tagged(*keys):
    """A view decorator: the view's pages show `keys` (for views that are not ours to edit)."""

    def decorator(view):
        def wrapper(request, *args, **kwargs):
            tag(request, *keys)
            return view(request, *args, **kwargs)

        wrapper.__name__ = getattr(view, "__name__", "view")
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorator
