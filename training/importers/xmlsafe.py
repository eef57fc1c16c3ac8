"""Safe, streaming XML for GPX and TCX: lxml iterparse that never resolves entities or fetches anything."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from datetime import UTC, datetime

from lxml import etree

from training.importers.base import ImporterError

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def local(tag: object) -> str:
    """The tag's name without its namespace ("{http://...}trkpt" -> "trkpt"); "" for comments."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def iterparse(data: bytes, what: str, tags: tuple[str, ...]) -> Iterator[etree._Element]:
    """Yield the elements whose local name is in ``tags`` once each is complete.

    Raises ImporterError for a DOCTYPE or an entity declaration (refused, never resolved) and for XML that
    is not well formed. ``what`` names the format in the messages ("GPX", "TCX").
    """
    if _DOCTYPE.search(data[:65536]):
        raise ImporterError(f"This {what} file declares a DOCTYPE or entities, which are refused for safety.")
    wanted = tuple("{*}" + tag for tag in tags)
    context = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_blank_text=True,
        remove_pis=True,
        tag=wanted,
    )
    checked = False
    try:
        for _, element in context:
            if not checked:
                docinfo = element.getroottree().docinfo
                if docinfo.doctype or docinfo.internalDTD is not None:
                    raise ImporterError(
                        f"This {what} file declares a DOCTYPE or entities, which are refused for safety."
                    )
                checked = True
            yield element
    except etree.XMLSyntaxError as exc:
        raise ImporterError(f"This {what} file is not well-formed XML ({exc.msg}).") from exc


def text(element: etree._Element | None) -> str:
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def number(value: str | None) -> float | None:
    """A finite float from text (surrounding blanks allowed), else None."""
    try:
        result = float(value)  # type: ignore[arg-type]  # None raises TypeError, handled below
    except (TypeError, ValueError):
        return None
    return result if math.isfinite(result) else None


def parse_time(value: str) -> datetime | None:
    """Parse an ISO 8601 time ("2015-12-11T15:43:13.5+01:00", "...Z"); a time without zone is taken as UTC."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value if value[-1] != "z" else value[:-1] + "Z")
    except ValueError:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def utc_offset(value: str) -> int | None:
    """Seconds east of UTC written in a time ("...+01:00" -> 3600); None for "Z", no zone, or bad text."""
    if not value or value[-1] in "zZ":
        return None
    try:
        offset = datetime.fromisoformat(value).utcoffset()
    except ValueError:
        return None
    return None if offset is None else int(offset.total_seconds())


def clear(element: etree._Element) -> None:
    """Free a processed element and the siblings before it, so memory stays flat on long tracks."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
