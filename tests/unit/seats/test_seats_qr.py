"""The join URL's QR code as text: the same modules as segno's matrix, dark on light."""

import segno

from facilitator.seats.qr import DARK, LIGHT, qr_lines

URL = "http://192.168.100.200:54321/j/a#ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _matrix(border: int = 2) -> list[list[bool]]:
    code = segno.make_qr(URL, error="l", boost_error=True)
    return [[bool(m) for m in row] for row in code.matrix_iter(border=border)]


def test_half_blocks_pack_two_module_rows_per_line():
    shown = qr_lines(URL)
    assert (shown.dark, shown.light) == (DARK, LIGHT)
    matrix = _matrix()
    assert shown.height == (len(matrix) + 1) // 2 and shown.width == len(matrix[0])
    assert len({len(line) for line in shown.lines}) == 1
    top = {"█": True, "▀": True, "▄": False, " ": False}
    bottom = {"█": True, "▀": False, "▄": True, " ": False}
    rebuilt = []
    for line in shown.lines:
        rebuilt.append([top[c] for c in line])
        rebuilt.append([bottom[c] for c in line])
    assert rebuilt[: len(matrix)] == matrix


def test_the_code_fits_an_80x24_terminal_with_room_for_the_url_beneath():
    shown = qr_lines(URL)
    assert shown.width <= 80 and shown.height <= 20


def test_large_mode_gives_each_module_a_full_block_two_columns_wide():
    shown = qr_lines(URL, large=True, border=4)
    matrix = _matrix(border=4)
    assert shown.height == len(matrix) and shown.width == 2 * len(matrix[0])
    assert [[line[2 * i] == "█" for i in range(len(line) // 2)] for line in shown.lines] == matrix
