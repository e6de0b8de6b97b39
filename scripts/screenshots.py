"""`make screenshots`: every page type, both languages, at phone and desktop widths.

PNGs go to screenshots-out/ (not committed) so a person can look at the design; the article at
desktop width, light mode, is also written small and optimized to docs/img/article.png for the
README.
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
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8104")))
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
                    suffix = "" if scheme == "light" else "-dark"
                    path = args.out / f"{visit.id}-{device}{suffix}.png"
                    page.screenshot(path=path, full_page=True)
                    print(path.relative_to(ROOT))
                    if visit.id == "article-id" and device == "desktop" and scheme == "light":
                        viewport_shot = args.out / "article-readme.png"
                        page.screenshot(path=viewport_shot)
                        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
                        optimize(viewport_shot, README_SHOT)
                        print(README_SHOT.relative_to(ROOT))
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
