"""Party seats under load: 2 parties x 10 devices following the session and posting answers.

Run from the repository root: `python benchmarks/seats_bench.py [--seconds 60]` (default 10).
The moderator's side (a Workshop on a real session file, the seat server, a moderator moving on
every two seconds) runs in this process's event loop, as it runs in Textual's; the devices run
in a second process, as they would on phones, so their work does not load the loop measured.
Each device does what the page's script does: it follows its page (an event stream; the page
fetched again when an event names a view it does not show) and posts answers to the question on
screen, a moment apart, fetching the page after each save. Figures:
- POST -> durable ack: from sending an answer until the "saved" reply (the server answers only
  once the commit's Future resolves, i.e. after fdatasync), and of that the commit alone, from
  `Workshop.commit_answer` until its Future resolves on the writer thread;
- the same load against a bare aiohttp handler that does the same work minus the commit (reads
  the form, decodes and validates the answer), in the same run;
- requests per second, and the event loop's longest stall (the UI thread's, in the app).
It prints figures and checks nothing, so a slow machine never fails a build.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARTIES = ("a", "b")
DEVICES = 10
"""Per party."""
THINK = 0.5
"""Seconds a device waits between two posts: 20 devices then post ~40 times a second in all,
far more often than people press "save" (`--think` changes it)."""
MOVE_EVERY = 2.0
"""Seconds between the moderator's moves to the next question."""
QUESTIONS = 200

BANK = "---\nparty-a: Acme\nparty-b: Globex\n---\n# Bench\n\n## All {time=90m}\n\n" + "".join(
    f"### Question {n}? {{#q{n}}}\n\n" for n in range(QUESTIONS)
)


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# The devices (second process)


async def _device(
    origin: str, path: str, party: str, secret: str, deadline: float, think: float, out: dict
):
    import aiohttp

    headers = {"Origin": origin}
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        page = ""
        if secret:
            async with session.get(f"{origin}/j/{party}") as reply:
                join = await reply.text()
            token = re.search(r'name="csrf" value="([^"]+)"', join).group(1)
            form = {"csrf": token, "code": secret}
            async with session.post(f"{origin}/j/{party}", data=form, headers=headers) as reply:
                page = await reply.text()  # followed through the wait page (auto-admitted)
        token_match = re.search(r'data-csrf="([^"]+)"', page)
        csrf = token_match.group(1) if token_match else ""
        shown = {"page": page}

        async def fetch() -> None:
            async with session.get(f"{origin}{path}") as fresh:
                shown["page"] = await fresh.text()
            out["requests"] += 1

        async def follow() -> None:
            """As the page's script does: at an event whose view differs, fetch the page."""
            async with session.get(f"{origin}{path}/events") as reply:
                async for line in reply.content:
                    if time.monotonic() > deadline:
                        return
                    if line.startswith(b"data: "):
                        view = line[len(b"data: ") :].strip().decode()
                        if f'data-view="{view}"' not in shown["page"]:
                            await fetch()

        follower = asyncio.ensure_future(follow())
        number = 0
        try:
            if not shown["page"]:
                await fetch()
            while time.monotonic() < deadline:
                found = re.search(
                    r'data-form="answer" data-question="([^"]+)" data-based-on="(\d+)"',
                    shown["page"],
                )
                if found is None:
                    await asyncio.sleep(think)
                    continue
                number += 1
                form = {
                    "csrf": csrf,
                    "question": found.group(1),
                    "guess": "0",
                    "based_on": found.group(2),
                    "value": f"answer {number} from a device of {party}",
                }
                started = time.perf_counter()
                async with session.post(
                    f"{origin}{path}/answer", data=form, headers=headers, allow_redirects=False
                ) as reply:
                    await reply.read()
                    status = reply.status
                elapsed = time.perf_counter() - started
                out["requests"] += 1
                if status == 303:
                    out["acks"].append(elapsed)
                elif status == 409:
                    out["conflicts"] += 1
                else:
                    out["errors"] += 1
                await fetch()  # the page after the save (a redirect, or the refusal's page)
                await asyncio.sleep(think)
        finally:
            follower.cancel()


async def _devices(
    origin: str, secrets: dict[str, str], path: str, seconds: float, think: float
) -> dict:
    out = {"acks": [], "conflicts": 0, "errors": 0, "requests": 0}
    deadline = time.monotonic() + seconds
    party_paths = {party: path.format(party=party) for party in PARTIES}
    await asyncio.gather(
        *(
            _device(origin, party_paths[party], party, secrets.get(party, ""), deadline, think, out)
            for party in PARTIES
            for _ in range(DEVICES)
        )
    )
    out["seconds"] = seconds
    return out


def _device_process(
    origin: str, secrets: dict[str, str], path: str, seconds: float, think: float, results
) -> None:
    results.put(asyncio.run(_devices(origin, secrets, path, seconds, think)))


# The moderator's side (this process)


async def _stalls(stop: asyncio.Event, stalls: list[float]) -> None:
    """How late the loop runs a 5 ms timer: its longest stall (the UI thread's, in the app)."""
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        due = loop.time() + 0.005
        await asyncio.sleep(0.005)
        stalls.append(max(0.0, loop.time() - due))


async def _moderator(workshop, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), MOVE_EVERY)
        except TimeoutError:
            workshop.next_question()


class _Collections:
    """The cyclic collector's pauses in this process, while the load runs."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._started)


async def _load(
    origin: str,
    secrets: dict[str, str],
    path: str,
    seconds: float,
    think: float,
    running: asyncio.Event | None = None,
) -> dict:
    """Run the devices in a second process; `running` is set once it has started (starting a
    process holds this loop for a while, which is not the server's doing)."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(
        target=_device_process, args=(origin, secrets, path, seconds, think, results)
    )
    child.start()
    if running is not None:
        running.set()
    loop = asyncio.get_running_loop()
    out = await loop.run_in_executor(None, results.get)
    await loop.run_in_executor(None, child.join)
    return out


async def _seats(
    folder: Path, seconds: float, think: float
) -> tuple[dict, list[float], list[float]]:
    from facilitator.live.workshop import Workshop
    from facilitator.seats.server import SeatServer

    bank = folder / "bank.md"
    bank.write_text(BANK, encoding="utf-8")
    workshop = Workshop.start(folder / "sessions", bank, title="Bench")
    server = SeatServer(workshop, bind="127.0.0.1", port=0)
    # The moderator admits every device at once (in the app, a y per device).
    server.seating.subscribe(lambda seats: [seats.admit(d.id) for d in seats.pending()])
    durable: list[float] = []
    commit = workshop.commit_answer

    def timed_commit(*args, **kwargs):
        """The Workshop's commit, timed from the call until its Future resolves."""
        started = time.perf_counter()
        future = commit(*args, **kwargs)
        future.add_done_callback(lambda _: durable.append(time.perf_counter() - started))
        return future

    workshop.commit_answer = timed_commit
    await server.start()
    stop, running = asyncio.Event(), asyncio.Event()
    stalls: list[float] = []
    collections = _Collections()
    secrets = {party: server.seating.secret(party) for party in PARTIES}
    load = asyncio.ensure_future(
        _load(server.origin, secrets, "/p/{party}", seconds, think, running)
    )
    await running.wait()
    gc.callbacks.append(collections)
    watchers = [
        asyncio.ensure_future(_stalls(stop, stalls)),
        asyncio.ensure_future(_moderator(workshop, stop)),
    ]
    try:
        out = await load
    finally:
        gc.callbacks.remove(collections)
        stop.set()
        await asyncio.gather(*watchers)
        await server.stop()
        workshop.close()
    out["durable"] = durable
    return out, stalls, collections.pauses


async def _bare(seconds: float, think: float) -> dict:
    """The same load against a handler that does the same work minus the commit."""
    from aiohttp import web

    from facilitator.bank.answers import validate
    from facilitator.bank.parser import parse_bank
    from facilitator.seats.forms import decode

    question = next(iter(parse_bank(BANK, "bank.md").questions))
    page = (
        '<body data-csrf="x"><form data-form="answer" data-question="q0" data-based-on="0">'
        "</form></body>"
    )

    async def show(request: web.Request) -> web.Response:
        return web.Response(text=page, content_type="text/html")

    async def answer(request: web.Request) -> web.Response:
        fields: dict[str, list[str]] = {}
        for name, value in (await request.post()).items():
            fields.setdefault(name, []).append(str(value))
        validate(question, decode(question, fields))
        return web.Response(status=303, headers={"Location": request.path})

    async def events(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        await response.write(b"data: x\n\n")
        return response

    app = web.Application()
    app.add_routes(
        [
            web.get("/p/{party}", show),
            web.post("/p/{party}/answer", answer),
            web.get("/p/{party}/events", events),
        ]
    )
    runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        return await _load(f"http://127.0.0.1:{site.port}", {}, "/p/{party}", seconds, think)
    finally:
        await runner.cleanup()


def _row(label: str, samples: list[float]) -> str:
    if not samples:
        return f"{label:>28} {'—':>10}"
    median, p99 = _percentile(samples, 0.5) * 1000, _percentile(samples, 0.99) * 1000
    return f"{label:>28} {median:>10.2f} {p99:>8.2f} {max(samples) * 1000:>8.2f} {len(samples):>8}"


def main(seconds: float = 10.0, think: float = THINK) -> None:
    print(
        f"party seats: {len(PARTIES)} parties x {DEVICES} devices on loopback, {seconds:g} s "
        f"each, a post every {think:g} s per device"
    )
    with tempfile.TemporaryDirectory() as temporary:
        seats, stalls, collections = asyncio.run(_seats(Path(temporary), seconds, think))
    bare = asyncio.run(_bare(seconds, think))
    print(f"{'':>28} {'median ms':>10} {'p99 ms':>8} {'max ms':>8} {'samples':>8}")
    print(_row("POST -> durable ack", seats["acks"]))
    print(_row("of which commit -> durable", seats["durable"]))
    print(_row("bare handler, no commit", bare["acks"]))
    print(_row("event loop stall", stalls))
    print(_row("garbage collection pause", collections))
    print(
        f"{'requests per second':>28} seats {seats['requests'] / seconds:.0f}, "
        f"bare {bare['requests'] / seconds:.0f}"
    )
    print(
        f"{'refused saves':>28} {seats['conflicts']} changed on another device, "
        f"{seats['errors']} other"
    )


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--seconds", type=float, default=10.0, help="per run (default 10)")
    arguments.add_argument(
        "--think", type=float, default=THINK, help=f"seconds between posts (default {THINK})"
    )
    given = arguments.parse_args()
    main(given.seconds, given.think)
