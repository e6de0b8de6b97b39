"""Posting a comment: the form, the rules, then a redirect to the comment or the form again."""

from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from articles.models import Article

from .forms import CommentForm, id_from
from .models import Comment, DiscussionSettings
from .services import comment_create, signed_in
from .templatetags.comments_tags import form_context
from .tokens import make_preview_hash, retry_form_token


def _no_response(request):  # pragma: no cover - never called: only process_view is used
    return None


@method_decorator(csrf_exempt, name="dispatch")
class CommentPostView(View):
    """Anonymous posts need no CSRF token (cached pages, see docs/design.md); signed-in do."""

    http_method_names = ["post"]

    def post(self, request):
        if signed_in(request):
            check = CsrfViewMiddleware(_no_response)
            check.process_request(request)
            refusal = check.process_view(request, None, (), {})
            if refusal is not None:
                return refusal
        article = self.get_article()
        discussion = DiscussionSettings.load()
        form = CommentForm(
            request.POST,
            require_name_email=discussion.require_name_email,
            signed_in=signed_in(request),
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
            context["reply_to"] = (
                Comment.objects.approved().filter(pk=parent, article=article).first()
            )
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
