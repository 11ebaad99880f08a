"""The earlier version `docgen diff --since REF` compares with. REF is one of:

- a build folder: the snapshots an earlier build kept beside its outputs;
- a data file (an older copy of municipalities/<slug>.yaml): assembled with today's
  templates, its assets beside it as usual;
- a git revision of the data folder: the data file and its assets as they were at
  that revision, assembled with today's templates.

Each gives the earlier documents by (language, file stem), the key the build uses too.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import click

from docgen import snapshot
from docgen.document import Document
from docgen.load import load

Key = tuple[str, str]  # (language, output file stem)


@dataclass(frozen=True)
class Earlier:
    description: str  # what the change list says it compared with
    documents: dict[Key, Document]


def bad_reference(message: str) -> click.BadParameter:
    return click.BadParameter(message, param_hint="--since")


def from_build(folder: Path, slug: str, keys: Iterable[Key]) -> Earlier:
    """The snapshots under folder/<slug>/ of the documents asked for."""
    if not (folder / slug).is_dir():
        raise bad_reference(f"{folder} has no documents of {slug!r}; give a build folder docgen has written")
    documents = {}
    for language, stem in keys:
        path = folder / slug / language / f"{stem}{snapshot.SUFFIX}"
        if path.is_file():
            try:
                documents[(language, stem)] = snapshot.loads(path.read_bytes())
            except (ValueError, TypeError, KeyError) as error:
                raise bad_reference(f"{path} is not a document snapshot: {error}") from error
    if not documents:
        raise bad_reference(f"{folder / slug} holds no snapshots of these documents; build them again to keep one")
    return Earlier(str(folder), documents)


def from_data(path: Path, kind: str, languages: Iterable[str]) -> Earlier:
    """The documents an older data file gives with today's templates."""
    return Earlier(str(path), _assemble(path, kind, languages))


def from_git(revision: str, data_file: Path, kind: str, languages: Iterable[str]) -> Earlier:
    """The data file and its assets at `revision`, copied out of git and assembled."""
    folder = data_file.parent
    root = _git(folder, "rev-parse", "--show-toplevel")
    if root is None:
        raise bad_reference(f"{revision!r} is neither a folder nor a file, and {folder} is not in a git repository")
    found = _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found is None:
        raise bad_reference(f"{revision!r} is not a build folder, a data file or a git revision of {folder}")
    commit = found.decode().strip()
    top = Path(root.decode().strip())
    relative = data_file.resolve().relative_to(top.resolve()).as_posix()
    assets = relative.removesuffix(".yaml") + "/"
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", relative, assets) or b""
    names = [name for name in listing.decode().split("\0") if name]
    if relative not in names:
        raise bad_reference(f"{data_file.name} did not exist at {revision}")
    with tempfile.TemporaryDirectory(prefix="docgen-diff-") as temporary:
        for name in names:
            content = _git(top, "show", f"{commit}:{name}")
            target = Path(temporary) / Path(name).relative_to(Path(relative).parent)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content or b"")
        documents = _assemble(Path(temporary) / data_file.name, kind, languages)
    return Earlier(f"{data_file.name} @ {revision}", documents)


def _assemble(path: Path, kind: str, languages: Iterable[str]) -> dict[Key, Document]:
    from docgen.build import assemble, plan

    jobs = plan([load(path)], [kind], list(languages) or None)
    return {(job.language, job.output.stem): assemble(job) for job in jobs}


def _git(folder: Path, *arguments: str) -> bytes | None:
    """git's output, or None when git fails (no repository, unknown revision)."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *arguments], capture_output=True, check=False)
    except FileNotFoundError as error:
        raise bad_reference("git is not installed, so a revision cannot be read") from error
    return done.stdout if done.returncode == 0 else None
