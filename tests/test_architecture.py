"""The shape of the package (issue 18): packages a newcomer can name, arrows that point down,
and no import circle anywhere, between packages or between the modules of one package.

Every import counts: module level, inside a function, and under ``TYPE_CHECKING`` (a type
is a dependency too). The allowed arrows are the drawing in ``src/recoverycli/__init__.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "src" / "recoverycli"

# The layers, top to bottom. A package may import its own modules, anything in a lower
# layer, and the packages named beside it in SIDEWAYS; never a higher layer.
LAYERS: list[set[str]] = [
    {"cli"},
    {"aftercall", "report"},
    {"run"},
    {"practice"},
    {"screen", "storage"},
    {"playbooks"},
    {"config", "paths", "errors", "text", "when", "names", "table", "render", "i18n"},
]
SIDEWAYS: dict[str, set[str]] = {
    "storage": set(),
    "screen": set(),
    "aftercall": set(),
    "report": set(),
}
BOTTOM_ORDER = ["render", "table", "config", "paths", "when", "names", "errors", "text",
                "i18n"]


def unit_of(module: str) -> str:
    """'recoverycli.run.keys' -> 'run'; 'recoverycli.text' -> 'text'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT.parent).with_suffix("")
        name = ".".join(rel.parts).removesuffix(".__init__")
        found[name] = path
    return found


MODULES = modules()


def imports_of(name: str) -> set[str]:
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                full = f"{target}.{alias.name}"
                out.add(full if full in MODULES else target)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
    return {m for m in out if m in MODULES and m != name and m != "recoverycli"}


GRAPH = {name: imports_of(name) for name in MODULES}


def layer(unit: str) -> int:
    for i, units in enumerate(LAYERS):
        if unit in units:
            return i
    raise AssertionError(f"{unit!r} is in no layer: add it to the drawing")


def test_every_package_and_top_level_module_has_a_place_in_the_drawing() -> None:
    units = {unit_of(m) for m in MODULES if m != "recoverycli"}
    for unit in units:
        layer(unit)


def test_every_package_says_what_it_holds_and_what_it_may_import() -> None:
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name != "recoverycli":
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert len(doc) > 80 and "import" in doc.lower(), name


def test_arrows_point_down() -> None:
    wrong = []
    for name, targets in GRAPH.items():
        src = unit_of(name)
        if not src:
            continue
        for target in targets:
            dst = unit_of(target)
            if not dst or (dst == src and src not in LAYERS[-1]):
                continue
            if src in LAYERS[-1] and dst in LAYERS[-1]:
                # the bottom layer's modules import only those listed after them
                if BOTTOM_ORDER.index(dst) <= BOTTOM_ORDER.index(src):
                    wrong.append(f"{name} -> {target}")
                continue
            if layer(dst) > layer(src) or dst in SIDEWAYS.get(src, set()):
                continue
            wrong.append(f"{name} -> {target}")
    assert not wrong, "imports that point up or sideways:\n" + "\n".join(sorted(wrong))


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_module_circle_anywhere() -> None:
    assert _cycles(GRAPH) == []


def test_no_package_circle() -> None:
    units: dict[str, set[str]] = {}
    for name, targets in GRAPH.items():
        src = unit_of(name)
        units.setdefault(src, set()).update(
            d for d in (unit_of(t) for t in targets) if d and d != src)
    assert _cycles(units) == []


@pytest.mark.parametrize("graph, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
])
def test_the_circle_finder_finds_circles(graph: dict[str, set[str]],
                                         expected: list[list[str]]) -> None:
    assert _cycles(graph) == expected


def test_no_module_holds_two_concepts() -> None:
    """A module past about 500 lines is telling you it holds two concepts."""
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 520}
    assert long == {}


def test_the_drawing_in_the_docs_is_the_graph_as_it_is() -> None:
    import subprocess
    import sys

    script = ROOT.parents[1] / "scripts" / "import_graph.py"
    drawn = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                           check=True).stdout
    assert "flowchart TD" in drawn and "run --> practice" in drawn
    assert drawn in (ROOT.parents[1] / "docs" / "development.md").read_text(encoding="utf-8")
