"""The distribution: the domain runs without Textual, and the bundled banks ship in the wheel."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

_NO_TEXTUAL = """
import importlib, pkgutil, sys
import facilitator
for module in pkgutil.walk_packages(facilitator.__path__, "facilitator."):
    importlib.import_module(module.name)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "screens"))
print(",".join(loaded))
"""


def test_importing_every_domain_module_loads_no_textual_module():
    result = subprocess.run(
        [sys.executable, "-c", _NO_TEXTUAL], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == ""


_FACES = """
import importlib, pkgutil, sys
import facilitator, facilitator.cli
for module in pkgutil.iter_modules(facilitator.__path__, "facilitator."):
    if module.ispkg:
        importlib.import_module(module.name)
heavy = ("rapidfuzz", "aiohttp", "segno", "tinydb", "markdown_it", "textual", "orjson")
loaded = {name.split(".")[0] for name in sys.modules}
print(",".join(sorted(loaded & set(heavy))))
print(",".join(sorted(name for name in sys.modules if name == "facilitator.bank.parser")))
"""


def test_package_faces_and_the_cli_import_no_heavy_module():
    """A face re-exports its floor's names lazily: importing every subpackage and the CLI loads
    neither the parser, nor rapidfuzz, nor TinyDB, nor the web server."""
    result = subprocess.run(
        [sys.executable, "-c", _FACES], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.splitlines() == ["", ""]


def test_a_face_gives_the_same_object_as_its_module():
    from facilitator import bank, live
    from facilitator.bank.model import Bank
    from facilitator.live.workshop import Workshop

    assert bank.Bank is Bank and live.Workshop is Workshop
    assert "Workshop" in dir(live)
    with pytest.raises(AttributeError):
        _ = live.NoSuchName


def test_check_runs_where_textual_cannot_be_imported(tmp_path):
    bank = tmp_path / "bank.md"
    bank.write_text("# T\n\n## S {time=1m}\n\n### Q\n", encoding="utf-8")
    code = (
        "import sys; sys.modules['textual'] = None\n"
        "from facilitator.cli import main\n"
        f"main(['check', {str(bank)!r}])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert ": ok · T" in result.stdout


@pytest.mark.slow
def test_the_wheel_ships_the_bundled_banks_and_finds_them_when_installed(tmp_path):
    # Build from a copy: a build in the tree leaves build/ behind, whose stale files a later
    # wheel would ship.
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                      ".pytest_cache", ".ruff_cache", ".hypothesis", "sessions"),
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(source)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("facilitator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(p.name for p in (ROOT / "questionbanks").glob("*.md"))
    assert sorted(n.split("/")[-1] for n in names if n.startswith("questionbanks/")) == sorted(
        [*bundled, "__init__.py"]
    )
    assert any(n.startswith("screens/") and n.endswith(".tcss") for n in names)
    seats_files = {"facilitator/seats/static/seat.css", "facilitator/seats/static/seat.js"}
    assert seats_files <= set(names), "the party pages' style sheet and script ship"
    floors = {p.parent.name for p in (ROOT / "facilitator").glob("*/__init__.py")}
    assert floors <= {n.split("/")[1] for n in names if n.startswith("facilitator/") and
                      n.endswith("/__init__.py") and n.count("/") == 2}  # fmt: skip
    target = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
         str(wheel)],
        check=True,
    )  # fmt: skip
    code = (
        "import questionbanks\n"
        "from facilitator.bank.library import bundled_banks\n"
        "print(questionbanks.__file__)\n"
        "print(sorted((e.path.name, e.bank is not None) for e in bundled_banks()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    location, listing = result.stdout.splitlines()
    assert location.startswith(str(target))
    assert listing == str(sorted((name, True) for name in bundled))
