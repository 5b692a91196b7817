"""Make the README's pictures of the seed graph: ``conflictkg draw`` of the whole seed
article and a screenshot of the explorer around Iran with an edge's evidence open.

    python scripts/view_pictures.py           # write them into a temporary folder, print it
    python scripts/view_pictures.py --write   # docs/seed_graph.png, docs/explorer.png

Both come from ``exports/conflictkg.ttl``; the explorer is served by ``conflictkg serve``
on a free port and driven by Playwright in Debian's Chromium.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from chromium import launch
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
EXPORT = ROOT / "exports" / "conflictkg.ttl"
CLI = Path(sys.executable).with_name("conflictkg")
IRAN = "https://w3id.org/conflictkg/id/actor/irn"
IRAQ = "https://w3id.org/conflictkg/id/actor/irq"


def draw(out: Path) -> None:
    subprocess.run([str(CLI), "draw", str(EXPORT), "-o", str(out)], check=True)


def screenshot(out: Path) -> None:
    server = subprocess.Popen(
        [str(CLI), "serve", str(EXPORT), "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().split()[1]
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 820})
            page.goto(url)
            page.wait_for_selector("body[data-state=idle]")
            page.fill("#search", "Iran")
            page.press("#search", "Enter")
            page.wait_for_selector("body[data-state=ready]")
            point = page.evaluate(
                "([id]) => explorer.cy.getElementById(id).renderedMidpoint()",
                [f"{IRAN} supports {IRAQ}"],
            )
            box = page.locator("#graph").bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
            page.wait_for_selector("#details-list li.sentence")
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write into docs/")
    args = parser.parse_args()
    folder = ROOT / "docs" if args.write else Path(tempfile.mkdtemp(prefix="conflictkg-pics-"))
    draw(folder / "seed_graph.png")
    screenshot(folder / "explorer.png")
    print(f"written: {folder / 'seed_graph.png'}, {folder / 'explorer.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
