"""Posting a comment: the form, the rules, then a redirect to the comment or the form again."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt, csrf_protect

import pagecache
from articles.models import Article
from pages.models import Page

from .context import form_context
from .forms import CommentForm, id_from
from .models import Comment, DiscussionSettings
from .services import comment_create
from .tokens import make_preview_hash, retry_form_token


@method_decorator(csrf_exempt, name="dispatch")
class CommentPostView(View):
    """Anonymous posts need no CSRF token (cached pages, see docs/design.md); signed-in do."""

    http_method_names = ["post"]

    def post(self, request):
        if pagecache.signed_in(request):
            return csrf_protect(self.create)(request)
        return self.create(request)

    def create(self, request):
        article = self.get_article()
        discussion = DiscussionSettings.load()
        form = CommentForm(
            request.POST,
            require_name_email=discussion.require_name_email,
            signed_in=pagecache.signed_in(request),
        )
        if not form.is_valid():
            return self.form_again(form, article, discussion, status=400)
        outcome = comment_create(article=article, data=form.cleaned_data, request=request)
        if outcome.verdict.refused:
            if outcome.verdict.reason == "parent":
                # The reply target is gone: the form comes back as a top-level comment.
                form.cleaned_data["parent"] = None
            return self.form_again(
                form, article, discussion, message=outcome.verdict.message,
                status=outcome.verdict.status,
            )  # fmt: skip
        return redirect(comment_location(outcome.comment))

    def get_article(self):
        """What the comment is on: a public article, or a published standing page."""
        page_id = id_from(self.request.POST.get("page"))
        if page_id is not None:
            return get_object_or_404(Page.objects.published(), pk=page_id)
        article_id = id_from(self.request.POST.get("article"))
        if article_id is None:
            raise Http404
        return get_object_or_404(Article.objects.published(), pk=article_id)

    def form_again(self, form, article, discussion, *, message="", status):
        parent = form.cleaned_data.get("parent")
        context = form_context(
            self.request, article, discussion, form=form, parent_id=parent,
            form_token=retry_form_token(article, self.request.POST.get("token")),
        )  # fmt: skip
        if parent:
            context["reply_to"] = Comment.objects.approved().on(article).filter(pk=parent).first()
        context["message"] = message
        response = TemplateResponse(
            self.request, "comments/post_error.html", context, status=status
        )
        add_never_cache_headers(response)
        return response


def comment_location(comment):
    """Where the commenter lands: the comment, or its private preview while it is held."""
    url = comment.get_absolute_url()
    if comment.status == Comment.Status.APPROVED:
        return url
    path, anchor = url.split("#", 1)
    return f"{path}?unapproved={comment.pk}&moderation-hash={make_preview_hash(comment)}#{anchor}"
