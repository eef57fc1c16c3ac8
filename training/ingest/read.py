"""The read stage: an import's size limits, and each file's bytes and SHA-256, read ahead on a helper thread."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from queue import Full, Queue
from typing import cast

from django.conf import settings

from training.importers.base import ImportItem
from training.importers.sports import normalize_sport

READ_AHEAD = 4


def max_upload_bytes() -> int:
    """The size limit of one upload and of one file inside it (setting TRAINING_IMPORT_MAX_BYTES)."""
    return settings.TRAINING_IMPORT_MAX_BYTES


def max_uncompressed_bytes() -> int:
    """The bytes one import may unpack, counted as they are produced (zip and gzip bombs stop here)."""
    return settings.TRAINING_IMPORT_MAX_UNCOMPRESSED_BYTES


@dataclass(frozen=True)
class ReadAhead:
    """One file's bytes and their SHA-256, or the error reading them raised (raised again by ``result``)."""

    data: bytes = b""
    digest: str = ""
    error: Exception | None = None

    def result(self) -> tuple[bytes, str]:
        if self.error is not None:
            raise self.error
        return self.data, self.digest


def read_item(item: ImportItem) -> ReadAhead:
    """Read (and decompress) an item's file and hash it; an error is kept for the import to report."""
    assert item.read is not None
    try:
        data = item.read()
    except Exception as exc:
        return ReadAhead(error=exc)
    return ReadAhead(data, hashlib.sha256(data).hexdigest())


def _reads_bytes(item: ImportItem) -> bool:
    """Whether ``Ingestor.prepare`` reads the item's file (not for rejected entries or the CSV's rides)."""
    if item.error or item.skipped or item.read is None:
        return False
    declared = item.overrides.get("sport", "")
    return not (declared and normalize_sport(declared)[0] is None)


_END = object()


def read_ahead(items: Iterator[ImportItem], depth: int = READ_AHEAD) -> Iterator[tuple[ImportItem, ReadAhead | None]]:
    """Yield the items in order with their bytes read and hashed by a helper thread up to DEPTH files ahead.

    Reading a zip entry, gunzip and SHA-256 run outside the GIL, so they overlap the decoding and the
    database work of the files before. Only that thread touches the archives; an error of the walk itself
    (an ImporterError of the paths) is raised here, where the loop would have met it.
    """
    queue: Queue[object] = Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: object) -> bool:
        while not stop.is_set():
            try:
                queue.put(entry, timeout=0.1)
            except Full:
                continue
            return True
        return False

    def work() -> None:
        try:
            for item in items:
                if not put((item, read_item(item) if _reads_bytes(item) else None)):
                    return
            put(_END)
        except BaseException as exc:  # handed to the importing thread, which raises it
            put(exc)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    reader = threading.Thread(target=work, name="kneecap-import-reader", daemon=True)
    reader.start()
    try:
        while True:
            entry = queue.get()
            if entry is _END:
                return
            if isinstance(entry, BaseException):
                raise entry
            yield cast(tuple[ImportItem, ReadAhead | None], entry)
    finally:
        stop.set()
        reader.join()
