"""A legal reviewer's redline: NEW rendered with real Word revisions against OLD, and a summary."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Optional

from .decree import Decree
from .diff import Change, merge


def render(
    old: Decree, new: Decree, author: str, when: Optional[dt.datetime] = None
) -> tuple[bytes, list[Change]]:
    """The redline DOCX (NEW's template and profile) and the changes it shows."""
    from . import render_docx

    parts, changes = merge(old, new)
    stamp = (when or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(microsecond=0)
    revisions = render_docx.Revisions(author, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return render_docx.render(parts, revisions=revisions), changes


def _heading(change: Change) -> str:
    where = f"{change.part} {change.where}".strip()
    return f"{where}: {change.field + ' ' if change.field else ''}{change.kind}"


def summary_lines(changes: Sequence[Change]) -> list[str]:
    """One line per change: 'Menimbang b: diubah: 'old' -> 'new''."""
    out = []
    for change in changes:
        text = _heading(change)
        if change.kind == "diubah" and (change.old or change.new):
            text += f": '{change.old}' -> '{change.new}'"
        elif change.kind in ("ditambahkan", "dipindahkan") and change.new:
            text += f": '{_short(change.new)}'"
        elif change.kind == "dihapus" and change.old:
            text += f": '{_short(change.old)}'"
        out.append(text)
    return out


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def markdown(old_name: str, new_name: str, changes: Sequence[Change]) -> str:
    lines = [f"# Ringkasan perubahan: {old_name} → {new_name}", ""]
    part = None
    for change, text in zip(changes, summary_lines(changes), strict=True):
        if change.part != part:
            part = change.part
            lines += ["", f"## {part}", ""]
        lines.append(f"- {text}")
    if not changes:
        lines.append("Tidak ada perubahan.")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def html_summary(old_name: str, new_name: str, changes: Sequence[Change]) -> str:
    rows = []
    for change in changes:
        rows.append(
            "<tr>"
            + "".join(
                f"<td>{html.escape(v)}</td>"
                for v in (
                    f"{change.part} {change.where}".strip(),
                    change.field,
                    change.kind,
                    change.old,
                    change.new,
                )
            )
            + "</tr>"
        )
    title = html.escape(f"Ringkasan perubahan: {old_name} → {new_name}")
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font-family:Arial,sans-serif}}table{{border-collapse:collapse}}"
        "td,th{border:1px solid #999;padding:4px;vertical-align:top}</style></head><body>"
        f"<h1>{title}</h1><table><tr><th>Bagian</th><th>Isian</th><th>Perubahan</th><th>Lama</th><th>Baru</th></tr>"
        + "".join(rows)
        + "</table></body></html>\n"
    )
