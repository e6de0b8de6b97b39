"""The editor's desk in the article admin: links and badges the article list shows."""

from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def comment_count_link(article, site_name="admin"):
    """The approved count linking to the article's comments, and a badge for those held."""
    try:
        changelist = reverse("admin:comments_comment_changelist", current_app=site_name)
    except NoReverseMatch:  # the comments app is not installed in this admin site
        return article.comment_count
    query = f"?article__id__exact={article.pk}"
    approved = format_html(
        '<a href="{}{}" aria-label="{}">{}</a>',
        changelist,
        query,
        ngettext(
            "%(count)d approved comment: show all comments on this article",
            "%(count)d approved comments: show all comments on this article",
            article.comment_count,
        )
        % {"count": article.comment_count},
        article.comment_count,
    )
    pending = getattr(article, "pending_comment_count", 0)
    if not pending:
        return format_html('<span class="comment-count">{}</span>', approved)
    return format_html(
        '<span class="comment-count">{} <a class="comment-count__pending" href="{}{}&amp;'
        'status__exact=pending" title="{}">{}</a></span>',
        approved,
        changelist,
        query,
        _("Comments awaiting moderation"),
        ngettext("%(count)d pending", "%(count)d pending", pending) % {"count": pending},
    )
