"""The seats face: names resolve to their modules, lazily."""

import subprocess
import sys
from pathlib import Path

from facilitator import seats
from facilitator.seats.qr import qr_lines
from facilitator.seats.server import SeatServer

ROOT = Path(__file__).parents[3]


def test_the_face_gives_the_objects_of_its_modules():
    assert seats.SeatServer is SeatServer and seats.qr_lines is qr_lines
    assert "Seating" in dir(seats)


def test_importing_the_face_and_the_domain_of_seats_loads_no_web_server():
    code = (
        "import sys\n"
        "import facilitator.seats, facilitator.seats.seating, facilitator.seats.addresses\n"
        "print(sorted(m for m in ('aiohttp', 'segno') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "[]"
