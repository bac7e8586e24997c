"""Bytes to text: UTF-8 (with or without BOM), else cp1252 with a warning; binary files refused.

Line endings (CRLF, CR, LF) are normalised to LF here so every later stage sees one kind and
line numbers count the same way in every file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from newsgen.diagnostics import Diagnostic, error, warning
from newsgen.model import quicken_module

# Bytes cp1252 leaves undefined; decoded as the Latin-1 character so no file is unreadable.
_CP1252_HOLES = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_CP1252_TABLE = {
    b: bytes((b,)).decode("cp1252") for b in range(0x80, 0xA0) if b not in _CP1252_HOLES
}
_SAMPLE = 8192
# C0 controls other than \t \n \v \f \r, DEL and the C1 controls: never in real prose.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ASCII_CONTROLS = bytes((*range(0x09), *range(0x0E, 0x20), 0x7F))
_LOW_BYTES = bytes(range(0x80))


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A file's text with LF line endings, the codec that read it, and the raw bytes' sha256."""

    text: str
    encoding: str
    sha256: str


def decode(data: bytes, path: str) -> tuple[DecodedText | None, list[Diagnostic]]:
    """The text of `data`, or None with a `binary-file` error when it is not text."""
    digest = hashlib.sha256(data).hexdigest()
    if b"\x00" in data:
        return None, [_binary(path, "it contains NUL bytes")]
    found: list[Diagnostic] = []
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        else:
            text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _mostly_high_bytes(data):
            return None, [_binary(path, "most of it is not text")]
        text, encoding = _decode_cp1252(data), "cp1252"
        line = _line_of_offset(data, exc.start)
        found.append(
            warning(
                path,
                line,
                "encoding-fallback",
                f"not valid UTF-8 (first bad byte on line {line}); decoded as cp1252",
                "save the file as UTF-8",
            )
        )
    if _mostly_controls(text):
        return None, [_binary(path, "most of it is control characters")]
    return DecodedText(normalise_newlines(text), encoding, digest), found


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _binary(path: str, why: str) -> Diagnostic:
    return error(path, None, "binary-file", f"not a text file: {why}", "remove it from content/")


def _decode_cp1252(data: bytes) -> str:
    """cp1252, with its five undefined bytes read as Latin-1 so decoding never fails."""
    return data.decode("latin-1").translate(_CP1252_TABLE)


def _line_of_offset(data: bytes, offset: int) -> int:
    """1-based line of a byte offset, counting CRLF, CR and LF as one line break each."""
    before = data[:offset]
    return before.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _mostly_high_bytes(data: bytes) -> bool:
    """Real cp1252 prose has a few accented letters; random binary is half high bytes."""
    sample = data[:_SAMPLE]
    high = len(sample.translate(None, _LOW_BYTES))
    return len(sample) >= 32 and high * 3 > len(sample)


def _mostly_controls(text: str) -> bool:
    """Over a tenth control characters; counted in C (a Python loop costs ~0.4 ms a file)."""
    sample = text[:_SAMPLE]
    if sample.isascii():  # deleting bytes is several times faster than the regex
        raw = sample.encode("ascii")
        controls = len(raw) - len(raw.translate(None, _ASCII_CONTROLS))
    else:
        controls = len(_CONTROLS.findall(sample))
    return len(sample) > 0 and controls * 10 > len(sample)


quicken_module(globals())  # a quicker `__init__` (see `newsgen.model.quicken`)
