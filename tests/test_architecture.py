"""The layering of the package, checked from the source (docs/storage.md, "Layers").

``knowledge/`` computes over rows it is given and never imports the store; the read side
(:mod:`cooptrack.views`) reads the store and hands rows to it. Every module of ``knowledge``,
``views``, ``serve`` and ``store`` imports on its own in a fresh interpreter (an import cycle
fails there, whatever was imported first), and the modules of ``serve`` import each other
without a cycle. The read side never imports the web (``serve``), and the CLI imports it only
where it runs the web, each such import listed with its reason (issue 12, item 7).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "cooptrack"


def _modules(package: str) -> dict[str, Path]:
    """Every module of a subpackage of cooptrack, by dotted name (``__init__`` as the package)."""
    found: dict[str, Path] = {}
    for path in sorted((PACKAGE / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(module: str, path: Path) -> set[str]:
    """The modules a file imports, anywhere in it (functions and TYPE_CHECKING blocks included),
    as dotted names; ``from a import b`` counts as ``a`` and ``a.b``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _store_imports(module: str, path: Path) -> set[str]:
    return {n for n in _imports(module, path) if n == "cooptrack.store" or n.startswith("cooptrack.store.")}


def test_the_import_reader_sees_every_form() -> None:
    """The checker itself: a module importing the store in each way is caught (so a pass means something)."""
    sample = PACKAGE / "knowledge" / "_sample_for_test.py"
    text = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from cooptrack.store.models import Meeting\n"
        "def f():\n    import cooptrack.store\n"
        "from ..store import Store\n"
    )
    try:
        sample.write_text(text, encoding="utf-8")
        found = _store_imports("cooptrack.knowledge._sample_for_test", sample)
    finally:
        sample.unlink()
    assert {"cooptrack.store.models", "cooptrack.store", "cooptrack.store.Store"} <= found


def test_knowledge_never_imports_the_store() -> None:
    modules = _modules("knowledge")
    assert "cooptrack.knowledge.changes" in modules and "cooptrack.knowledge.series" in modules
    offenders = {name: sorted(found) for name, path in modules.items() if (found := _store_imports(name, path))}
    assert offenders == {}


@pytest.mark.parametrize("package", ["knowledge", "views", "serve", "store"])
def test_each_module_imports_on_its_own(package: str) -> None:
    """One fresh interpreter per package; each module imported first in its own subprocess would
    cost ~40 interpreter starts, so the child starts a clean import per module by dropping every
    cooptrack module from ``sys.modules`` between them (a cycle then shows whichever comes first)."""
    names = sorted(_modules(package))
    assert len(names) >= 2
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'cooptrack' or m.startswith('cooptrack.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph if it has one (depth-first, colouring the nodes)."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_cycle_finder() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_serve_has_no_import_cycle() -> None:
    modules = _modules("serve")
    graph = {name: {n for n in _imports(name, path) if n in modules and n != name} for name, path in modules.items()}
    assert any(graph.values())  # the modules do import each other: the graph is not trivially empty
    assert _cycle(graph) is None


# The CLI's imports of the web, by CLI module and web module, each with its reason. Any other
# import of cooptrack.serve from the CLI fails the test below, and so does a listed one that is
# no longer made (the list stays true). Reading goes through cooptrack.views, as the web does.
CLI_USES_OF_SERVE = {
    "cooptrack.cli.web": {
        "cooptrack.serve.app": "cooptrack serve builds the web application and its settings",
        "cooptrack.serve.workers": "cooptrack serve --workers runs the app's worker processes",
        "cooptrack.serve.auth": "cooptrack user/token hash passwords and make tokens as the web checks them",
    },
    "cooptrack.cli.base": {
        "cooptrack.serve.overview": "ingest, reparse, fetch and crawl keep the web's overview of what they changed",
    },
    "cooptrack.cli.knowledge": {
        "cooptrack.serve.i18n": "cooptrack brief --lang translates with the web's catalogue (serve/locale)",
    },
}


def _serve_imports(module: str, path: Path) -> set[str]:
    """The modules of cooptrack.serve a file imports (``from cooptrack.serve import x`` names
    ``cooptrack.serve.x``, not the package as well; ``from cooptrack.serve.app import f`` names
    ``cooptrack.serve.app``)."""
    serve = set(_modules("serve"))
    found = {n for n in _imports(module, path) if n in serve}
    if found - {"cooptrack.serve"}:
        found.discard("cooptrack.serve")
    return found


def test_the_serve_import_reader_names_modules() -> None:
    """The checker itself, on a sample module in each import form (so a pass means something)."""
    sample = PACKAGE / "views" / "_sample_for_test.py"
    text = (
        "from cooptrack.serve import i18n, workers\n"
        "def f():\n    from cooptrack.serve.app import create_app\n"
        "from ..serve.auth import make_token\n"
    )
    try:
        sample.write_text(text, encoding="utf-8")
        found = _serve_imports("cooptrack.views._sample_for_test", sample)
    finally:
        sample.unlink()
    assert found == {"cooptrack.serve.i18n", "cooptrack.serve.workers", "cooptrack.serve.app", "cooptrack.serve.auth"}


def test_the_read_side_never_imports_the_web() -> None:
    """cooptrack.views (the typed views and the service layer that builds them) reads without the web."""
    modules = _modules("views")
    assert "cooptrack.views.service" in modules and "cooptrack.views.sources" in modules
    offenders = {name: sorted(found) for name, path in modules.items() if (found := _serve_imports(name, path))}
    assert offenders == {}


def test_the_cli_imports_the_web_only_to_run_it() -> None:
    """The CLI reads through cooptrack.views; it imports cooptrack.serve only as CLI_USES_OF_SERVE says."""
    modules = _modules("cli")
    assert "cooptrack.cli.core" in modules and "cooptrack.cli.web" in modules
    found = {name: imported for name, path in modules.items() if (imported := _serve_imports(name, path))}
    allowed = {name: set(uses) for name, uses in CLI_USES_OF_SERVE.items()}
    assert found == allowed
