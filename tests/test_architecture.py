"""The architecture of DESIGN.md, enforced: layers, import rings, module sizes, start-up imports.

Every ``mentordesk/**/*.py`` is read with ``ast`` (never imported). A module's name comes from
its path (``__init__.py`` is its package). Every import statement counts: top-level, inside a
function and under ``if TYPE_CHECKING:``. Relative imports are resolved. ``import a.b.c``
imports the module ``a.b.c``; ``from pkg import name`` imports ``pkg`` (its ``__init__``) and
also ``pkg.name`` when that is a module. Modules named in strings (``ui/pages/registry.py``'s
``PageSpec``, ``importlib.import_module``) are not seen: the start-up test imports for real.

Each check is a function over a scanned package that returns messages naming the file, the
line and the rule broken; the self-checks at the end run the same functions over a small fake
package, so a check that stopped finding anything would fail there.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
import sys
import textwrap
from collections import deque
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = "mentordesk"
MAX_LINES = 400

#: The modules that may sit directly in ``mentordesk/``; everything else lives in a layer.
TOP_LEVEL_MODULES = frozenset({"__init__", "__main__", "app", "logs", "crash_report"})

#: Layer -> the layers of the package it may import (itself and the bare ``mentordesk``
#: package, which only holds ``__version__``, are always allowed). A layer is a subpackage
#: (``mentordesk/ui/``) or a top-level module (``mentordesk/app.py``).
LAYERS: dict[str, frozenset[str]] = {
    PACKAGE: frozenset(),  # mentordesk/__init__.py
    "domain": frozenset(),
    "planner": frozenset({"domain"}),
    "store": frozenset({"domain", "planner"}),
    "appdata": frozenset(),
    "logs": frozenset({"appdata", "crash_report"}),  # APP_NAME; safe_traceback for the log
    "services": frozenset({"domain", "planner", "store", "appdata", "logs"}),
    "reports": frozenset({"services", "domain"}),
    "crash_report": frozenset({"domain", "services", "logs"}),
    "ui": frozenset(
        {"domain", "planner", "services", "reports", "appdata", "logs", "crash_report"}
    ),
    "cli": frozenset(
        {"services", "domain", "planner", "appdata", "logs", "app", "demo", "reports"}
    ),
    "app": frozenset(
        {"domain", "planner", "services", "appdata", "logs", "crash_report", "ui", "demo"}
    ),
    "__main__": frozenset({"cli", "app"}),
    "demo": frozenset({"domain", "planner", "store", "appdata", "services", "logs"}),
    # The UI benchmarks build pages, list panes and the call window; the cache key reads the
    # migration names. Start-up is measured in a subprocess, so bench needs neither app nor demo.
    # The summary benchmark writes PDFs as the window's batch does (reports, below ui).
    "bench": frozenset(
        {"domain", "planner", "store", "appdata", "services", "logs", "ui", "reports"}
    ),
}

#: Third-party families and the layers that may import them. Qt includes the asyncio bridge.
QT = ("PySide6", "shiboken6", "qasync")
SQLITE = ("sqlite3", "sqlite_utils", "sqlcipher3")
THIRD_PARTY: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...] = (
    ("Qt", QT, frozenset({"ui", "app", "bench", "reports"})),
    # bench: the start-up baseline imports sqlite_utils, the report prints SQLite's version.
    ("SQLite", SQLITE, frozenset({"store", "bench"})),
)
#: Reports draw with QtGui (QPdfWriter, QPainter, QTextDocument): no widgets, no event loop.
REPORTS_FORBIDDEN = ("PySide6.QtWidgets", "qasync")

#: Not one of these may be loaded before the first paint (DEVELOPERS.md, "Start-up").
SLOW_AT_STARTUP = ("sqlite_utils", "keyring", "icalendar", "qasync")

#: Attributes that mean "reaching for the database": none in ui/, no `.conn` outside the store.
CONNECTION_ATTRIBUTES = frozenset({"db", "conn"})


# --- reading the package --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Import:
    """One name in one import statement."""

    importer: str  # the module that imports, e.g. "mentordesk.ui.main_window"
    line: int
    target: str  # what the statement names, absolute: "mentordesk.store.errors.StoreError"
    modules: tuple[str, ...]  # modules of the package it runs (empty for third-party)


@dataclass(frozen=True, slots=True)
class Package:
    root: Path  # the folder holding the package folder (the repository)
    name: str
    files: dict[str, Path]  # module name -> file
    imports: tuple[Import, ...]
    reaches: dict[str, list[tuple[int, str]]]  # module -> (line, attribute) of `.db`/`.conn`

    def rel(self, module: str) -> str:
        return self.files[module].relative_to(self.root).as_posix()

    def where(self, imp: Import) -> str:
        return f"{self.rel(imp.importer)}:{imp.line}"

    def layer(self, module: str) -> str:
        parts = module.split(".")
        return parts[1] if len(parts) > 1 else parts[0]


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(files: dict[str, Path], dotted: str) -> str | None:
    """The module a dotted name runs: the longest prefix that is a module of the package."""
    while dotted and dotted not in files:
        dotted = dotted.rpartition(".")[0]
    return dotted or None


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str | None:
    if not node.level:
        return node.module
    base = module.split(".") if is_package else module.split(".")[:-1]
    if node.level - 1 > len(base) - 1:
        return None  # beyond the top of the package: Python refuses it too
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _ours(pkg_name: str, dotted: str) -> bool:
    return dotted == pkg_name or dotted.startswith(pkg_name + ".")


def _read(pkg_name: str, files: dict[str, Path], module: str):
    """One walk over a module: its imports, and its `.db` / `.conn` attribute accesses."""
    path = files[module]
    is_package = path.name == "__init__.py"
    imports: list[Import] = []
    reaches: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Attribute):
            if node.attr in CONNECTION_ATTRIBUTES:
                reaches.append((node.lineno, node.attr))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found = _resolve(files, alias.name) if _ours(pkg_name, alias.name) else None
                imports.append(Import(module, node.lineno, alias.name, (found,) if found else ()))
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node)
            if base is None:
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                modules: list[str] = []
                if _ours(pkg_name, base):
                    found = _resolve(files, base)
                    modules = [found] if found else []
                    if target in files:
                        modules.append(target)
                imports.append(Import(module, node.lineno, target, tuple(modules)))
    return sorted(imports, key=lambda i: i.line), sorted(reaches)


def scan(root: Path, name: str = PACKAGE) -> Package:
    files = {_module_name(root, p): p for p in sorted((root / name).rglob("*.py"))}
    imports: list[Import] = []
    reaches: dict[str, list[tuple[int, str]]] = {}
    for module in files:
        imports_here, reaches[module] = _read(name, files, module)
        imports += imports_here
    return Package(root, name, files, tuple(imports), reaches)


@functools.cache
def _mentordesk() -> Package:
    return scan(REPO)


# --- the checks -----------------------------------------------------------------------------


def import_graph(pkg: Package) -> dict[str, dict[str, Import]]:
    """Module -> {imported module: the first statement importing it}."""
    graph: dict[str, dict[str, Import]] = {m: {} for m in pkg.files}
    for imp in pkg.imports:
        for target in imp.modules:
            if target != imp.importer:
                graph[imp.importer].setdefault(target, imp)
    return graph


def _strongly_connected(graph: dict[str, dict[str, Import]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; only components of two or more modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def _shortest_cycle(graph: dict[str, dict[str, Import]], start: str, within: set[str]):
    """The shortest path start -> ... -> start inside one component (breadth first)."""
    came_from: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph[node]):
            if nxt not in within:
                continue
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    raise AssertionError(f"{start} is in a component but on no cycle")


def import_rings(pkg: Package) -> list[str]:
    """Each ring as chains of imports (with file:line) that together pass every member."""
    graph = import_graph(pkg)
    messages = []
    for component in _strongly_connected(graph):
        members = set(component)
        uncovered = list(component)
        chains = []
        while uncovered:
            cycle = _shortest_cycle(graph, uncovered[0], members)
            uncovered = [m for m in uncovered if m not in cycle]
            steps = [f"{pkg.where(graph[a][b])} imports {b}" for a, b in pairwise(cycle)]
            chains.append(" -> ".join(cycle) + "\n      " + "\n      ".join(steps))
        messages.append(
            f"import ring of {len(component)} modules (no import circles, DESIGN.md):\n    "
            + "\n    ".join(chains)
        )
    return messages


def long_modules(pkg: Package) -> list[str]:
    messages = []
    for module, path in sorted(pkg.files.items()):
        lines = path.read_bytes().count(b"\n")  # what `wc -l` counts
        if lines > MAX_LINES:
            messages.append(
                f"{pkg.rel(module)}: {lines} lines, over the {MAX_LINES}-line limit "
                "(a module this long holds two jobs: split it along them)"
            )
    return messages


def stray_top_level_modules(pkg: Package) -> list[str]:
    return [
        f"{pkg.rel(module)}: a module directly in {pkg.name}/ (only "
        f"{', '.join(sorted(TOP_LEVEL_MODULES))} belong there; move it into its layer)"
        for module, path in sorted(pkg.files.items())
        if path.parent == pkg.root / pkg.name and path.stem not in TOP_LEVEL_MODULES
    ]


def layer_violations(pkg: Package) -> list[str]:
    """Imports of the package's own modules that its layer does not allow."""
    messages = []
    unknown = sorted({pkg.layer(m) for m in pkg.files} - LAYERS.keys())
    for layer in unknown:
        place = f"{layer}/" if (pkg.root / pkg.name / layer).is_dir() else f"{layer}.py"
        messages.append(f"{pkg.name}/{place}: no layer rule for it (add it to LAYERS)")
    for imp in pkg.imports:
        layer = pkg.layer(imp.importer)
        if layer not in LAYERS:
            continue
        allowed = LAYERS[layer] | {layer, pkg.name}
        refused = [t for t in imp.modules if pkg.layer(t) not in allowed]
        if refused:
            target = refused[-1]  # `from mentordesk.store import errors`: the errors module
            may = ", ".join(sorted(LAYERS[layer])) or f"nothing of {pkg.name}"
            messages.append(
                f"{pkg.where(imp)}: {layer} may not import {target} "
                f"(layer {pkg.layer(target)}); {layer} may import: {may}"
            )
    return sorted(set(messages))


def _names(target: str, prefixes: tuple[str, ...]) -> bool:
    return any(target == p or target.startswith(p + ".") for p in prefixes)


def third_party_violations(pkg: Package) -> list[str]:
    """Qt only in ui/, app.py, bench/ and reports/ (no widgets there); SQLite only in store/."""
    messages = set()
    for imp in pkg.imports:
        if imp.modules:
            continue
        layer = pkg.layer(imp.importer)
        for family, prefixes, layers in THIRD_PARTY:
            if _names(imp.target, prefixes) and layer not in layers:
                messages.add(
                    f"{pkg.where(imp)}: {layer} may not import {family} "
                    f"({imp.target.split('.')[0]}); {family} belongs in "
                    f"{', '.join(sorted(layers))} only"
                )
        for forbidden in REPORTS_FORBIDDEN if layer == "reports" else ():
            if _names(imp.target, (forbidden,)):
                messages.add(
                    f"{pkg.where(imp)}: reports may not import {forbidden} "
                    "(reports draw with QtGui: no widgets, no event loop)"
                )
    return sorted(messages)


def workspace_imports_in_services(pkg: Package) -> list[str]:
    """A service gets what it needs in its constructor: it never imports the Workspace."""
    services, workspace = f"{pkg.name}.services", f"{pkg.name}.services.workspace"
    # The names services/__init__ hands out from workspace (lazily): importing one loads it.
    front = {"Workspace"}
    for imp in pkg.imports:
        if imp.importer == services and workspace in imp.modules:
            front.add(imp.target.rpartition(".")[2])
    messages = []
    for imp in pkg.imports:
        if pkg.layer(imp.importer) != "services" or imp.importer in (services, workspace):
            continue
        named = imp.target.rpartition(".")
        if workspace in imp.modules:
            what = imp.target
        elif named[0] == services and named[2] in front:
            what = f"{imp.target}, which loads services/workspace.py"
        else:
            continue
        messages.append(
            f"{pkg.where(imp)}: a service imports the Workspace ({what}); "
            "pass it the repositories and services it needs in its constructor"
        )
    return messages


def connection_access(pkg: Package) -> list[str]:
    """No `.db` or `.conn` in ui/; nothing outside the store reaches for `.conn`."""
    messages = []
    for module, reaches in sorted(pkg.reaches.items()):
        layer = pkg.layer(module)
        for line, attr in reaches:
            if layer == "ui":
                rule = "the UI talks to services, never to the database"
            elif attr == "conn" and layer != "store":
                rule = "only the store touches a connection"
            else:
                continue
            messages.append(f"{pkg.rel(module)}:{line}: .{attr} ({rule})")
    return messages


# --- the tests ------------------------------------------------------------------------------


def _fail_if(messages: list[str], rule: str) -> None:
    if messages:
        pytest.fail(f"{rule}: {len(messages)} found\n" + "\n".join(messages), pytrace=False)


def test_no_import_rings() -> None:
    _fail_if(import_rings(_mentordesk()), "Import rings")


def test_no_module_over_400_lines() -> None:
    _fail_if(long_modules(_mentordesk()), f"Modules over {MAX_LINES} lines")


def test_only_the_known_modules_sit_at_the_top() -> None:
    _fail_if(stray_top_level_modules(_mentordesk()), "Modules outside a layer")


def test_layers_import_only_what_they_may() -> None:
    _fail_if(layer_violations(_mentordesk()), "Imports across layers")


def test_qt_and_sqlite_stay_in_their_layers() -> None:
    _fail_if(third_party_violations(_mentordesk()), "Qt or SQLite outside their layers")


def test_no_service_imports_the_workspace() -> None:
    _fail_if(workspace_imports_in_services(_mentordesk()), "Services importing the Workspace")


def test_only_the_store_touches_a_connection() -> None:
    _fail_if(connection_access(_mentordesk()), "Database access outside the store")


_STARTUP_PROBE = """
import json, sys, traceback
watched, via = set(json.loads(sys.argv[1])), {}
here = sys.argv[2]

class Watch:
    # Records who asked first for a watched module: the frames of the package on the stack.
    def find_spec(self, name, path=None, target=None):
        if name in watched and name not in via:
            via[name] = [
                f"{f.filename[len(here) + 1:]}:{f.lineno}"
                for f in traceback.extract_stack()
                if f.filename.startswith(here + "/mentordesk/")
            ]
        return None

sys.meta_path.insert(0, Watch())
import mentordesk.__main__, mentordesk.app, mentordesk.ui.main_window
from mentordesk.ui.pages.registry import PAGES, load_page
first = load_page(PAGES[0]).__module__
loaded = {n: via.get(n, []) for n in watched & set(sys.modules)}
print(json.dumps({"first": first, "loaded": loaded}))
"""


def test_startup_imports_nothing_slow() -> None:
    """Nothing before the first paint imports sqlite-utils, keyring, icalendar or qasync."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _STARTUP_PROBE, json.dumps(SLOW_AT_STARTUP), str(REPO)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    messages = [
        f"{name} is loaded at start-up (mentordesk.__main__, app, ui.main_window and the "
        f"first page {answer['first']}), imported via: {' -> '.join(chain) or 'unknown'}"
        for name, chain in sorted(answer["loaded"].items())
    ]
    _fail_if(messages, "Slow imports before the first paint")


# --- self-checks: the same functions over a small package that breaks every rule -------------


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Package:
    _write(
        tmp_path,
        {
            "mentordesk/__init__.py": "",
            "mentordesk/helpers.py": "",  # not a known top-level module
            "mentordesk/domain/__init__.py": "",
            # a ring through an in-function relative import and a TYPE_CHECKING import
            "mentordesk/domain/a.py": "from mentordesk.domain import b\n",
            "mentordesk/domain/b.py": """
                from typing import TYPE_CHECKING

                if TYPE_CHECKING:
                    from .c import C
                """,
            "mentordesk/domain/c.py": """
                def c():
                    from . import a
                    from PySide6.QtCore import QObject
                """,
            "mentordesk/domain/d.py": "from ..planner import ok\n",  # uphill
            # downhill and relative: allowed
            "mentordesk/planner/__init__.py": "",
            "mentordesk/planner/ok.py": "from ..domain.a import x\nimport datetime\n",
            "mentordesk/store/__init__.py": "",
            "mentordesk/store/errors.py": "x = 1\n" * (MAX_LINES + 1),
            "mentordesk/store/fine.py": "import sqlite3\n" + "x = 1\n" * (MAX_LINES - 1),
            # a ring through `from pkg import name`, which runs services/__init__.py
            "mentordesk/services/__init__.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from mentordesk.services.workspace import Listing, Workspace
                def __getattr__(name):
                    from mentordesk.services import workspace
                    return getattr(workspace, name)
                """,
            "mentordesk/services/workspace.py": "from mentordesk.services.backups import B\n",
            "mentordesk/services/backups.py": "from mentordesk.services import errors\n",
            "mentordesk/services/errors.py": "from mentordesk.store.errors import E\n",
            "mentordesk/services/mentor.py": """
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    from mentordesk.services import Listing
                """,
            "mentordesk/services/notes.py": "import mentordesk.services.workspace as w\n",
            "mentordesk/ui/__init__.py": "",
            "mentordesk/ui/page.py": """
                import sqlite3
                from PySide6.QtWidgets import QWidget
                from mentordesk.services import Workspace
                from mentordesk.store.errors import E

                def rows(page):
                    return page.workspace.db.conn.execute("select 1")
                """,
            "mentordesk/reports/__init__.py": "",
            "mentordesk/reports/pdf.py": """
                from PySide6 import QtWidgets
                from PySide6.QtGui import QPdfWriter
                from mentordesk.services.errors import E
                """,
            "mentordesk/cli/__init__.py": "x = args.conn\n",
            "mentordesk/gadgets/__init__.py": "",
        },
    )
    return scan(tmp_path)


def _assert_reported(messages: list[str], expected: list[str]) -> None:
    for fragment in expected:
        assert any(fragment in m for m in messages), f"{fragment!r} not in {messages}"


def test_self_check_rings(broken: Package) -> None:
    rings = import_rings(broken)
    assert len(rings) == 2, rings
    _assert_reported(
        rings,
        [
            "mentordesk.domain.a -> mentordesk.domain.b -> mentordesk.domain.c -> "
            "mentordesk.domain.a",
            "mentordesk/domain/a.py:1 imports mentordesk.domain.b",
            "mentordesk/domain/b.py:4 imports mentordesk.domain.c",
            "mentordesk/domain/c.py:2 imports mentordesk.domain.a",
            "import ring of 3 modules",
            "mentordesk/services/backups.py:1 imports mentordesk.services",
            "mentordesk/services/__init__.py:3 imports mentordesk.services.workspace",
            "mentordesk/services/workspace.py:1 imports mentordesk.services.backups",
        ],
    )


def test_self_check_sizes_and_places(broken: Package) -> None:
    long = long_modules(broken)
    assert len(long) == 1
    _assert_reported(long, [f"mentordesk/store/errors.py: {MAX_LINES + 1} lines"])
    assert stray_top_level_modules(broken) == [
        "mentordesk/helpers.py: a module directly in mentordesk/ (only __init__, __main__, "
        "app, crash_report, logs belong there; move it into its layer)"
    ]


def test_self_check_layers(broken: Package) -> None:
    layers = layer_violations(broken)
    _assert_reported(
        layers,
        [
            "mentordesk/gadgets/: no layer rule",
            "mentordesk/helpers.py: no layer rule",
            "mentordesk/ui/page.py:4: ui may not import mentordesk.store.errors (layer store)",
            "mentordesk/domain/d.py:1: domain may not import mentordesk.planner.ok (layer planner)",
        ],
    )
    assert len(layers) == 4, layers  # services -> store, planner -> domain: allowed
    third = third_party_violations(broken)
    _assert_reported(
        third,
        [
            "mentordesk/ui/page.py:1: ui may not import SQLite (sqlite3)",
            "mentordesk/domain/c.py:3: domain may not import Qt (PySide6)",
            "mentordesk/reports/pdf.py:1: reports may not import PySide6.QtWidgets",
        ],
    )
    assert len(third) == 3, third  # QtWidgets in ui, QtGui in reports, sqlite3 in store: fine


def test_self_check_workspace_and_connections(broken: Package) -> None:
    workspace = workspace_imports_in_services(broken)
    _assert_reported(
        workspace,
        [
            "mentordesk/services/mentor.py:3: a service imports the Workspace "
            "(mentordesk.services.Listing, which loads services/workspace.py)",
            "mentordesk/services/notes.py:1: a service imports the Workspace",
        ],
    )
    assert len(workspace) == 2, workspace  # backups imports services.errors: no Workspace
    access = connection_access(broken)
    assert access == [
        "mentordesk/cli/__init__.py:1: .conn (only the store touches a connection)",
        "mentordesk/ui/page.py:7: .conn (the UI talks to services, never to the database)",
        "mentordesk/ui/page.py:7: .db (the UI talks to services, never to the database)",
    ]
