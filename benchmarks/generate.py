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


COMPARE_KINDS = ["list", "text", "choice", "rank", "scale", "number", "stance", "pair"]
STANCE_OPTIONS = ["We do", "The partner does", "Whoever brought in the customer", "Shared"]


def comparison_bank(questions: int = 200) -> str:
    """A bank for the comparison benchmark: every kind, every category, expectation/offer pairs
    (a pair is two questions) and guesses, in sections of 20 questions."""
    parts = ["---", "party-a: Startup", "party-b: Enterprise", "---", "", "# Compared bank", ""]
    made = 0
    while made < questions:
        if made % 20 == 0:
            parts += [f"## Section {made // 20} {{#s{made // 20} time=10m}}", ""]
        kind = COMPARE_KINDS[made % len(COMPARE_KINDS)]
        category = ["goal", "non-negotiable", "context"][made % 3]
        guess = " predict" if made % 2 else ""
        if kind == "pair" and made + 2 <= questions:
            parts += [
                f"### What do you expect, {made}? {{#q{made} kind=list compare=expectation "
                f"pair=q{made + 1}}}",
                "",
                f"### What do you offer, {made + 1}? {{#q{made + 1} kind=list compare=offer}}",
                "",
            ]
            made += 2
            continue
        kind = "list" if kind == "pair" else kind
        attrs = f"#q{made} kind={kind} compare={category}{guess}"
        if kind == "scale":
            attrs += " range=1-10 near=2 far=5"
        elif kind == "number":
            attrs += " unit=months near=3 far=9"
        elif kind in ("choice", "rank"):
            attrs += " pick=3"
        elif kind == "stance":
            attrs = f"#q{made} kind=stance{guess}"
        parts += [f"### Question {made} of the comparison {{{attrs}}}", ""]
        if kind in ("choice", "rank"):
            parts += [f"- Option {n} for question {made}" for n in range(6)] + [""]
        elif kind == "stance":
            parts += [f"- {option}" for option in STANCE_OPTIONS] + [""]
        made += 1
    return "\n".join(parts)
