"""A small QR code encoder: byte mode, error correction level M, versions 1-10, one mask.

The qrcode package spends ~0.8 ms per symbol (polynomial objects, eight-way mask search);
labels need one QR each, so this table-driven encoder keeps batch printing fast.
"""

from __future__ import annotations

from functools import cache

# Per version: (EC codewords per block, data codewords of each block).
_BLOCKS_M = {
    1: (10, (16,)),
    2: (16, (28,)),
    3: (26, (44,)),
    4: (18, (32, 32)),
    5: (24, (43, 43)),
    6: (16, (27, 27, 27, 27)),
    7: (18, (31, 31, 31, 31)),
    8: (22, (38, 38, 39, 39)),
    9: (22, (36, 36, 36, 37, 37)),
    10: (26, (43, 43, 43, 43, 44)),
}
_ALIGNMENT = {1: (), 2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34),
              7: (6, 22, 38), 8: (6, 24, 42), 9: (6, 26, 46), 10: (6, 28, 50)}  # fmt: skip
_MASK = 2  # columns divisible by 3; any mask decodes, searching for the best one is slow
_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _EXP[_power + 255] = _value
    _LOG[_value] = _power
    _value = (_value << 1) ^ (0x11D if _value & 0x80 else 0)


def qr_matrix(data: str) -> list[list[bool]]:
    """Return the dark modules of data as rows (no quiet zone)."""
    payload = data.encode()
    version = next((v for v in _BLOCKS_M if len(payload) <= _capacity(v) - (3 if v > 9 else 2)), 0)
    if not version:
        raise ValueError(f"{len(payload)} bytes is too long for a label QR code")
    modules = [list(row) for row in _template(version)[0]]
    _place(modules, version, _codewords(payload, version))
    _draw_format_bits(modules)
    return modules


def _capacity(version: int) -> int:
    return sum(_BLOCKS_M[version][1])


def _codewords(payload: bytes, version: int) -> list[int]:
    """Return the data and error correction codewords, interleaved."""
    capacity = _capacity(version)
    count_bits = 16 if version > 9 else 8
    bits = "0100" + format(len(payload), f"0{count_bits}b") + "".join(f"{b:08b}" for b in payload)
    bits += "0" * min(4, capacity * 8 - len(bits))
    bits += "0" * (-len(bits) % 8)
    data = [int(bits[i : i + 8], 2) for i in range(0, len(bits), 8)]
    data += [(0xEC, 0x11)[i % 2] for i in range(capacity - len(data))]
    ec_length, sizes = _BLOCKS_M[version]
    blocks, start = [], 0
    for size in sizes:
        blocks.append(data[start : start + size])
        start += size
    divisor = _divisor(ec_length)
    ec_blocks = [_remainder(block, divisor) for block in blocks]
    out = [block[i] for i in range(max(sizes)) for block in blocks if i < len(block)]
    return out + [ec[i] for i in range(ec_length) for ec in ec_blocks]


def _multiply(a: int, b: int) -> int:
    return _EXP[_LOG[a] + _LOG[b]] if a and b else 0


@cache
def _divisor(degree: int) -> tuple[int, ...]:
    """Return the Reed-Solomon generator polynomial (without its leading 1)."""
    result = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            result[j] = _multiply(result[j], root)
            if j + 1 < degree:
                result[j] ^= result[j + 1]
        root = _multiply(root, 2)
    return tuple(result)


def _remainder(data: list[int], divisor: tuple[int, ...]) -> list[int]:
    result = [0] * len(divisor)
    logs = [_LOG[c] for c in divisor]
    for byte in data:
        factor = byte ^ result.pop(0)
        result.append(0)
        if factor:
            log_factor = _LOG[factor]
            result = [r ^ _EXP[lc + log_factor] for r, lc in zip(result, logs, strict=True)]
    return result


@cache
def _template(version: int) -> tuple[tuple[tuple[bool, ...], ...], tuple[tuple[bool, ...], ...]]:
    """Return the finder, timing, alignment and version modules and which cells they own."""
    size = 17 + 4 * version
    modules = [[False] * size for _ in range(size)]
    function = [[False] * size for _ in range(size)]

    def put(x: int, y: int, dark: bool) -> None:
        if 0 <= x < size and 0 <= y < size:
            modules[y][x], function[y][x] = dark, True

    for i in range(size):
        put(6, i, i % 2 == 0)
        put(i, 6, i % 2 == 0)
    for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
        for dy in range(-4, 5):
            for dx in range(-4, 5):
                put(cx + dx, cy + dy, max(abs(dx), abs(dy)) not in (2, 4))
    centres = _ALIGNMENT[version]
    last = len(centres) - 1
    for i, cx in enumerate(centres):
        for j, cy in enumerate(centres):
            if (i, j) not in ((0, 0), (0, last), (last, 0)):
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        put(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
    for i in range(9):  # reserve the format information areas
        for x, y in ((8, i), (i, 8), (size - 1 - i % 8, 8), (8, size - 1 - i % 8)):
            put(x, y, modules[y][x])
    if version >= 7:
        _draw_version_bits(put, version, size)
    return tuple(map(tuple, modules)), tuple(map(tuple, function))


def _draw_version_bits(put: object, version: int, size: int) -> None:
    remainder = version
    for _ in range(12):
        remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
    bits = version << 12 | remainder
    for i in range(18):
        dark, a, b = bool(bits >> i & 1), size - 11 + i % 3, i // 3
        put(a, b, dark)  # type: ignore[operator]
        put(b, a, dark)  # type: ignore[operator]


def _place(modules: list[list[bool]], version: int, words: list[int]) -> None:
    """Lay codeword bits in the zigzag order, masked."""
    cells = _data_cells(version)
    bits = "".join(f"{w:08b}" for w in words).ljust(len(cells), "0")  # remainder bits
    for (x, y, flip), bit in zip(cells, bits, strict=True):
        modules[y][x] = (bit == "1") != flip


@cache
def _data_cells(version: int) -> tuple[tuple[int, int, bool], ...]:
    """Return the data cells in placement order, each with whether the mask flips it."""
    function = _template(version)[1]
    size = len(function)
    cells = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5  # the vertical timing pattern takes a column of its own
        upward = ((right + 1) & 2) == 0
        for vertical in range(size):
            y = size - 1 - vertical if upward else vertical
            cells += [(x, y, x % 3 == 0) for x in (right, right - 1) if not function[y][x]]
        right -= 2
    return tuple(cells)


def _draw_format_bits(modules: list[list[bool]]) -> None:
    size = len(modules)
    data = 0b00 << 3 | _MASK  # level M is 00
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    bits = (data << 10 | remainder) ^ 0x5412
    first = [(8, i) for i in range(6)] + [(8, 7), (8, 8), (7, 8)]
    first += [(14 - i, 8) for i in range(9, 15)]
    second = [(size - 1 - i, 8) for i in range(8)] + [(8, size - 15 + i) for i in range(8, 15)]
    for i, (x, y) in enumerate(first):
        modules[y][x] = bool(bits >> i & 1)
    for i, (x, y) in enumerate(second):
        modules[y][x] = bool(bits >> i & 1)
    modules[size - 8][8] = True  # the dark module
