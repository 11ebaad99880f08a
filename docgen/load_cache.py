"""Validated municipalities kept between builds, so an unchanged data file is not read again.

Parsing and validating a data file costs 10–30 ms (ruamel.yaml, the model in every
language, the rules); a build with nothing changed spent almost all its time on that,
about 6 s for 200 municipalities (benchmarks/national.py). So each municipality, as
loaded, is kept in the user's cache folder (`~/.cache/docgen/entries/` on Linux, or
$DOCGEN_CACHE_DIR), one file per data file, under the key of everything loading reads:
the data file's bytes, the listing of its asset folder, docgen's templates and code,
and the versions of the libraries in the pickle. When the key is unchanged the entry
is taken from there (under 1 ms), warnings included; otherwise the file is loaded as
always and its cache file replaced. A file with problems is never cached, so its
errors are reported on every build.

Not in the build folder: that folder is what gets published, and the cache holds the
whole data file, also what no document shows. The cache is an optimisation only: a
file that cannot be read, is damaged or was written by another version is ignored, one
that cannot be written is skipped, and the folder may be deleted at any time. The files
are pickles, readable by their owner only, in the owner's own cache folder.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

import platformdirs
import pydantic

from docgen import fingerprint
from docgen.entry import Entry
from docgen.load import load

log = logging.getLogger("docgen")

KEEP_DAYS = 30  # a cache file not rewritten for this long is removed (its data file may be gone)


def cache_folder() -> Path:
    """Where loaded municipalities are kept: $DOCGEN_CACHE_DIR, or the user's cache folder."""
    return Path(os.environ.get("DOCGEN_CACHE_DIR") or platformdirs.user_cache_path("docgen")) / "entries"


def load_cached(path: Path, folder: Path) -> Entry:
    """The municipality in `path`, from the cache in `folder` when its inputs are unchanged."""
    key = _key(path)
    # One file per data file (by its absolute path), replaced when the file changes.
    cached = folder / f"{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]}.pickle"
    try:
        stored_key, entry = pickle.loads(cached.read_bytes())
        if stored_key == key and isinstance(entry, Entry):
            return entry
    except FileNotFoundError:
        pass
    except Exception as error:  # a damaged cache or one from another version: load as usual
        log.debug("ignoring %s: %s", cached, error)
    entry = load(path)  # DataError: nothing is cached
    _store(cached, (key, entry))
    return entry


def _key(path: Path) -> str:
    digest = hashlib.sha256(fingerprint.of_data_file(path, path.parent / path.stem).encode())
    for part in (fingerprint.of_code(), str(path), sys.version, pydantic.VERSION):
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


def _store(cached: Path, value: object) -> None:
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        _remove_old(cached.parent)
        handle, temporary = tempfile.mkstemp(dir=cached.parent, prefix=f".{cached.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, cached)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:  # a read-only or full build folder: the build itself will say so
        log.debug("cannot cache %s: %s", cached, error)


@cache
def _remove_old(folder: Path) -> None:
    """Once per process: the cache files of data files that have not been built for a while."""
    oldest = time.time() - KEEP_DAYS * 86400
    for path in folder.glob("*.pickle"):
        if path.stat().st_mtime < oldest:
            path.unlink(missing_ok=True)
