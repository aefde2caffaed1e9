"""Wrap the Vietnamese string literals of Python files in gettext (docs/i18n.md).

    python tools/i18n_wrap_python.py dondoc/some_app/views.py ... [--dry]

A mechanical first pass, used to mark dondoc's messages: literals in functions become _("...") (gettext), those at
module or class level gettext_lazy("..."); f-strings become _("... %(name)s ...") % {...}; docstrings, comparisons,
dictionary keys, regular expressions and log lines are left alone. Review the diff: text that is data (stored notes,
import column names, phrases parsed back) must stay unmarked; a function that assigns `_` needs renaming. Then
`make format` and `make messages`."""

import ast
import re
import sys

VN = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]", re.I)
TRANS = {
    "_",
    "gettext",
    "gettext_lazy",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "gettext_noop",
}
SKIPCALL = {
    "compile",
    "match",
    "search",
    "sub",
    "fullmatch",
    "findall",
    "split",
    "finditer",
    "debug",
    "info",
    "warning",
    "exception",
    "critical",
    "startswith",
    "endswith",
    "replace",
    "fold",
    "clean",
    "get",
    "filter",
    "exclude",
    "getLogger",
    "Q",
}


def fname(call):
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def byte_to_col(line: str, b: int) -> int:
    return len(line.encode()[:b].decode())


class V(ast.NodeVisitor):
    def __init__(self):
        self.stack = []  # 'func' / 'class' / 'mod'
        self.parents = []
        self.hits = []  # (node, kind, lazy)
        self.warn = []
        self.docstrings = set()

    def generic_visit(self, node):
        self.parents.append(node)
        super().generic_visit(node)
        self.parents.pop()

    def _scope(self, node, kind):
        body = getattr(node, "body", [])
        if (
            body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            self.docstrings.add(id(body[0].value))
        self.stack.append(kind)
        self.generic_visit(node)
        self.stack.pop()

    def visit_Module(self, node):
        self._scope(node, "mod")

    def visit_ClassDef(self, node):
        self._scope(node, "class")

    def visit_FunctionDef(self, node):
        for a in node.args.args + node.args.kwonlyargs:
            if a.arg == "_":
                self.warn.append(f"{node.lineno}: arg _")
        self._scope(node, "func")

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self.stack.append("func")
        self.generic_visit(node)
        self.stack.pop()

    def visit_Name(self, node):
        if node.id == "_" and isinstance(node.ctx, ast.Store):
            self.warn.append(f"{node.lineno}: _ assigned")

    def skip(self, node):
        if id(node) in self.docstrings:
            return True
        p = self.parents[-1] if self.parents else None
        if isinstance(p, ast.Expr):
            return True
        if any(isinstance(q, ast.JoinedStr) for q in self.parents):
            return True
        if isinstance(p, ast.Compare):
            return True
        if isinstance(p, ast.Subscript):
            return True
        if isinstance(p, ast.Dict) and any(k is node for k in p.keys):
            return True
        if isinstance(p, (ast.Set,)):
            return True
        for q in reversed(self.parents):
            if isinstance(q, ast.Call):
                n = fname(q)
                if n in TRANS or n in SKIPCALL:
                    return True
                break
            if isinstance(q, (ast.Compare, ast.Subscript)):
                return True
        return False

    def visit_Constant(self, node):
        if isinstance(node.value, str) and VN.search(node.value) and not self.skip(node):
            self.hits.append((node, "const", self.stack[-1] != "func"))

    def visit_JoinedStr(self, node):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        if VN.search(text):
            p = self.parents[-1] if self.parents else None
            ok = not isinstance(p, ast.Expr)
            for q in reversed(self.parents):
                if isinstance(q, ast.Call):
                    if fname(q) in TRANS or fname(q) in SKIPCALL:
                        ok = False
                    break
            if ok:
                self.hits.append((node, "fstr", self.stack[-1] != "func"))
        self.generic_visit(node)


def ident(expr, src):
    if isinstance(expr, ast.Name):
        return expr.id
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Call):
        n = fname(expr)
        if len(expr.args) >= 1 and n not in ("join",):
            r = ident(expr.args[0], src)
            if r:
                return r
        if isinstance(expr.func, ast.Attribute) and not expr.args:
            r = ident(expr.func.value, src)
            if r:
                return r
        if n == "join" and expr.args:
            return ident(expr.args[0], src) or "items"
        return n or None
    if isinstance(expr, ast.Subscript):
        if isinstance(expr.slice, ast.Constant) and isinstance(expr.slice.value, str):
            return expr.slice.value
        return ident(expr.value, src)
    return None


def fstr_repl(node, src):
    parts, args, used = [], [], {}
    for v in node.values:
        if isinstance(v, ast.Constant):
            parts.append(v.value.replace("%", "%%"))
        else:
            if v.conversion != -1 or v.format_spec is not None:
                return None
            expr_src = ast.get_source_segment(src, v.value)
            name = ident(v.value, src) or "v"
            name = re.sub(r"\W", "_", name)
            base = name
            i = 2
            while name in used and used[name] != expr_src:
                name = f"{base}{i}"
                i += 1
            used[name] = expr_src
            if (name, expr_src) not in args:
                args.append((name, expr_src))
            parts.append(f"%({name})s")
    msg = "".join(parts)
    return msg, args


def pystr(s):
    r = repr(s)
    if r.startswith("'") and '"' not in s:
        r = '"' + r[1:-1].replace("\\'", "'") + '"'
    return r


def process(path, dry=False):
    src = open(path, encoding="utf-8").read()
    tree = ast.parse(src)
    v = V()
    v.visit(tree)
    if not v.hits:
        return
    lines = src.splitlines(keepends=True)
    offs = [0]
    for ln in lines:
        offs.append(offs[-1] + len(ln))

    def pos(lineno, bcol):
        return offs[lineno - 1] + byte_to_col(lines[lineno - 1], bcol)

    edits = []
    need_eager = need_lazy = False
    for node, kind, lazy in v.hits:
        a = pos(node.lineno, node.col_offset)
        b = pos(node.end_lineno, node.end_col_offset)
        fn = "gettext_lazy" if lazy else "_"
        if kind == "const":
            new = f"{fn}({src[a:b]})"
        else:
            r = fstr_repl(node, src)
            if r is None:
                print(f"MANUAL {path}:{node.lineno}: {src[a:b][:90]}")
                continue
            msg, args = r
            if lazy:
                print(f"MANUAL-LAZY {path}:{node.lineno}")
                continue
            if args:
                d = ", ".join(f'"{n}": {e}' for n, e in args)
                new = f"{fn}({pystr(msg)}) % {{{d}}}"
            else:
                new = f"{fn}({pystr(msg.replace('%%', '%'))})"
        if lazy:
            need_lazy = True
        else:
            need_eager = True
        edits.append((a, b, new))
    edits.sort(reverse=True)
    out = src
    for a, b, new in edits:
        out = out[:a] + new + out[b:]
    # imports
    imp = []
    if need_eager and "import gettext as _" not in out:
        imp.append("gettext as _")
    if need_lazy and not re.search(r"\bgettext_lazy\b(?! as)", src.split("\nclass ")[0]):
        imp.append("gettext_lazy")
    if imp:
        tree2 = ast.parse(src)
        last = 0
        for st in tree2.body:
            if isinstance(st, (ast.Import, ast.ImportFrom)):
                last = st.end_lineno
            elif last and not isinstance(st, (ast.Import, ast.ImportFrom)):
                break
        line = f"from django.utils.translation import {', '.join(sorted(imp, key=lambda s: s.startswith('gettext_lazy')))}\n"
        olines = out.splitlines(keepends=True)
        # the line number of the last import is unchanged only if edits never added lines above it: they don't
        olines.insert(last, line)
        out = "".join(olines)
    for w in v.warn:
        print(f"WARN {path}:{w}")
    print(f"{path}: {len(edits)} wrapped")
    if not dry:
        open(path, "w", encoding="utf-8").write(out)
    else:
        sys.stdout.write(out)


if __name__ == "__main__":
    dry = "--dry" in sys.argv
    for p in sys.argv[1:]:
        if p != "--dry":
            process(p, dry)
