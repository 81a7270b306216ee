"""French typography for Markdown prose: non-breaking spaces before ; : ! ? » % and after «.

`python tests/outils/typographie.py FICHIER...` fixes files in place;
tests/test_typographie.py uses `fautes()` to fail on any line left to fix.
Code blocks, front matter, directive options and inline code are left alone.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

NBSP = "\u00a0"
NNBSP = "\u202f"
_SPACE_BEFORE = re.compile(r"(?<=\S) ([;:!?»%])(?=\s|$|[).,])")
_SPACE_AFTER = re.compile(r"« ")
_INLINE_CODE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+|\{[a-z:-]+\}")


def _prose_lines(text: str):
    """Yield (index, line) for the lines of Markdown prose (not code, not front matter)."""
    in_fence = False
    fence = ""
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
    for i in range(start, len(lines)):
        line = lines[i]
        stripped = line.lstrip()
        match = re.match(r"(`{3,}|~{3,}|:{3,})(.*)", stripped)
        if match:
            marker, rest = match.groups()
            is_code = "code" in rest or rest.strip() in ("", "python", "bash", "text") and marker[0] != ":"
            if not in_fence and marker[0] == "`" and is_code:
                in_fence, fence = True, marker
                continue
            if in_fence and stripped.startswith(fence) and not rest.strip():
                in_fence = False
                continue
        if in_fence or re.match(r"\s*:[a-z-]+:", line):
            continue
        yield i, line


def _fix_line(line: str) -> str:
    """Fix the prose of a line; code spans, links and roles are kept as they are.

    The whole line is matched, so a space after a code span (`{glue:md}`x` %`) is seen too.
    """
    codes = [m.span() for m in _INLINE_CODE.finditer(line)]

    def hors_code(i: int) -> bool:
        return not any(debut <= i < fin for debut, fin in codes)

    def espace_avant(m: re.Match) -> str:
        return NBSP + m.group(1) if hors_code(m.start()) else m.group(0)

    def espace_apres(m: re.Match) -> str:
        return "«" + NBSP if hors_code(m.start()) else m.group(0)

    # Both passes keep the line's length, so the code spans found above stay in place.
    return _SPACE_AFTER.sub(espace_apres, _SPACE_BEFORE.sub(espace_avant, line))


def fautes(text: str) -> list[tuple[int, str]]:
    """Lines (1-based number, text) whose typography needs a non-breaking space."""
    return [(i + 1, line) for i, line in _prose_lines(text) if _fix_line(line) != line]


def corriger(text: str) -> str:
    lines = text.split("\n")
    for i, line in _prose_lines(text):
        lines[i] = _fix_line(line)
    return "\n".join(lines)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        path = Path(name)
        path.write_text(corriger(path.read_text(encoding="utf-8")), encoding="utf-8")
