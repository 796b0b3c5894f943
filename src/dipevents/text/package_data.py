"""Reading the text files shipped inside the package: lexicons, tables, page assets."""

from __future__ import annotations

from importlib import resources


def package_text(package: str, *parts: str) -> str:
    """The UTF-8 text of the file at `parts` below `package`'s folder."""
    file = resources.files(package)
    for part in parts:
        file = file / part
    return file.read_text(encoding="utf-8")


def package_files(package: str, *parts: str) -> frozenset[str]:
    """The names of the files in the folder at `parts` below `package`'s folder (none if it
    does not exist)."""
    folder = resources.files(package)
    for part in parts:
        folder = folder / part
    if not folder.is_dir():
        return frozenset()
    return frozenset(entry.name for entry in folder.iterdir() if entry.is_file())


def data_lines(package: str, *parts: str) -> tuple[str, ...]:
    """The lines of a data file (see `package_text`), without blank lines and `#` comments."""
    text = package_text(package, *parts)
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))
