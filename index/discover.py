"""Which files a build looks at, and the name each is catalogued under."""
from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)
IGNORED_PREFIXES = (".", "~$")  # hidden files, editors' lock files
IGNORED_NAMES = {"README.md", "readme.md", "README.txt"}  # a library's own description is not one of its documents


def _name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _wanted(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(IGNORED_PREFIXES) and path.name not in IGNORED_NAMES


def discover(paths: Iterable[Path], seeds_dir: Path) -> list[tuple[Path, str]]:
    """(file, catalogue name) for every file under `paths`, sorted by name.

    A file inside the seeds folder is named relative to it ("社会法/劳动合同法(2012-12-28).md":
    its first folder is its category); a folder elsewhere names its files relative to its
    parent, so the folder's own name is their category; a lone file elsewhere is its name.
    Every file is listed, whatever its type: one that cannot be read is reported as skipped.
    """
    seeds = seeds_dir.resolve()
    found: dict[str, Path] = {}
    for given in paths:
        path = given.resolve()
        if not path.exists():
            log.warning("%s does not exist; nothing indexed from it", given)
            continue
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if _wanted(p)
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            files = [path]
        for f in files:
            if f.is_relative_to(seeds) and f != seeds:
                name = _name(f, seeds)
            elif path.is_dir():
                name = _name(f, path.parent)
            else:
                name = f.name
            found.setdefault(name, f)
    return sorted(((p, n) for n, p in found.items()), key=lambda item: item[1])
