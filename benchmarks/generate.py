"""Generated banks of any size for benchmarks; the same size always gives the same text."""

KINDS = ["text", "list", "choice", "rank", "scale", "number", "stance"]


def generated_bank(sections: int = 50, per_section: int = 20) -> str:
    parts = ["---", "description: A generated bank for measuring the parser", "---", ""]
    parts += ["# Generated bank", "", "An introduction paragraph for the whole bank.", ""]
    for s in range(sections):
        parts += [f"## Section number {s} {{#s{s} time=10m}}", "", "Notes for the moderator.", ""]
        for q in range(per_section):
            kind = KINDS[(s + q) % len(KINDS)]
            attrs = f"#q{s}-{q} kind={kind}"
            if kind == "scale":
                attrs += ' low="Not at all" high="Completely" near=1 far=3'
            elif kind == "number":
                attrs += " unit=months near=3 far=9 predict"
            elif kind in ("choice", "rank"):
                attrs += " pick=2"
            parts += [
                f"### What does your side expect from question {q} of section {s}? {{{attrs}}}",
                "",
                "Help text that tells the moderator what a good answer looks like and what to "
                "probe for when the two sides disagree about it.",
                "",
            ]
            if kind in ("choice", "rank", "stance"):
                parts += [f"- Option {n} for this question" for n in range(4)] + [""]
    return "\n".join(parts)
