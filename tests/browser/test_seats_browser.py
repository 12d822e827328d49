"""Party seats in a real browser: Debian's chromium driven by Playwright, one phone-sized
browser context per party, against the seat server running in the test's own event loop
(127.0.0.1, a free port) with the `Workshop` driven directly, as the room screen would.

Playwright's own browser download cannot work here: the test uses /usr/bin/chromium (`.ci/run`
installs it with apt-get when missing) and skips where it is absent.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from facilitator.base.clock import ManualClock
from facilitator.live.workshop import Workshop
from facilitator.seats.server import SeatServer
from facilitator.session.records import AnswerKey

playwright_api = pytest.importorskip("playwright.async_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
FOLLOW_MS = 10_000
"""How long a page may take to follow the moderator (it should take about 2 s at most)."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason="chromium is not installed (.ci/run installs it)"
    ),
]

BANK = """---
party-a: Acme
party-b: Globex
---
# Browser workshop

## Opening {#opening time=10m}

### Why this partnership? {#why}

### What do you bring? {#bring kind=list}

### How often should we meet? {#cadence kind=choice}

- Weekly
- Monthly

### Which channels work for you? {#channels kind=choice pick=2}

- Email
- Phone
- Chat

### Rank what matters {#matters kind=rank}

- Price
- Speed
- Quality

### How important is it? {#importance kind=scale range=1-5}

### Months to a first deal? {#months kind=number unit=months}

### Who sets the price? {#price kind=stance}

- We do
- The partner does
"""

ACME_SECRET = "ACME-MARKER-7Q2"
GLOBEX_SECRET = "GLOBEX-MARKER-K9"


@pytest.fixture
async def workshop(tmp_path: Path) -> AsyncIterator[Workshop]:
    bank = tmp_path / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    clock = ManualClock(1_800_000_000.0)
    live = Workshop.start(tmp_path / "sessions", bank, title="Acme & Globex", clock=clock)
    yield live
    live.close()


@pytest.fixture
async def server(workshop: Workshop) -> AsyncIterator[SeatServer]:
    seats = SeatServer(workshop, bind="127.0.0.1", port=0)
    await seats.start()
    yield seats
    await seats.stop()


@pytest.fixture
async def browser():
    async with playwright_api.async_playwright() as playwright:
        # launch() starts from a new, empty user-data directory of its own.
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        await chromium.close()


async def join(page, server: SeatServer, role: str, *, start_from: str | None = None) -> None:
    """Open the join link (or a page elsewhere that links to it), ask, be admitted."""
    expect = playwright_api.expect
    link = server.join_link(role)
    if start_from is None:
        await page.goto(link.url)
    else:
        await page.goto(start_from)
        await page.get_by_role("link", name="Join the workshop").click()
    await expect(page.get_by_role("heading", name=f"Join as {link.name}")).to_be_visible()
    await page.get_by_role("button", name=f"Join as {link.name}").click()
    await expect(page.get_by_text("Waiting for the moderator")).to_be_visible()
    (pending,) = server.seating.pending()
    await expect(page.locator(".match")).to_have_text(pending.match_code)
    server.seating.admit(pending.id)
    await expect(page.locator("h1")).to_have_text("Why this partnership?", timeout=FOLLOW_MS)


async def save(page) -> None:
    expect = playwright_api.expect
    await page.get_by_role("button", name="Save answer").click()
    await expect(page.locator("#part-answer .saved")).to_have_text("saved ✓")


async def moderator_moves_to(page_a, page_b, workshop: Workshop, wording: str) -> None:
    expect = playwright_api.expect
    for page in (page_a, page_b):
        await expect(page.locator("h1")).to_have_text(wording, timeout=FOLLOW_MS)


async def test_two_parties_answer_blind_on_their_own_phones(browser, server, workshop):
    expect = playwright_api.expect
    acme = await browser.new_context(**PHONE)
    globex = await browser.new_context(**PHONE)
    # Another site (localhost) links to the seats (127.0.0.1): the join starts cross-site.
    elsewhere = "http://localhost:9/start"
    link = server.join_link("a").url
    await acme.route(
        elsewhere,
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<!doctype html><a href="{link}">Join the workshop</a>',
        ),
    )
    page_a = await acme.new_page()
    page_b = await globex.new_page()
    posts: list[tuple[str, str | None]] = []

    async def record(request) -> None:
        if request.method == "POST":
            headers = await request.all_headers()
            posts.append((request.url, headers.get("origin")))

    page_a.on("request", record)
    await join(page_a, server, "a", start_from=elsewhere)
    await join(page_b, server, "b")

    # Acme answers; Globex's page says only that Acme is ready, never what it said.
    await page_a.get_by_label("Your words").fill(ACME_SECRET)
    await save(page_a)
    await expect(page_b.get_by_text("Acme: ready ✓")).to_be_visible(timeout=FOLLOW_MS)
    assert ACME_SECRET not in await page_b.content()
    assert workshop.state.answers[AnswerKey("why", "a", False)].value == ACME_SECRET

    # The moderator moves on while Globex types; the typing survives the round trip.
    await page_b.get_by_label("Your words").fill("Globex half a thought")
    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "What do you bring?")
    workshop.previous_question()
    await moderator_moves_to(page_a, page_b, workshop, "Why this partnership?")
    await expect(page_b.get_by_label("Your words")).to_have_value("Globex half a thought")
    await page_b.get_by_label("Your words").fill(GLOBEX_SECRET)
    await save(page_b)
    assert ACME_SECRET not in await page_b.content()
    assert GLOBEX_SECRET not in await page_a.content()

    # The reveal: both pages show both answers side by side.
    assert workshop.check_reveal("why").ok
    workshop.reveal("why")
    for page in (page_a, page_b):
        outcome = page.locator("table.outcome")
        await expect(outcome).to_contain_text(ACME_SECRET, timeout=FOLLOW_MS)
        await expect(outcome).to_contain_text(GLOBEX_SECRET)

    # One question of every other kind, answered by Acme on its phone.
    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "What do you bring?")
    await page_a.get_by_label("One item per line").fill("Customers\nA sales team")
    await save(page_a)

    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "How often should we meet?")
    await page_a.get_by_label("Monthly").check()
    await save(page_a)

    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "Which channels work for you?")
    await page_a.get_by_label("Email").check()
    await page_a.get_by_label("Chat").check()
    await save(page_a)

    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "Rank what matters")
    await page_a.get_by_role("button", name="move Price down").click()
    await save(page_a)

    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "How important is it?")
    await page_a.locator("input[type=range]").fill("4")
    await save(page_a)

    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "Months to a first deal?")
    await page_a.get_by_label("A number").fill("6")
    await save(page_a)

    workshop.next_question()
    await moderator_moves_to(page_a, page_b, workshop, "Who sets the price?")
    await page_a.get_by_label("We do").check()
    await page_a.get_by_label("must-have: we cannot agree without it").check()
    await save(page_a)

    answers = {(key.question, key.party): a.value for key, a in workshop.state.answers.items()}
    assert answers == {
        ("why", "a"): ACME_SECRET,
        ("why", "b"): GLOBEX_SECRET,
        ("bring", "a"): ["Customers", "A sales team"],
        ("cadence", "a"): ["Monthly"],
        ("channels", "a"): ["Email", "Chat"],
        ("matters", "a"): ["Speed", "Price", "Quality"],
        ("importance", "a"): 4,
        ("months", "a"): 6,
        ("price", "a"): {"position": "We do", "firmness": "must-have"},
    }
    for key, answer in workshop.state.answers.items():
        assert answer.source is not None and answer.source.startswith("seat:"), key

    # Every post the page made carried the page's real Origin.
    assert any(url.endswith("/p/a/answer") for url, _ in posts), posts
    assert all(origin == server.origin for _, origin in posts), posts

    # The end: every page says so and offers the party its results.
    workshop.end()
    for page, name in ((page_a, "Acme"), (page_b, "Globex")):
        await expect(page.get_by_text("The workshop has ended")).to_be_visible(timeout=FOLLOW_MS)
        await expect(page.get_by_role("link", name=f"Download {name}'s results")).to_be_visible()
    async with page_a.expect_download() as waiting:
        await page_a.get_by_role("link", name="Download Acme's results").click()
    download = await waiting.value
    results = Path(await download.path()).read_text(encoding="utf-8")
    assert ACME_SECRET in results and GLOBEX_SECRET in results
    await acme.close()
    await globex.close()


COUNT_VIEW_EVENTS = """
(() => {
  const Original = window.EventSource;
  window.viewEvents = 0;
  window.EventSource = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener("view", () => { window.viewEvents += 1; });
    }
  };
})();
"""
"""Counts the page's stream's view events, so the test knows when one has reached the page."""


async def test_a_change_announced_during_a_fetch_is_not_lost(browser, server, workshop):
    """The page fetches itself when its stream says the view changed. A second change announced
    while that fetch is under way is newer than what the fetch brings back: the page must fetch
    once more, not stay on the older page until something else changes."""
    expect = playwright_api.expect
    context = await browser.new_context(**PHONE)
    await context.add_init_script(COUNT_VIEW_EVENTS)
    page = await context.new_page()
    await join(page, server, "a")
    held: list[object] = []

    async def hold_first_fetch(route) -> None:
        if route.request.resource_type != "fetch" or held:
            await route.continue_()
            return
        held.append(route)
        stale = await route.fetch()  # the page as it was after the first change
        seen = await page.evaluate("window.viewEvents")
        workshop.next_question()
        await page.wait_for_function(f"window.viewEvents > {seen}", timeout=FOLLOW_MS)
        await route.fulfill(response=stale)

    await page.route(f"{server.origin}/p/**", hold_first_fetch)
    workshop.next_question()
    await expect(page.locator("h1")).to_have_text("How often should we meet?", timeout=FOLLOW_MS)
    assert held, "the page never fetched itself"
    await context.close()
