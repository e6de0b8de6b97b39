"""`make lighthouse`: Lighthouse (mobile) on the home page and the seed article, prod-like server.

Writes each report to lighthouse-out/ (JSON and HTML) and the scores to lighthouse-out/scores.md;
exits non-zero when a score is under the target (100 in every category).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.demo_server import ROOT, demo_server
from tests.browser.pages import SEED_PATH

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = {"home": "/", "article": SEED_PATH}
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def audit(url, out_dir, name):
    """Run Lighthouse once; return its JSON report."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
        subprocess.run(
            [
                LIGHTHOUSE, url, f"--chrome-flags={flags}", "--output=json", "--output=html",
                f"--output-path={out_dir / name}", f"--only-categories={','.join(CATEGORIES)}",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            check=True,
            timeout=300,
        )  # fmt: skip
    return json.loads((out_dir / f"{name}.report.json").read_text(encoding="utf-8"))


def shortfalls(report):
    """The audits that cost points, one line each."""
    lines = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            result = report["audits"][ref["id"]]
            if ref["weight"] and result["score"] is not None and result["score"] < 1:
                lines.append(f"  {category['id']}: {result['title']} ({result['score']})")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8104")))
    parser.add_argument("--target", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "lighthouse-out")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `make node_modules` (npm ci) first.")
    args.out.mkdir(exist_ok=True)
    rows, failed = [], False
    with demo_server(args.port) as base_url:
        for name, path in PAGES.items():
            report = audit(base_url + path, args.out, name)
            scores = [round(report["categories"][c]["score"] * 100) for c in CATEGORIES]
            rows.append(f"| {name} (`{path}`) | " + " | ".join(map(str, scores)) + " |")
            if min(scores) < args.target:
                failed = True
                print(f"{name}: under {args.target}:", *shortfalls(report), sep="\n")
    table = "\n".join(
        [
            "| page | " + " | ".join(CATEGORIES) + " |",
            "|---" * (len(CATEGORIES) + 1) + "|",
            *rows,
        ]
    )
    (args.out / "scores.md").write_text(table + "\n", encoding="utf-8")
    print(f"Lighthouse (mobile), {report['lighthouseVersion']}:\n{table}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
