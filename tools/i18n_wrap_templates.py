"""Wrap the Vietnamese text of Django templates in {% translate %} / {% blocktranslate %} (docs/i18n.md).

    python tools/i18n_wrap_templates.py dondoc/some_app/templates/some_app/*.html

A mechanical first pass, used to mark dondoc's templates: text runs (with their {{ variables }} and inline tags such
as <b>, <code>) become one translatable message; title, placeholder, aria-label and alt attributes too. Review the
diff: data written in a template and the brand are to be left as they are. Then `make messages`."""

import re
import sys

VN = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]", re.I)
INLINE = re.compile(r"</?(b|i|em|strong|code|small|abbr|br|kbd)\b[^>]*>$")
ATTRS = {"title", "placeholder", "aria-label", "alt", "data-confirm", "aria-description", "summary", "label"}


def scan(src):
    """Yield (kind, text): 'dj' for {% %} / {# #}, 'var' for {{ }}, 'tag' for <...>, 'text' otherwise."""
    i, n = 0, len(src)
    buf = []
    out = []

    def flush():
        if buf:
            out.append(("text", "".join(buf)))
            buf.clear()

    while i < n:
        if src.startswith("{%", i) or src.startswith("{#", i):
            end = src.index("%}" if src[i + 1] == "%" else "#}", i) + 2
            flush()
            out.append(("dj", src[i:end]))
            i = end
        elif src.startswith("{{", i):
            end = src.index("}}", i) + 2
            flush()
            out.append(("var", src[i:end]))
            i = end
        elif src[i] == "<" and i + 1 < n and (src[i + 1].isalpha() or src[i + 1] in "/!"):
            j = i + 1
            q = None
            while j < n:
                if src.startswith("{%", j) or src.startswith("{{", j):
                    j = src.index("%}" if src[j + 1] == "%" else "}}", j) + 2
                    continue
                c = src[j]
                if q:
                    if c == q:
                        q = None
                elif c in "\"'":
                    q = c
                elif c == ">":
                    break
                j += 1
            flush()
            out.append(("tag", src[i : j + 1]))
            i = j + 1
        else:
            buf.append(src[i])
            i += 1
    flush()
    return out


def varname(expr, used):
    base = expr.split("|")[0].strip()
    name = re.sub(r"\W", "_", base.split(".")[-1]) or "v"
    if name[0].isdigit():
        name = "v" + name
    cand, k = name, 2
    while cand in used and used[cand] != expr:
        cand = f"{name}{k}"
        k += 1
    used[cand] = expr
    return cand


def translate_run(parts, in_attr=False):
    """parts: list of (kind, text) with kind in text/var. Returns replacement string."""
    full = "".join(t for _, t in parts)
    lead = re.match(r"^\s*", full).group(0)
    trail = re.search(r"\s*$", full).group(0)
    if not any(k in ("var", "html") for k, _ in parts):
        body = full.strip()
        if "\n" in body or in_attr and '"' in body:
            body = " ".join(body.split())
        if '"' in body and "'" not in body:
            return f"{lead}{{% translate '{body}' %}}{trail}"
        if in_attr:
            body = body.replace("'", "’")
            return f"{lead}{{% translate '{body}' %}}{trail}"
        body = body.replace('"', '\\"')
        return f'{lead}{{% translate "{body}" %}}{trail}'
    used = {}
    withs = []
    body = []
    for k, t in parts:
        if k in ("text", "html"):
            body.append(t)
        else:
            expr = t[2:-2].strip()
            if re.fullmatch(r"[A-Za-z_]\w*", expr):
                body.append("{{ " + expr + " }}")
            else:
                nm = varname(expr, used)
                if f"{nm}={expr}" not in withs:
                    withs.append(f"{nm}={expr}")
                body.append("{{ " + nm + " }}")
    text = "".join(body).strip()
    multiline = "\n" in text
    if multiline:
        text = " ".join(text.split())
    w = (" with " + " ".join(withs)) if withs else ""
    return f"{lead}{{% blocktranslate{w} %}}{text}{{% endblocktranslate %}}{trail}"


def wrap_attrs(tag):
    def repl(m):
        name, q, val = m.group(1), m.group(2), m.group(3)
        if name.lower() not in ATTRS or not VN.search(val) or "{%" in val:
            return m.group(0)
        parts = [(k, t) for k, t in scan(val)]
        if any(k not in ("text", "var") for k, _ in parts):
            return m.group(0)
        r = translate_run(parts, in_attr=True)
        if q == '"':
            r = r.replace('"', "'") if "{% translate" in r else r
        return f"{name}={q}{r}{q}"

    return re.sub(r'([\w-]+)=(["\'])(.*?)\2', repl, tag)


def balanced(run):
    stack = []
    for k, t in run:
        if k != "html":
            continue
        m = re.match(r"<(/?)(\w+)", t)
        if m.group(2) == "br":
            continue
        if m.group(1):
            if not stack or stack[-1] != m.group(2):
                return False
            stack.pop()
        else:
            stack.append(m.group(2))
    return not stack


def process(path):
    src = open(path, encoding="utf-8").read()
    toks = scan(src)
    out = []
    run = []
    n = 0

    def flush():
        nonlocal n
        tail = []
        while run and run[-1][0] == "html":
            tail.insert(0, run.pop())
        if run and any(k == "html" for k, _ in run) and not balanced(run):
            segs, cur = [], []
            for k, t in run:
                if k == "html":
                    segs.append(cur)
                    segs.append([(k, t)])
                    cur = []
                else:
                    cur.append((k, t))
            segs.append(cur)
            run.clear()
            for sg in segs:
                if sg and sg[0][0] == "html":
                    out.append(sg[0][1])
                elif sg:
                    texts = "".join(t for k, t in sg if k == "text")
                    if VN.search(texts):
                        out.append(translate_run(sg))
                        n += 1
                    else:
                        out.append("".join(t for _, t in sg))
        if run:
            texts = "".join(t for k, t in run if k == "text")
            if VN.search(texts):
                out.append(translate_run(run))
                n += 1
            else:
                out.append("".join(t for _, t in run))
            run.clear()
        out.extend(t for _, t in tail)

    skip_depth = 0
    for k, t in toks:
        if k in ("text", "var") and not skip_depth:
            run.append((k, t))
            continue
        if k == "tag" and not skip_depth and INLINE.match(t) and "{" not in t and run:
            run.append(("html", t))
            continue
        flush()
        if k == "dj":
            if re.match(r"{%\s*(comment|blocktranslate|blocktrans|verbatim)\b", t):
                skip_depth += 1
            elif re.match(r"{%\s*(endcomment|endblocktranslate|endblocktrans|endverbatim)\b", t):
                skip_depth -= 1
            out.append(t)
        elif k == "tag":
            new = wrap_attrs(t) if not skip_depth else t
            if new != t:
                n += 1
            out.append(new)
        else:
            out.append(t)
    flush()
    res = "".join(out)
    if (
        n
        and "i18n" not in re.findall(r"{%\s*load ([^%]*)%}", res)[0:1] + [""]
        and not re.search(r"{%\s*load [^%]*\bi18n\b", res)
    ):
        m = re.match(r"({%\s*extends [^%]*%}\n?)", res)
        if m:
            res = (
                m.group(1)
                + "{% load i18n %}"
                + ("" if m.group(1).endswith("\n") else "")
                + ("\n" if m.group(1).endswith("\n") else "")
                + res[m.end() :]
            )
        else:
            m2 = re.match(r"{%\s*load ([^%]*)%}", res)
            if m2:
                res = "{% load " + m2.group(1).strip() + " i18n %}" + res[m2.end() :]
            else:
                res = "{% load i18n %}" + res
    open(path, "w", encoding="utf-8").write(res)
    print(path, n)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        process(p)
