"""`make screenshots`: every page type, both languages, at phone and desktop widths.

PNGs go to screenshots-out/ (not committed) so a person can look at the design; the article and
the home page at desktop width and the home page on a phone, light mode, are also written small
and optimized to docs/img/ for the README.
"""

import argparse
import os
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from scripts.demo_server import ROOT, demo_server
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.pages import VISITS

WIDTHS = {"phone": 375, "desktop": 1280}
HEIGHTS = {"phone": 812, "desktop": 800}
README_SHOT = ROOT / "docs" / "img" / "article.png"
# (page visit, device) -> (README picture, its width in pixels): what the first screen shows.
README_SHOTS = {
    ("article-id", "desktop"): (README_SHOT, 960),
    ("home-id", "desktop"): (ROOT / "docs" / "img" / "home-desktop.png", 960),
    ("home-id", "phone"): (ROOT / "docs" / "img" / "home-phone.png", 375),
}


EAGER_IMAGES = "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')"


def optimize(source, target, width=960):
    """A README-sized copy: scaled down, 256-colour palette, optimized PNG."""
    with Image.open(source) as image:
        height = round(image.height * width / image.width)
        small = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
        small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
            target, optimize=True
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "0")))
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots-out")
    args = parser.parse_args()
    args.out.mkdir(exist_ok=True)
    with demo_server(args.port) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            for device, width in WIDTHS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": HEIGHTS[device]},
                    device_scale_factor=1,
                    color_scheme=scheme,
                    locale="id-ID",
                    timezone_id="Asia/Jakarta",
                )
                page = context.new_page()
                # Every page type in light mode; dark mode for the article and the home page.
                for visit in VISITS:
                    if scheme == "dark" and visit.page_type.name not in ("home", "article"):
                        continue
                    visit.open(page, base_url)
                    # A full-page picture shows what a reader scrolling down would see.
                    page.evaluate(EAGER_IMAGES)
                    page.wait_for_load_state("networkidle")
                    suffix = "" if scheme == "light" else "-dark"
                    path = args.out / f"{visit.id}-{device}{suffix}.png"
                    page.screenshot(path=path, full_page=True)
                    print(path.relative_to(ROOT))
                    readme = README_SHOTS.get((visit.id, device))
                    if readme and scheme == "light":
                        target, readme_width = readme
                        viewport_shot = args.out / f"{visit.id}-{device}-readme.png"
                        page.screenshot(path=viewport_shot)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        optimize(viewport_shot, target, readme_width)
                        print(target.relative_to(ROOT))
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
