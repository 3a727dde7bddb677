"""A legal reviewer's redline: NEW rendered with real Word revisions against OLD, and a summary."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence
from typing import Optional

from .decree import Decree
from .diff import Change, merge
from .load import gc_paused
from .text import shorten

SHORT = 160  # characters of an added or removed text quoted in a summary line
LONG = 400  # characters of a changed passage (with its context) quoted
AUTHOR = 100  # characters of a revision's author (control characters become spaces)


def render(
    old: Decree, new: Decree, author: str, when: Optional[dt.datetime] = None
) -> tuple[bytes, list[Change]]:
    """The redline DOCX (NEW's template and profile) and the changes it shows."""
    from . import render_docx

    author = " ".join("".join(c if c.isprintable() else " " for c in author).split())[:AUTHOR] or "keputusan"
    stamp = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    revisions = render_docx.Revisions(author, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    with gc_paused():  # hundreds of thousands of small objects, no cycles (a 2,000-row pair: -35 %)
        parts, changes = merge(old, new)
        return render_docx.render(parts, revisions=revisions), changes


def _quote(text: str, limit: int = SHORT) -> str:
    return f"'{shorten(text, limit)}'"


def summary_line(change: Change) -> str:
    """One line a reviewer reads: where, what happened, and the words, old → new."""
    where = " ".join(x for x in (change.part, change.where) if x)
    field = f"{change.field} " if change.field else ""
    if change.part == "Status":
        return f"Status: {change.old} → {change.new}"
    if change.kind == "bergeser":
        if change.where == "sasaran":
            return f"{change.part}: sasaran {change.old} bergeser nomor (kini {change.new})"
        if change.part.upper().startswith("LAMPIRAN") and not change.where:
            return f"{change.old}: bergeser nomor (kini {change.new})"
        if change.where:
            return f"{change.part} {change.where} {change.old} bergeser (kini {change.new})"
        return f"{change.part}: butir {change.old} bergeser nomor (kini {change.new})"
    if change.kind == "dipindahkan":
        if change.field:  # a column: from its place to another
            return f"{where}: {change.field} {_quote(change.text)} dipindah dari urutan {change.old} ke {change.new}"
        text = f"{where}: dipindah dari {change.old} ke {change.new}"
        return text + (f": {_quote(change.text)}" if change.text else "")
    if change.kind == "diubah":
        if not (change.old or change.new):
            return f"{where}: {field}diubah" + (f" ({change.text})" if change.text else "")
        old = " ".join(x for x in (change.before, change.old, change.after) if x)
        new = " ".join(x for x in (change.before, change.new, change.after) if x)
        return f"{where}: {field}diubah: {_quote(old, LONG)} → {_quote(new, LONG)}"
    text = change.new if change.kind == "ditambahkan" else change.old
    line = f"{where}: {field}{change.kind}"
    if text:
        line += f": {_quote(text)}"
    if change.text:
        line += f" ({change.text})"
    return line


def summary_lines(changes: Sequence[Change]) -> list[str]:
    """One line per change (diff.merge records the status change first): 'Menimbang b: diubah:
    'old' → 'new''."""
    return [summary_line(change) for change in changes]


_MARKDOWN = re.compile(r"([\\`*_\[\]~])")  # what makes emphasis, code, links or strikes inline


def _markdown_text(text: str) -> str:
    """Content as literal Markdown: HTML escaped (a '<!-- -->' in a decree would hide words in a
    rendered summary) and Markdown's punctuation backslashed."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


def markdown(old_name: str, new_name: str, changes: Sequence[Change]) -> str:
    lines = [f"# Ringkasan perubahan: {_markdown_text(old_name)} → {_markdown_text(new_name)}", ""]
    part = None
    for change in changes:
        if change.part != part:
            part = change.part
            lines += ["", f"## {_markdown_text(part)}", ""]
        lines.append(f"- {_markdown_text(summary_line(change))}")
    if not changes:
        lines.append("Tidak ada perubahan.")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def _in_context(change: Change) -> str:
    """The change where it stands: the words around it, the old words struck, the new underlined."""
    e = html.escape
    if change.kind == "diubah":
        parts = (
            e(change.before),
            f"<del>{e(change.old)}</del>" if change.old else "",
            f"<ins>{e(change.new)}</ins>" if change.new else "",
            e(change.after),
        )
        return " ".join(p for p in parts if p)
    if change.kind in ("ditambahkan", "dihapus"):
        text = (change.new if change.kind == "ditambahkan" else change.old) or change.where or change.field
        tag = "ins" if change.kind == "ditambahkan" else "del"
        return f"<{tag}>{e(shorten(text, LONG))}</{tag}>" + (
            f" <small>{e(change.text)}</small>" if change.text else ""
        )
    return e(summary_line(change).split(": ", 1)[-1])


def html_summary(old_name: str, new_name: str, changes: Sequence[Change]) -> str:
    rows = []
    for change in changes:
        cells = (
            html.escape(" ".join(x for x in (change.part, change.where) if x)),
            html.escape(change.field),
            html.escape(change.kind),
            _in_context(change),
        )
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    title = html.escape(f"Ringkasan perubahan: {old_name} → {new_name}")
    empty = "<p>Tidak ada perubahan.</p>" if not changes else ""
    head = (
        ""
        if not changes
        else "<table><tr><th>Bagian</th><th>Isian</th><th>Perubahan</th><th>Dalam konteks</th></tr>"
    )
    tail = "" if not changes else "</table>"
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font-family:Arial,sans-serif}}table{{border-collapse:collapse}}"
        "td,th{border:1px solid #999;padding:4px;vertical-align:top}"
        "del{color:#b00;text-decoration:line-through}ins{color:#060;text-decoration:underline}</style></head><body>"
        f"<h1>{title}</h1>{empty}{head}" + "".join(rows) + f"{tail}</body></html>\n"
    )
