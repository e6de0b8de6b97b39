"""`make screenshots` (second part): the editor's desk for the README, signed in as the demo
editor on the production-like demo server: the dashboard, the moderation queue, the body
editor's image upload. Written small and optimized to docs/img/desk-*.png."""

import argparse
import os
import secrets
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.demo_server import ROOT, demo_server
from scripts.screenshots import optimize
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

OUT = ROOT / "docs" / "img"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "0")))
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots-out")
    args = parser.parse_args()
    args.out.mkdir(exist_ok=True)
    password = os.environ["DEMO_EDITOR_PASSWORD"] = secrets.token_urlsafe(12)
    with demo_server(args.port) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, locale="id-ID", timezone_id="Asia/Jakarta"
        )
        page = context.new_page()
        page.goto(base_url + "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        page.wait_for_url(base_url + "/admin/")
        shots = {
            "desk-dashboard": ("/admin/", None),
            "desk-moderation": ("/admin/comments/comment/", ".moderation-row"),
            "desk-media-upload": ("/admin/articles/article/add/", ".media-upload"),
        }
        for name, (path, focus) in shots.items():
            page.goto(base_url + path)
            page.wait_for_load_state("load")
            if focus:
                page.locator(focus).first.scroll_into_view_if_needed()
            if name == "desk-moderation":
                page.keyboard.press("j")
            full = args.out / f"{name}.png"
            page.screenshot(path=full, full_page=name == "desk-dashboard")
            optimize(full, OUT / f"{name}.png")
            print((OUT / f"{name}.png").relative_to(ROOT))
        browser.close()


if __name__ == "__main__":
    main()
