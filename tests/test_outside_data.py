"""A fresh clone anywhere runs its own tests: nothing in the project reads data from outside
the repository (the development machine's shared corpus, or a path above the clone)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.test_architecture import REPO, _assert_reported, _fail_if, _write

# --- data from outside the repository --------------------------------------------------------

#: The folders whose Python files must run from any clone: the package, its tests, packaging.
SELF_CONTAINED = ("mentordesk", "tests", "packaging")
#: The development machine's shared corpus, spelt in parts so that this file does not name it.
OUTSIDE_MARKERS = ("/".join(("..", "shared")), "/".join(("shared", "data")))
#: An absolute path with this folder in it points at the machine's shared corpus.
SHARED_SEGMENT = "/".join(("", "shared", ""))


def _climb(node: ast.AST) -> int | None:
    """How many folders ``Path(__file__)...`` climbs in ``node`` (``None``: not such a path)."""
    steps = 0
    while True:
        if isinstance(node, ast.Attribute) and node.attr == "parent":
            steps, node = steps + 1, node.value
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "parents"
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.slice.value, int)
        ):
            steps, node = steps + node.slice.value + 1, node.value.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            node = node.func.value  # .resolve(), .absolute()
        elif isinstance(node, ast.Call) and node.args:
            is_file = isinstance(node.args[0], ast.Name) and node.args[0].id == "__file__"
            return steps if is_file else None
        else:
            return None


def outside_data(root: Path) -> list[str]:
    """Files that reach past the repository for data: the sibling ``shared`` folder of the
    development machine (relative, or any absolute path through a ``shared`` folder), or a
    ``Path(__file__)`` that climbs above the repository. Example paths handed to a function as
    test data (``/home/ana/Dropbox``, ``/tmp/m.db``) are not reads and stay allowed; where the
    clone itself sits never matters (CI clones anywhere, ``/tmp`` included)."""
    messages = []
    for folder in SELF_CONTAINED:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            depth = len(path.relative_to(root).parts) - 1  # folders between root and file
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and (
                    any(marker in text for marker in OUTSIDE_MARKERS)
                    or (text.startswith("/") and SHARED_SEGMENT in text)
                ):
                    messages.append(f"{rel}:{node.lineno}: {text!r} is outside the repository")
                climbed = _climb(node) if isinstance(node, ast.Attribute | ast.Subscript) else None
                if climbed is not None and climbed > depth + 1:
                    messages.append(
                        f"{rel}:{node.lineno}: Path(__file__) climbs {climbed} folders, "
                        "above the repository"
                    )
    return sorted(set(messages))


def test_nothing_reads_data_from_outside_the_repository() -> None:
    """A fresh clone anywhere runs its tests: test data lives in tests/fixtures/."""
    _fail_if(outside_data(REPO), "Data read from outside the repository")


def test_self_check_outside_data(tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    sibling = "/".join(["..", "shared", "data", "ics"])  # spelt in parts: not a literal here
    corpus = "/".join([tmp_path.as_posix(), "shared", "ics"])  # an absolute path, likewise
    _write(
        repo,
        {
            "tests/planner/test_a.py": f"""
                from pathlib import Path
                ICS = Path(__file__).resolve().parents[3] / "shared" / "data"
                FALLBACK = Path("{corpus}")
                OWN = Path(__file__).resolve().parents[1] / "fixtures" / "ics"
                """,
            "mentordesk/ui/res.py": f"""
                from pathlib import Path
                UP = Path(__file__).parent.parent.parent.parent
                OK = Path(__file__).parent.parent / "resources"
                RELATIVE = "{sibling}"
                EXAMPLE = Path("/home/ana/Dropbox")
                """,
        },
    )
    found = outside_data(repo)
    _assert_reported(
        found,
        [
            "tests/planner/test_a.py:2: Path(__file__) climbs 4 folders",
            "tests/planner/test_a.py:3: '" + corpus + "'",
            "mentordesk/ui/res.py:2: Path(__file__) climbs 4 folders",
            "mentordesk/ui/res.py:4: '" + sibling + "' is outside the repository",
        ],
    )
    assert len(found) == 4, found
