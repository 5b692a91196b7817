"""The explorer page as a person uses it: ``conflictkg serve`` on a free port, the page in
headless Chromium (Debian's, driven by Playwright), search "Iran", click an edge, read the
evidence, expand a neighbour, filter, and a screenshot. Every request stays on the server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright
from serving import serving

from conflictkg.store.query import open_store
from conflictkg.view.evidence import evidence
from conflictkg.view.neighbourhood import neighbourhood
from conftest import EXPORT

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
IRAN = "https://w3id.org/conflictkg/id/actor/irn"
IRAQ = "https://w3id.org/conflictkg/id/actor/irq"
KATAIB = "https://w3id.org/conflictkg/id/actor/kataib_hezbollah"


def _chromium() -> str:
    path = os.environ.get("CONFLICTKG_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Chromium is not installed: `make test` installs it as root "
            "(apt-get install -y chromium), or set CONFLICTKG_CHROMIUM to a Chromium binary"
        )
    return path


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _expected() -> tuple[str, list[tuple[str, str]]]:
    """What the page must show, read from the seed export with the library: the status
    line after searching Iran, and each sentence of Iran supports Iraq with its details."""
    store = open_store(data=EXPORT)
    hood = neighbourhood(store, [IRAN], 1)
    status = f"Iran: {len(hood.actors)} actors, {len(hood.edges)} relations"
    sentences = []
    for s in evidence(store, IRAN, "supports", IRAQ):
        said = f"attributed to {s.attributed_to}" if s.attribution == "attributed" else "asserted"
        details = [s.document, s.title, s.date, f"confidence {s.confidence:.2f}", said]
        sentences.append((s.text, " · ".join(str(d) for d in details if d)))
    return status, sentences


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with serving(str(EXPORT)) as base:
        yield base


class Visit:
    """A page on the explorer that records every request and every error it sees."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.url = url
        self.page: Page = browser.new_page(viewport={"width": 1400, "height": 850})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", self._console)
        self.page.on("requestfailed", self._failed)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _failed(self, request: Request) -> None:
        self.errors.append(f"failed: {request.url}")

    def wait_ready(self, status: str) -> None:
        self.page.wait_for_selector("body[data-state=ready]", timeout=30_000)
        assert self.page.inner_text("#status").startswith(status)

    def click_graph_point(self, point: dict[str, float]) -> None:
        box = self.page.locator("#graph").bounding_box()
        assert box is not None
        self.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])

    def edge_midpoint(self, subject: str, relation: str, object: str) -> dict[str, float]:
        point: dict[str, float] = self.page.evaluate(
            "([id]) => explorer.cy.getElementById(id).renderedMidpoint()",
            [f"{subject} {relation} {object}"],
        )
        return point

    def node_position(self, iri: str) -> dict[str, float]:
        point: dict[str, float] = self.page.evaluate(
            "([id]) => explorer.cy.getElementById(id).renderedPosition()", [iri]
        )
        return point

    def shown(self, script: str) -> object:
        return self.page.evaluate(f"() => {script}")

    def close(self) -> None:
        self.page.close()
        assert not self.errors, self.errors
        outside = [u for u in self.requests if not u.startswith(self.url)]
        assert not outside, f"requests left the server: {outside}"


@pytest.fixture
def visit(browser: Browser, url: str) -> Iterator[Visit]:
    opened = Visit(browser, url)
    yield opened
    opened.close()


def test_search_iran_click_an_edge_and_read_its_evidence(visit: Visit, tmp_path: Path) -> None:
    status, expected = _expected()
    assert len(expected) >= 2  # the seed article backs Iran supports Iraq twice
    page = visit.page
    page.goto(visit.url)
    page.wait_for_selector("body[data-state=idle]")
    page.fill("#search", "Iran")
    page.press("#search", "Enter")
    visit.wait_ready(status)
    assert page.url.endswith("#actor=" + IRAN.replace(":", "%3A").replace("/", "%2F"))

    visit.click_graph_point(visit.edge_midpoint(IRAN, "supports", IRAQ))
    page.wait_for_selector("#details-list li.sentence")
    assert page.inner_text("#details-title") == "Iran supports Iraq"
    assert page.inner_text("#details-hint") == f"{len(expected)} sentences of evidence"
    sentences = page.locator("#details-list li.sentence")
    shown = [
        (
            sentences.nth(i).locator("blockquote").inner_text(),
            sentences.nth(i).locator(".meta").inner_text(),
        )
        for i in range(sentences.count())
    ]
    assert shown == expected
    assert any(
        text == "“This very close relationship has made Iran support Iraq all they can.”"
        and details == "000_a7439ef3dabd42f1.txt · confidence 0.90 · asserted"
        for text, details in shown
    )
    shot = tmp_path / "explorer.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_expand_a_neighbour_by_clicking_it(visit: Visit) -> None:
    page = visit.page
    page.goto(f"{visit.url}#actor={IRAN}")
    visit.wait_ready(_expected()[0])
    before = visit.shown("explorer.cy.nodes().map(n => n.data('label'))")
    assert "Jassim al-Saidi" not in before  # type: ignore[operator]
    visit.click_graph_point(visit.node_position(KATAIB))
    expect(page.locator("#status")).to_contain_text("expanded")
    both = neighbourhood(open_store(data=EXPORT), [IRAN, KATAIB], 1)
    visit.wait_ready(f"Iran: {len(both.actors)} actors, {len(both.edges)} relations")
    after = visit.shown("explorer.cy.nodes().map(n => n.data('label'))")
    assert "Jassim al-Saidi" in after  # type: ignore[operator]
    assert page.inner_text("#details-title") == "Kataib Hezbollah"
    # The side panel lists its relations; each opens its evidence.
    page.get_by_role(
        "button", name="Kataib Hezbollah designated terrorist by United States"
    ).click()
    page.wait_for_selector("#details-list li.sentence")
    assert "designated a terrorist organization by the United States" in page.inner_text(
        "#details-list"
    )


def test_filter_by_relation_and_confidence(visit: Visit) -> None:
    page = visit.page
    page.goto(f"{visit.url}#actor={IRAN}")
    status = _expected()[0]
    visit.wait_ready(status)
    page.uncheck("#relations input[value=supports]")
    visit.wait_ready("Iran: ")
    relations = visit.shown("explorer.cy.edges().map(e => e.data('relation'))")
    assert relations and "supports" not in relations  # type: ignore[operator]
    page.check("#relations input[value=supports]")
    visit.wait_ready(status)
    page.fill("#min-confidence", "0.85")
    expect(page.locator("#status")).not_to_have_text(status)
    visit.wait_ready("Iran: ")
    confidences = visit.shown("explorer.cy.edges().map(e => e.data('confidence'))")
    assert confidences and min(confidences) >= 0.85  # type: ignore[arg-type, type-var]
    assert page.inner_text("#min-confidence-value") == "0.85"


def test_pick_an_actor_from_the_matches(visit: Visit) -> None:
    page = visit.page
    page.goto(visit.url)
    page.wait_for_selector("body[data-state=idle]")
    page.fill("#search", "hezb")
    page.get_by_role("button", name="Kataib Hezbollah").click()
    visit.wait_ready("Kataib Hezbollah: ")
    page.fill("#search", "Atlantis")
    page.press("#search", "Enter")
    expect(page.locator("#status")).to_have_text("No actor is called “Atlantis”.")
