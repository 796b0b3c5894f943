"""The README's layout section names every module of the package, so it cannot drift."""

from __future__ import annotations

from pathlib import Path

import dipevents

ROOT = Path(__file__).resolve().parents[1]


def test_the_layout_section_names_every_module_and_layer() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Project layout", 1)[1].split("\n## ", 1)[0]
    package = Path(dipevents.__file__).parent
    for layer in sorted(p for p in package.iterdir() if (p / "__init__.py").is_file()):
        assert f"`{layer.name}/`" in section, layer.name
        for module in sorted(layer.glob("*.py")):
            if module.stem != "__init__":
                assert f"`{module.stem}`" in section, f"{layer.name}/{module.name}"
