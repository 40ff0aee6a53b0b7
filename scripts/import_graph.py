"""Print the package-level import graph of src/recoverycli as a Mermaid drawing.

``python scripts/import_graph.py`` prints it; docs/development.md carries the same drawing,
and tests/test_architecture.py fails when the two differ. Every import counts (module
level, in a function, under TYPE_CHECKING). The top-level helper modules are drawn as one
box, "helpers".
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "recoverycli"
ORDER = ["cli", "aftercall", "report", "run", "practice", "screen", "storage", "playbooks",
         "helpers"]


def unit(module: str) -> str:
    parts = module.split(".")
    if len(parts) < 2:
        return ""
    return parts[1] if (ROOT / parts[1]).is_dir() else "helpers"


def graph() -> dict[str, set[str]]:
    names = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        names[".".join(rel.parts).removesuffix(".__init__")] = path
    edges: dict[str, set[str]] = {u: set() for u in ORDER}
    for name, path in names.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    targets = [".".join(base + ([node.module] if node.module else []))]
                else:
                    targets = [node.module or ""]
                targets += [f"{targets[0]}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            src = unit(name)
            for target in targets:
                if target in names and src:
                    dst = unit(target)
                    if dst and dst != src:
                        edges[src].add(dst)
    return edges


def mermaid() -> str:
    edges = graph()
    lines = ["```mermaid", "flowchart TD"]
    for src in ORDER:
        lines += [f"  {src} --> {dst}" for dst in sorted(edges[src], key=ORDER.index)]
    lines.append("```")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(mermaid())
