"""The seams between the App, its screens and the domain: screens read a session through the
`Workshop`'s own API, never its store; the start descriptions cost no Textual import."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_screens_never_reach_into_a_workshops_store():
    found = []
    for path in sorted((ROOT / "screens").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "store":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == [], "read workshop.meta / workshop.path / report_of_workshop instead"


def test_the_start_descriptions_import_no_textual():
    probe = "import sys, screens.start; print(sorted(m for m in sys.modules if m == 'textual'))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
