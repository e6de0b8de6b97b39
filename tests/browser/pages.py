"""Every page type a reader can reach, in both languages: one line per page type.

The quality suite (test_quality.py) and `make screenshots` walk this table. A page type that
needs more than a visit (a form sent with errors, a reply in progress) gives `prepare`, a
function that takes the Playwright page after the visit and brings it into that state.
"""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Page

from scripts.demo_server import SEED_PATH

LANGUAGES = {"id": "", "en": "/en"}


@dataclass(frozen=True)
class PageType:
    name: str
    path: str
    status: int = 200
    prepare: Callable[[Page], None] | None = None


def send_the_comment_form_empty(page):
    """The reader posts the "Leave a Reply" form with nothing in it: errors come back."""
    page.locator("#commentform button[type=submit]").click()


def start_a_reply(page):
    """The reader clicks "Reply" under the first comment: the form moves under it."""
    page.locator(".comment-list .reply").first.click()


PAGE_TYPES = [
    PageType("home", "/"),
    PageType("home-page-2", "/page/2/"),
    PageType("article", SEED_PATH),
    PageType("article-form-errors", SEED_PATH, status=400, prepare=send_the_comment_form_empty),
    PageType("article-reply-in-progress", SEED_PATH, prepare=start_a_reply),
    PageType("page-with-comments", "/kontak/"),
    PageType("search-results", "/search/?q=rusia"),
    PageType("search-empty", "/search/?q="),
    PageType("search-nothing-found", "/search/?q=zzzyyyxxx"),
    PageType("category", "/category/berita-internasional/"),
    PageType("nested-category", "/category/olahraga/sepak-bola/"),
    PageType("tag", "/tag/geopolitik/"),
    PageType("author", "/author/dewi-lestari/"),
    PageType("year-archive", "/2026/"),
    PageType("month-archive", "/2026/11/"),
    PageType("day-archive", "/2026/11/23/"),
    PageType("not-found", "/2026/11/23/no-such-article/", status=404),
]


@dataclass(frozen=True)
class PageVisit:
    """One page type in one language."""

    page_type: PageType
    language: str

    @property
    def id(self):
        return f"{self.page_type.name}-{self.language}"

    @property
    def path(self):
        return LANGUAGES[self.language] + self.page_type.path

    def open(self, page, base_url):
        """Visit the page, bring it into its state; return the last document response."""
        documents = []

        def remember(response):
            if response.request.resource_type == "document" and response.frame == page.main_frame:
                documents.append(response)

        page.on("response", remember)
        try:
            page.goto(base_url + self.path)
            if self.page_type.prepare:
                self.page_type.prepare(page)
                page.wait_for_load_state()
        finally:
            page.remove_listener("response", remember)
        return documents[-1]


VISITS = [PageVisit(page_type, language) for page_type in PAGE_TYPES for language in LANGUAGES]
