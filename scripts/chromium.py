"""Headless Chromium as the picture and timing scripts launch it (``tests/view`` has its own
fixture, which also honours ``CONFLICTKG_CHROMIUM``)."""

from __future__ import annotations

import shutil

from playwright.sync_api import Browser, Playwright

# The flags that let Chromium run here: no sandbox as root, no GPU, no calls home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Playwright) -> Browser:
    """The system's Chromium, headless, with :data:`CHROMIUM_ARGS`."""
    return playwright.chromium.launch(
        executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=CHROMIUM_ARGS
    )
