"""An import-linter contract of our own: an app reaches another app only through its public face.

No module of one app imports another app's `views` or `forms` (pages are wired by the URL root only), a module
of another app whose name starts with `_`, or a name starting with `_` from another app. The wiring modules
(`allowed_importers`) and the tests are exempt.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from importlinter import Contract, ContractCheck, fields, output

PAGE_MODULES = {"views", "forms"}


def _app(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _source(module: str) -> tuple[Path, bool] | None:
    """The module's file, found without importing it (importing would need Django's settings)."""
    head, *rest = module.split(".")
    spec = importlib.util.find_spec(head)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest)
    if (base / "__init__.py").exists():
        return base / "__init__.py", True
    if base.with_suffix(".py").exists():
        return base.with_suffix(".py"), False
    return None


def _imports(module: str):
    """(line, target module, imported names) for every `import`/`from ... import` in the module's source."""
    found = _source(module)
    if found is None:
        return
    path, is_package = found
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, []
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            yield node.lineno, target, names
            # `from dondoc.tasks import views` imports a module by name.
            for name in names:
                yield node.lineno, f"{target}.{name}", []


class AppPrivacyContract(Contract):
    type_name = "app_privacy"

    root = fields.StringField()
    allowed_importers = fields.SetField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        root = self.root
        allowed = set(self.allowed_importers or ())
        problems = []
        for module in sorted(graph.modules):
            if not module.startswith(root + ".") or ".tests" in module or module in allowed:
                continue
            here = _app(module)
            for line, target, names in _imports(module):
                if not target.startswith(root + ".") or _app(target) == here:
                    continue
                parts = target.split(".")[2:]
                if any(p in PAGE_MODULES for p in parts) or any(_private(p) for p in parts):
                    problems.append(f"{module}:{line} imports {target}")
                for name in names:
                    if _private(name):
                        problems.append(f"{module}:{line} imports {target}.{name}")
        return ContractCheck(kept=not problems, metadata={"problems": sorted(set(problems))})

    def render_broken_contract(self, check: ContractCheck) -> None:
        output.print_error("An app used another app's pages, forms or private names:", bold=False)
        output.new_line()
        for problem in check.metadata["problems"]:
            output.print_error(f"- {problem}", bold=False)
        output.new_line()
