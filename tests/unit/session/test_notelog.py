"""A NoteLog reads as the Chain of notes the note rule builds, whichever of its versions is
extended and whenever its notes are first read."""

from hypothesis import given
from hypothesis import strategies as st

from facilitator.base.sharedseq import Chain
from facilitator.session.moderation import Note
from facilitator.session.notelog import NoteLog, built
from facilitator.session.records import NOTE, Event


def payload(number: int) -> dict[str, str]:
    """A note's payload as the store writes it (every field of Note but seq and done)."""
    return {"section": "why", "kind": "action", "text": f"t{number}", "owner": "Ana",
            "due": "", "question": "reason"}  # fmt: skip


def rule(event: Event) -> Note:
    """The note rule as it reads."""
    p = event.payload
    return Note(event.seq, p["section"], p.get("kind", "note"), p["text"], p.get("owner", ""),
                p.get("due", ""), p.get("question", ""))  # fmt: skip


def test_built_notes_equal_the_rule_field_for_field():
    events = [Event(seq, 1.0, NOTE, payload(seq)) for seq in (3, 7, 8)]
    notes = built(events, [event.payload for event in events])
    assert notes == [rule(event) for event in events]
    for note, event in zip(notes, events, strict=True):
        assert type(note) is Note and hash(note) == hash(rule(event))
        assert vars(note) == vars(rule(event)) and repr(note) == repr(rule(event))
        assert list(vars(note)) == [*event.payload, "seq", "done"]  # the fold's fast path's
    assert events[0].payload == payload(3)  # the event's payload is left as it was


BATCH = st.tuples(st.integers(0, 50), st.integers(0, 3), st.booleans())
"""(which version to extend, how many notes, whether they come unbuilt)."""


@given(st.lists(BATCH, max_size=30), st.sets(st.integers(0, 30)))
def test_every_version_reads_exactly_its_notes_whenever_they_are_built(steps, read_early):
    seq = iter(range(1, 1000))
    versions: list[tuple[Chain[Note], list[Note]]] = [(Chain(), [])]
    for number, (pick, size, unbuilt) in enumerate(steps):
        log, model = versions[pick % len(versions)]
        events = [Event(next(seq), 0.0, NOTE, payload(number)) for _ in range(size)]
        notes = [rule(event) for event in events]
        batch = (events, [e.payload for e in events]) if unbuilt else (notes, None)
        grown = NoteLog.of(log).extended_by([batch])
        versions.append((grown, [*model, *notes]))
        if number in read_early:
            assert list(log) == model  # an older version built now, the newer after it
    for log, model in versions:
        assert len(log) == len(model)
        assert list(log) == model
        assert log == tuple(model) and tuple(model) == log
        assert log == Chain(model) and hash(log) == hash(Chain(model))
        assert repr(log) == repr(Chain(model))
        assert log[1:] == tuple(model[1:])
        if model:
            assert (log[0], log[-1]) == (model[0], model[-1])
