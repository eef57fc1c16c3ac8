"""The focused FIT summary reader: the totals of an activity without decoding its track points.

It walks the record headers (normal and compressed-timestamp), keeps the definition messages, skips the data
bytes of every message the import does not need (records, HRV, developer data...), decodes only file_id, sport,
session, lap and activity, and follows chained files. Whatever it does not understand (an undefined local
message, an unknown base type, a field of a size it cannot read) hands the file to the fitdecode fallback,
which decodes everything or raises. A bad file CRC imports with a warning; a broken header is refused.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import training.importers.fit_fallback as fit_fallback
from training.importers.base import ImporterError, ParsedActivity
from training.importers.fit_totals import RECORD, USED_FIELDS, WANTED, Segment, build_activities
from training.importers.fitcrc import crc16

BROKEN_HEADER = "This file is not a FIT file: the header is broken."
CUT_SHORT = "This FIT file is cut short."
CRC_WARNING = "The file's checksum does not match; its data decoded, so it was imported anyway."

# base type byte -> (struct code, size, invalid value). Keyed by the whole byte, as fitdecode does: any
# other byte is not a FIT base type, and fitdecode reads such a field as raw bytes.
_BASE_TYPES: dict[int, tuple[str, int, int | None]] = {
    0x00: ("B", 1, 0xFF), 0x01: ("b", 1, 0x7F), 0x02: ("B", 1, 0xFF), 0x83: ("h", 2, 0x7FFF),
    0x84: ("H", 2, 0xFFFF), 0x85: ("i", 4, 0x7FFFFFFF), 0x86: ("I", 4, 0xFFFFFFFF), 0x88: ("f", 4, None),
    0x89: ("d", 8, None), 0x0A: ("B", 1, 0), 0x8B: ("H", 2, 0), 0x8C: ("I", 4, 0), 0x0D: ("B", 1, 0xFF),
    0x8E: ("q", 8, 0x7FFFFFFFFFFFFFFF), 0x8F: ("Q", 8, 0xFFFFFFFFFFFFFFFF), 0x90: ("Q", 8, 0),
}  # fmt: skip
_STRING = 0x07


class NotUnderstood(Exception):
    """Something this reader does not decode; the fitdecode fallback takes the file."""


@dataclass(frozen=True)
class _Definition:
    global_num: int
    size: int  # bytes of one data message, developer fields included
    # for wanted messages only: how to unpack the data bytes, and what each unpacked value is
    layout: struct.Struct | None = None
    fields: tuple[tuple[int, int, int | None], ...] = ()  # (field number, base type, invalid value)


def parse(data: bytes) -> list[ParsedActivity]:
    """Return the activities of a FIT file (one per session, chained files included)."""
    warnings: list[str] = []
    try:
        segments = read_segments(data, warnings)
    except (NotUnderstood, IndexError, struct.error):
        return fit_fallback.parse(data)
    return build_activities(segments, warnings)


def read_segments(data: bytes, warnings: list[str]) -> list[Segment]:
    """Split a FIT file into its chained files and read the wanted messages of each."""
    view = memoryview(data)
    segments: list[Segment] = []
    position = 0
    crc_bad = False
    while position < len(data):
        body_start, body_end = _header(data, position)
        segment = Segment()
        segments.append(segment)
        # Like fitdecode, refuse a file cut short even when its totals came before the cut: what is
        # missing may be a later session, so the totals read could be wrong.
        if body_end + 2 > len(data) or not _read_body(data, body_start, body_end, segment):
            raise ImporterError(CUT_SHORT)
        if crc16(view[position : body_end + 2]) != 0:  # a CRC over data plus its own CRC is zero
            crc_bad = True
        position = body_end + 2
    if crc_bad:
        warnings.append(CRC_WARNING)
    return segments


def _header(data: bytes, position: int) -> tuple[int, int]:
    if len(data) - position < 12:
        raise ImporterError(BROKEN_HEADER)
    size = data[position]
    if size < 12 or data[position + 8 : position + 12] != b".FIT" or (12 < size < 14):
        raise ImporterError(BROKEN_HEADER)
    if len(data) - position < size:
        raise ImporterError(BROKEN_HEADER)
    body_size = int.from_bytes(data[position + 4 : position + 8], "little")
    return position + size, position + size + body_size


def _read_body(data: bytes, position: int, end: int, segment: Segment) -> bool:
    """Read the wanted messages between ``position`` and ``end``; False when the last one runs past the end."""
    definitions: list[_Definition | None] = [None] * 16
    messages = segment.messages
    records = 0
    while position < end:
        header = data[position]
        position += 1
        if header & 0x80:  # compressed timestamp: local message type in bits 5-6
            local = (header >> 5) & 0x03
        elif header & 0x40:
            position = _read_definition(data, position, end, header, definitions)
            continue
        else:
            local = header & 0x0F
        definition = definitions[local]
        if definition is None:
            raise NotUnderstood(f"undefined local message {local}")
        if position + definition.size > end:
            return False
        if definition.layout is not None:
            messages.append((definition.global_num, _decode(data, position, definition)))
            position += definition.size
            continue
        skipped = 1
        position += definition.size
        if not header & 0xC0:
            # A run of the same unwanted message (1 Hz records) has this header byte every size + 1 bytes:
            # count the run with one C-level lstrip instead of a Python step per message.
            step = definition.size + 1
            starts = data[position:end:step]
            run = min(len(starts) - len(starts.lstrip(bytes((header,)))), (end - position) // step)
            skipped += run
            position += run * step
        if definition.global_num == RECORD:
            records += skipped
    segment.records += records
    return position == end


def _read_definition(data: bytes, position: int, end: int, header: int, definitions: list[_Definition | None]) -> int:
    """Keep one definition message; return the position after it (past ``end`` when it is cut short)."""
    if position + 5 > end:
        return end + 1
    architecture = data[position + 1]
    if architecture > 1:
        raise NotUnderstood("unknown architecture")
    order = ">" if architecture else "<"
    global_num = int.from_bytes(data[position + 2 : position + 4], "big" if architecture else "little")
    count = data[position + 4]
    position += 5
    raw_fields = data[position : position + 3 * count]
    position += 3 * count
    size = sum(raw_fields[i + 1] for i in range(0, len(raw_fields), 3))
    if header & 0x20:  # developer fields follow
        if position >= end:
            return end + 1
        dev_count = data[position]
        dev_fields = data[position + 1 : position + 1 + 3 * dev_count]
        position += 1 + 3 * dev_count
        size += sum(dev_fields[i + 1] for i in range(0, len(dev_fields), 3))
    if position > end:
        return position
    local = header & 0x0F
    if global_num not in WANTED:
        definitions[local] = _Definition(global_num, size)
        return position
    used = USED_FIELDS[global_num]
    codes = [order]
    fields: list[tuple[int, int, int | None]] = []
    for i in range(0, len(raw_fields), 3):
        number, field_size, base = raw_fields[i], raw_fields[i + 1], raw_fields[i + 2]
        if number in used:
            if base == _STRING:
                codes.append(f"{field_size}s")
                fields.append((number, base, None))
                continue
            spec = _BASE_TYPES.get(base)
            if spec is None or spec[1] != field_size:
                raise NotUnderstood(f"field {number} of message {global_num}: size {field_size}, type {base}")
            codes.append(spec[0])
            fields.append((number, base, spec[2]))
        else:
            codes.append(f"{field_size}x")
    codes.append(f"{size - sum(raw_fields[i + 1] for i in range(0, len(raw_fields), 3))}x")
    definitions[local] = _Definition(global_num, size, struct.Struct("".join(codes)), tuple(fields))
    return position


def _decode(data: bytes, position: int, definition: _Definition) -> dict[int, object]:
    assert definition.layout is not None
    values = definition.layout.unpack_from(data, position)
    result: dict[int, object] = {}
    for (number, base, invalid), value in zip(definition.fields, values, strict=True):
        if base == _STRING:
            text = bytes(value).split(b"\0", 1)[0].decode("utf-8", "replace")
            if text:
                result[number] = text
        elif value != invalid and not (isinstance(value, float) and value != value):
            result[number] = value
    return result
