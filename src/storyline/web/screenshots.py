"""Screenshots of the main pages of a running Storyline server, for the README (docs/screenshots/*.png).

Uses Playwright (the ``dev`` extra) with the system Chromium (Debian's ``chromium`` package); nothing is
downloaded. Run against a server on this machine:

    storyline --db out/storyline.db serve --port 8000 &
    python -m storyline.web.screenshots http://127.0.0.1:8000 docs/screenshots

Example:
    >>> BROWSER_ARGS[0]
    '--no-sandbox'
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

__all__ = ["BROWSER_ARGS", "CHROMIUM", "launch", "take_screenshots"]

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}


def launch(playwright: Any) -> Any:
    """Start headless system Chromium with Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)


def take_screenshots(base_url: str, out_dir: str | Path, *, full_page: bool = False) -> list[Path]:
    """Save stories.png, story.png, article.png, entity.png and add.png from the server at ``base_url``.

    The story is the one with the most articles; the article page is opened from its first summary or
    timeline citation (so it shows a highlighted passage); the entity is the story's most mentioned person.

    Returns:
        The files written.
    """
    from playwright.sync_api import sync_playwright

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport=VIEWPORT)

        def shot(name: str) -> None:
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=full_page)
            written.append(path)

        page.goto(base_url.rstrip("/") + "/")
        shot("stories")
        links = page.locator("table.stories a.story-link")
        best, most = 0, -1
        for i in range(links.count()):
            n = int(page.locator("table.stories tbody tr").nth(i).locator("td.num").first.inner_text())
            if n > most:
                best, most = i, n
        links.nth(best).click()
        page.wait_for_load_state()
        shot("story")
        story_url = page.url
        cite = page.locator("#summary a.cite, #timeline a.cite").first
        cite.click()
        page.wait_for_load_state()
        shot("article")
        page.goto(story_url)
        page.locator("#entities .columns a").first.click()
        page.wait_for_load_state()
        shot("entity")
        page.goto(base_url.rstrip("/") + "/add")
        shot("add")
        browser.close()
    return written


if __name__ == "__main__":
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    folder = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"
    for f in take_screenshots(url, folder):
        print(f)
