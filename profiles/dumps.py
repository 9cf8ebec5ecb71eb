"""The full public export as one compressed JSON file, offered at /data/ for anyone to reuse.

``build_data_dump()`` writes it (the build_data_dump command calls it; schedule it daily once
the task queue exists); the page and the download only read what it wrote, so no request ever
builds an export. The file is written beside its final name and moved into place, so a reader
never gets half a file, and a small description beside it (date, size, counts, checksum)
spares the page from opening the dump.
"""

import gzip
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from reversion.models import Revision

from profiles.exports import export_data

DUMP_NAME = "sourcebook-profiles.json.gz"
DESCRIPTION_NAME = "sourcebook-profiles.meta.json"


@dataclass(frozen=True)
class DataDump:
    """The dump as its description tells it."""

    path: Path
    built_at: datetime
    size: int  # bytes, compressed
    sha256: str
    profiles: int
    sources: int
    last_revision: int | None  # the newest revision when the export began
    license: dict

    @property
    def download_name(self):
        return f"sourcebook-profiles-{self.built_at:%Y-%m-%d}.json.gz"


def dump_directory():
    return Path(settings.DATA_DUMP_DIR)


def write_atomically(path, write):
    """Call write(file) on a new file beside path, then move it over path in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def build_data_dump():
    """Export every public profile to the dump file and describe it; returns the DataDump.

    The newest revision id is read before the export, so that a mirror starting from the dump
    and following /api/changes/?since=<last_revision> misses nothing (a change made during the
    export may come twice, never not at all).
    """
    last_revision = Revision.objects.aggregate(newest=Max("pk"))["newest"]
    data = export_data()
    data["last_revision"] = last_revision
    directory = dump_directory()
    path = directory / DUMP_NAME

    def write_dump(file):
        with gzip.GzipFile(fileobj=file, mode="wb", filename="", mtime=0) as compressed:
            compressed.write(json.dumps(data, ensure_ascii=False, indent=1).encode())

    write_atomically(path, write_dump)
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 16), b""):
            digest.update(block)
    description = {
        "built_at": timezone.now().isoformat(),
        "size": path.stat().st_size,
        "sha256": digest.hexdigest(),
        "profiles": len(data["profiles"]),
        "sources": len(data["sources"]),
        "last_revision": last_revision,
        "license": data["license"],
    }
    write_atomically(
        directory / DESCRIPTION_NAME, lambda file: file.write(json.dumps(description).encode())
    )
    return latest_data_dump()


def latest_data_dump():
    """The dump last built, or None when none has been built (or its files are damaged)."""
    directory = dump_directory()
    path = directory / DUMP_NAME
    try:
        description = json.loads((directory / DESCRIPTION_NAME).read_text())
        if not path.is_file():
            return None
        return DataDump(
            path=path,
            built_at=datetime.fromisoformat(description["built_at"]),
            size=int(description["size"]),
            sha256=str(description["sha256"]),
            profiles=int(description["profiles"]),
            sources=int(description["sources"]),
            last_revision=description["last_revision"],
            license=dict(description["license"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
