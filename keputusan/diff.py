"""Two revisions of a decree -> one layout whose runs are marked inserted or deleted.

Items are aligned by identity: their ids where they have them, else their
text, then position with a similarity test; so one inserted consideration is
one insertion, not a cascade of changes through every later letter. Inside an
aligned item the text is compared word by word. Derived words (letters,
numbers, ordinals, the closing ';' or '.') are compared like any other text,
so that accepting every change gives the new decree and rejecting every
change gives the old one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, Optional, TypeVar

from .decree import Decree, Item
from .layout import (
    EMPTY,
    Block,
    Cell,
    LampiranLayout,
    Layout,
    Line,
    Para,
    SignatureLayout,
    TableLayout,
    diktum_paras,
    indicator_table,
    layout,
    line,
    numbered,
    plain,
)
from .model import Indikator, Lampiran, Sasaran, TabelIndikator
from .richtext import Break, Inline, Run

T = TypeVar("T")
SIMILAR = 0.5


@dataclass(frozen=True)
class Change:
    """One change a legal reviewer reads: where, what kind, and the words."""

    part: str  # "Menimbang", "Mengingat", "Diktum", "Lampiran II", ...
    where: str  # "b", "7", "KEDUA", "IKI iki-6b (Persentase ...)", ...
    kind: str  # "ditambahkan", "dihapus", "diubah"
    field: str = ""  # "Formulasi Perhitungan", ...
    old: str = ""
    new: str = ""


@dataclass
class Pair(Generic[T]):
    old: Optional[T]
    new: Optional[T]
    old_index: int = -1
    new_index: int = -1


# --------------------------------------------------------------------------- words


_TOKEN = re.compile(r"\s+|[^\s]+")


def _tokens(runs: Line) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []
    for run in runs:
        if isinstance(run, Break):
            out.append(("\n", False, False))
        else:
            out += [(t, run.italic, run.bold) for t in _TOKEN.findall(run.text)]
    return out


def _runs(tokens: Sequence[tuple[str, bool, bool]], rev: Optional[str]) -> list[Inline]:
    out: list[Inline] = []
    for text, italic, bold in tokens:
        if text == "\n":
            out.append(Break())
        elif out and isinstance(out[-1], Run) and (out[-1].italic, out[-1].bold) == (italic, bold):
            out[-1] = Run(out[-1].text + text, italic, bold, rev)
        else:
            out.append(Run(text, italic, bold, rev))
    return out


def mark(runs: Line, rev: str) -> Line:
    return tuple(r if isinstance(r, Break) else replace(r, rev=rev) for r in runs)


def diff_line(old: Line, new: Line) -> Line:
    """Word-by-word: equal words plain, removed words deleted, added words inserted."""
    a, b = _tokens(old), _tokens(new)
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    # Fold a lone space between two changes into them, so "a b" -> "x y" is one change, not two.
    merged: list[list] = []  # type: ignore[type-arg]
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if merged and tag != "equal" and merged[-1][0] != "equal":
            last = merged[-1]
            merged[-1] = ["replace", last[1], i2, last[3], j2]
        elif (
            merged
            and tag == "equal"
            and merged[-1][0] != "equal"
            and op is not ops[-1]
            and all(t[0].isspace() for t in a[i1:i2])
        ):
            last = merged[-1]
            merged[-1] = ["replace", last[1], i2, last[3], j2]
        else:
            merged.append(list(op))
    out: list[Inline] = []
    for tag, i1, i2, j1, j2 in merged:
        if tag == "equal":
            out += _runs(b[j1:j2], None)
        else:
            out += _runs(a[i1:i2], "del") + _runs(b[j1:j2], "ins")
    return tuple(out)


def changed(runs: Line) -> bool:
    return any(getattr(r, "rev", None) for r in runs)


def hunks(runs: Line, context: int = 3) -> list[tuple[str, str]]:
    """(old, new) fragments around each change, with a few words of context."""
    out = []
    items = [(getattr(r, "rev", None), "\n" if isinstance(r, Break) else r.text) for r in runs]
    index = 0
    while index < len(items):
        if items[index][0] is None:
            index += 1
            continue
        end = index
        while end < len(items) and (items[end][0] is not None or items[end][1].isspace()):
            end += 1
        before = "".join(t for rev, t in items[:index] if rev is None).split()[-context:]
        after = "".join(t for rev, t in items[end:] if rev is None).split()[:context]
        old = "".join(t for rev, t in items[index:end] if rev != "ins").strip()
        new = "".join(t for rev, t in items[index:end] if rev != "del").strip()
        lead = ("… " if before else "") + " ".join(before)
        tail = " ".join(after) + (" …" if after else "")
        out.append((" ".join(x for x in (lead, old, tail) if x), " ".join(x for x in (lead, new, tail) if x)))
        index = end
    return out


# --------------------------------------------------------------------------- alignment


def align(
    old: Sequence[T], new: Sequence[T], key: Callable[[T], str], ident: Callable[[T], Optional[str]]
) -> list[Pair[T]]:
    """Pair old and new items: by id, else equal text; then by position when similar enough."""
    ops = difflib.SequenceMatcher(
        None, [key(x) for x in old], [key(x) for x in new], autojunk=False
    ).get_opcodes()
    out: list[Pair[T]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            out += [Pair(old[i], new[j], i, j) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        while olds and news:
            i, j = olds[0], news[0]
            same_id = ident(old[i]) is not None and ident(old[i]) == ident(new[j])
            no_ids = ident(old[i]) is None and ident(new[j]) is None
            if same_id or (
                no_ids and difflib.SequenceMatcher(None, key(old[i]), key(new[j])).ratio() >= SIMILAR
            ):
                out.append(Pair(old[i], new[j], i, j))
                olds.pop(0)
                news.pop(0)
            else:
                break
        out += [Pair(old[i], None, i, -1) for i in olds]
        out += [Pair(None, new[j], -1, j) for j in news]
    return out


def _item_key(item: Item) -> str:
    return f"#{item.id}" if item.id else item.text.plain()


def _item_id(item: Item) -> Optional[str]:
    return item.id


# --------------------------------------------------------------------------- paragraphs


def mark_para(para: Para, rev: str) -> Para:
    """A whole paragraph inserted (or deleted): its label, colon and marker too."""
    return replace(
        para,
        runs=mark(para.runs, rev),
        label=mark(para.label, rev),
        colon=mark(para.colon, rev),
        marker=mark(para.marker, rev),
    )


def diff_para(old: Optional[Para], new: Optional[Para]) -> Para:
    if old is None:
        assert new is not None
        return mark_para(new, "ins")
    if new is None:
        return mark_para(old, "del")
    return replace(
        new,
        runs=diff_line(old.runs, new.runs),
        label=diff_line(old.label, new.label),
        colon=diff_line(old.colon, new.colon),
        marker=diff_line(old.marker, new.marker),
    )


def diff_paras(old: Sequence[Para], new: Sequence[Para]) -> list[Para]:
    pairs = align(old, new, key=lambda p: plain(p.runs), ident=lambda p: None)
    return [diff_para(p.old, p.new) for p in pairs]


def para_changed(para: Para) -> bool:
    return any(changed(x) for x in (para.runs, para.label, para.colon, para.marker))


def _text_of(paras: Sequence[Para]) -> str:
    return " ".join(plain(p.runs) for p in paras)


# --------------------------------------------------------------------------- the decree


@dataclass
class Merge:
    old: Decree
    new: Decree
    changes: list[Change] = field(default_factory=list)

    def numbered(self, part: str, label: str, olds: tuple[Item, ...], news: tuple[Item, ...]) -> list[Para]:
        out: list[Para] = []
        pairs = align(olds, news, _item_key, _item_id)
        start = len(self.changes)
        for pair in pairs:
            old = numbered(label, [pair.old], pair.old_index == 0) if pair.old else []
            new = numbered(label, [pair.new], pair.new_index == 0) if pair.new else []
            merged = diff_paras(old, new)
            out += merged
            self._record(part, pair, merged, lambda item: item.marker.rstrip("."), old, new)
        self._moves(part, pairs, start)
        return out

    def _moves(self, part: str, pairs: list[Pair[Item]], start: int) -> None:
        """An item deleted in one place and inserted, unchanged, in another was moved."""
        gone = {p.old.id: p.old for p in pairs if p.new is None and p.old is not None and p.old.id}
        came = {p.new.id: p.new for p in pairs if p.old is None and p.new is not None and p.new.id}
        for ident in sorted(set(gone) & set(came)):
            old, new = gone[ident], came[ident]
            if old.text != new.text:
                continue
            here = [
                c
                for c in self.changes[start:]
                if c.kind in ("ditambahkan", "dihapus")
                and c.where in (old.marker.rstrip("."), new.marker.rstrip("."))
            ]
            for change in here:
                self.changes.remove(change)
            where = f"{old.marker.rstrip('.')} → {new.marker.rstrip('.')}"
            self.changes.insert(start, Change(part, where, "dipindahkan", new=new.text.plain()))

    def _record(
        self,
        part: str,
        pair: Pair[Item],
        merged: list[Para],
        where: Callable[[Item], str],
        old: list[Para],
        new: list[Para],
    ) -> None:
        if pair.old is None:
            assert pair.new is not None
            self.changes.append(Change(part, where(pair.new), "ditambahkan", new=_text_of(new)))
        elif pair.new is None:
            self.changes.append(Change(part, where(pair.old), "dihapus", old=_text_of(old)))
        elif any(changed(p.runs) for p in merged):
            for before, after in [h for p in merged for h in hunks(p.runs)]:
                if _strip_end(before) != _strip_end(
                    after
                ):  # a new closing ';' or '.' alone is no content change
                    self.changes.append(Change(part, where(pair.new), "diubah", old=before, new=after))

    def changed_line(self, part: str, old: Line, new: Line) -> Line:
        """One line compared word by word, its change recorded."""
        merged = diff_line(old, new)
        if changed(merged):
            self.changes.append(Change(part, "", "diubah", old=plain(old), new=plain(new)))
        return merged

    def lines(self, part: str, old: Sequence[Line], new: Sequence[Line]) -> tuple[Line, ...]:
        out = []
        for pair in align(old, new, key=plain, ident=lambda x: None):
            if pair.old is None:
                merged = mark(pair.new, "ins")  # type: ignore[arg-type]
            elif pair.new is None:
                merged = mark(pair.old, "del")
            else:
                merged = diff_line(pair.old, pair.new)
            if changed(merged):
                kind = "ditambahkan" if pair.old is None else "dihapus" if pair.new is None else "diubah"
                self.changes.append(
                    Change(part, "", kind, old=plain(pair.old or ()), new=plain(pair.new or ()))
                )
            out.append(merged)
        return tuple(out)

    def layout(self) -> Layout:
        a, b = layout(self.old), layout(self.new)
        konsiderans = self.numbered("Menimbang", "Menimbang", self.old.menimbang(), self.new.menimbang())
        konsiderans += [Para("jarak")] + self.numbered(
            "Mengingat", "Mengingat", self.old.mengingat(), self.new.mengingat()
        )
        if self.old.content.memperhatikan or self.new.content.memperhatikan:
            konsiderans += [Para("jarak")] + self.numbered(
                "Memperhatikan", "Memperhatikan", self.old.memperhatikan(), self.new.memperhatikan()
            )
        menetapkan = diff_para(a.diktum[0], b.diktum[0])
        if para_changed(menetapkan):
            self.changes.append(
                Change("Menetapkan", "", "diubah", old=plain(a.diktum[0].runs), new=plain(b.diktum[0].runs))
            )
        diktum = [menetapkan] + self.diktum()
        for (_, ov), (_, nv) in zip(a.signature.penetapan, b.signature.penetapan, strict=True):
            if plain(ov) != plain(nv):
                self.changes.append(Change("Penetapan", "", "diubah", old=plain(ov), new=plain(nv)))
        return replace(
            b,
            title=self.lines("Judul", a.title, b.title),
            opening=self.lines("Pembuka", a.opening, b.opening),
            konsiderans=tuple(konsiderans),
            diktum=tuple(diktum),
            signature=self.signature(a.signature, b.signature, record=True),
            tembusan=self.tembusan(a.tembusan, b.tembusan),
            tembusan_heading=_heading(a.tembusan_heading, b.tembusan_heading),
            paraf_heading=_heading(a.paraf_heading, b.paraf_heading),
            lampiran=self.lampiran(a.lampiran, b.lampiran),
        )

    def tembusan(self, a: Sequence[Para], b: Sequence[Para]) -> tuple[Para, ...]:
        """The copy list compared item by item; each change recorded under 'Tembusan'."""
        out = []
        for pair in align(a, b, key=lambda p: plain(p.runs).rstrip(";."), ident=lambda p: None):
            merged = diff_para(pair.old, pair.new)
            where = plain((pair.new or pair.old).marker).rstrip(".")  # type: ignore[union-attr]
            if pair.old is None:
                self.changes.append(Change("Tembusan", where, "ditambahkan", new=plain(merged.runs)))
            elif pair.new is None:
                self.changes.append(Change("Tembusan", where, "dihapus", old=plain(pair.old.runs)))
            elif _strip_end(plain(pair.old.runs)) != _strip_end(plain(pair.new.runs)):
                self.changes.append(
                    Change("Tembusan", where, "diubah", old=plain(pair.old.runs), new=plain(pair.new.runs))
                )
            out.append(merged)
        return tuple(out)

    def signature(self, a: SignatureLayout, b: SignatureLayout, record: bool = False) -> SignatureLayout:
        """The signature block compared part by part: jabatan with jabatan, name with name, then
        rank and NIP; with ``record`` the changes go into the summary (the body's block)."""
        if record:
            jabatan = self.changed_line("Penandatangan", a.jabatan, b.jabatan)
            name = self.changed_line("Penandatangan", a.name, b.name)
            details = self.lines("Penandatangan", a.details, b.details)
        else:
            jabatan, name = diff_line(a.jabatan, b.jabatan), diff_line(a.name, b.name)
            details = tuple(
                _merged_line(p) for p in align(a.details, b.details, key=plain, ident=lambda x: None)
            )
        penetapan = (
            tuple(
                (diff_line(ol, nl), diff_line(ov, nv))
                for (ol, ov), (nl, nv) in zip(a.penetapan, b.penetapan, strict=True)
            )
            if len(a.penetapan) == len(b.penetapan)
            else b.penetapan
        )
        return replace(b, penetapan=penetapan, jabatan=jabatan, name=name, details=tuple(details))

    def diktum(self) -> list[Para]:
        out: list[Para] = []
        olds, news = self.old.diktum(), self.new.diktum()
        for pair in align(olds, news, _item_key, _item_id):
            old = diktum_paras(pair.old) if pair.old else []
            new = diktum_paras(pair.new) if pair.new else []
            merged = diff_paras(old, new)
            out += merged
            self._record("Diktum", pair, merged, lambda item: item.marker, old, new)
        return out

    # ----------------------------------------------------------------- lampiran

    def lampiran(
        self, a: Sequence[LampiranLayout], b: Sequence[LampiranLayout]
    ) -> tuple[LampiranLayout, ...]:
        olds, news = self.old.lampiran(), self.new.lampiran()
        pairs = _pair_lampiran(olds, news)
        out = []
        for pair in pairs:
            part = (
                self.new.lampiran_label(pair.new_index)
                if pair.new is not None
                else self.old.lampiran_label(pair.old_index)
            )
            la = a[pair.old_index] if pair.old is not None else None
            lb = b[pair.new_index] if pair.new is not None else None
            if la is None or lb is None:
                base = lb or la
                assert base is not None
                rev = "ins" if la is None else "del"
                self.changes.append(Change(part, "", "ditambahkan" if rev == "ins" else "dihapus"))
                out.append(_mark_lampiran(base, rev))
                continue
            assert pair.old is not None and pair.new is not None
            header = self.lines(part, la.header, lb.header)
            title = self.lines(part, la.title, lb.title)
            blocks = []
            for index in range(max(len(la.blocks), len(lb.blocks))):
                ba = la.blocks[index] if index < len(la.blocks) else None
                bb = lb.blocks[index] if index < len(lb.blocks) else None
                ma = pair.old.isi[index] if index < len(pair.old.isi) else None
                mb = pair.new.isi[index] if index < len(pair.new.isi) else None
                blocks.append(self.block(part, ba, bb, ma, mb))
            sig = (
                self.signature(la.signature, lb.signature)
                if la.signature is not None and lb.signature is not None
                else lb.signature
            )
            out.append(LampiranLayout(header, title, tuple(blocks), sig, lb.page))
        return tuple(out)

    def block(self, part: str, a: Optional[Block], b: Optional[Block], ma: object, mb: object) -> Block:
        if a is None or b is None:
            base = b or a
            assert base is not None
            return _mark_block(base, "ins" if a is None else "del")
        if isinstance(ma, TabelIndikator) and isinstance(mb, TabelIndikator):
            return Block(table=self.indicator_table(part, ma, mb))
        if a.table is not None and b.table is not None:
            return Block(table=_diff_general_table(a.table, b.table))
        return Block(paras=tuple(diff_paras(a.paras, b.paras)))

    def indicator_table(self, part: str, a: TabelIndikator, b: TabelIndikator) -> TableLayout:
        new_layout, old_layout = indicator_table(b), indicator_table(a)
        columns = [c.isi for c in b.kolom]
        rows: list[tuple[Cell, ...]] = []
        sasaran_pairs = align(
            a.sasaran,
            b.sasaran,
            key=lambda s: f"#{s.id}" if s.id else s.nama.plain(),
            ident=lambda s: s.id,
        )
        for sp in sasaran_pairs:
            ind_pairs = align(
                sp.old.indikator if sp.old else (),
                sp.new.indikator if sp.new else (),
                key=lambda i: f"#{i.id}",
                ident=lambda i: i.id,
            )
            kept = [k for k, p in enumerate(ind_pairs) if p.old is not None and p.new is not None]
            merge_group = len(ind_pairs) > 1 and len(kept) == len(ind_pairs)
            group_cells = self._sasaran_cells(part, sp, a, b, old_layout, new_layout, columns)
            home = kept[0] if kept else None
            first_deleted = next((k for k, p in enumerate(ind_pairs) if p.new is None), None)
            first_inserted = next((k for k, p in enumerate(ind_pairs) if p.old is None), None)
            for k, ip in enumerate(ind_pairs):
                cells = []
                for c, isi in enumerate(columns):
                    if isi in ("nomor", "sasaran"):
                        if merge_group and k > 0:
                            cells.append(Cell(EMPTY, merge="continue"))
                            continue
                        paras = _sasaran_paras(group_cells[isi], k, home, first_deleted, first_inserted)
                        cells.append(Cell(paras, merge="restart" if merge_group else None))
                        continue
                    old_paras = _cell_of(old_layout, a, ip.old, c_old(a, isi)) if ip.old else ()
                    new_paras = _cell_of(new_layout, b, ip.new, c) if ip.new else ()
                    cells.append(Cell(tuple(diff_paras(old_paras, new_paras)) or EMPTY))
                rows.append(tuple(cells))
                self._record_indicator(part, ip, rows[-1], columns, b)
        return TableLayout(
            _diff_header(old_layout.header, new_layout.header), b.nomor_kolom, new_layout.widths, tuple(rows)
        )

    def _sasaran_cells(
        self,
        part: str,
        sp: Pair[Sasaran],
        a: TabelIndikator,
        b: TabelIndikator,
        old_layout: TableLayout,
        new_layout: TableLayout,
        columns: list[str],
    ) -> dict[str, tuple[Optional[tuple[Para, ...]], Optional[tuple[Para, ...]]]]:
        out: dict[str, tuple[Optional[tuple[Para, ...]], Optional[tuple[Para, ...]]]] = {}
        for isi in ("nomor", "sasaran"):
            if isi not in columns:
                continue
            old = _first_row_cell(old_layout, a, sp.old_index, c_old(a, isi)) if sp.old is not None else None
            new = (
                _first_row_cell(new_layout, b, sp.new_index, columns.index(isi))
                if sp.new is not None
                else None
            )
            out[isi] = (old, new)
        if sp.old is not None and sp.new is not None and sp.old.nama != sp.new.nama:
            for before, after in hunks(diff_line(_line_of(sp.old.nama), _line_of(sp.new.nama))):
                self.changes.append(
                    Change(part, f"sasaran {sp.new_index + 1}", "diubah", "Sasaran", before, after)
                )
        return out

    def _record_indicator(
        self, part: str, ip: Pair[Indikator], row: tuple[Cell, ...], columns: list[str], b: TabelIndikator
    ) -> None:
        item = ip.new or ip.old
        assert item is not None
        where = f"{'IKU' if 'UTAMA' in ' '.join(k.judul for k in b.kolom) else 'IKI'} {item.id} ({item.nama.plain()[:60]})"
        if ip.old is None:
            self.changes.append(Change(part, where, "ditambahkan"))
            return
        if ip.new is None:
            self.changes.append(Change(part, where, "dihapus"))
            return
        for cell, isi in zip(row, columns, strict=True):
            if isi in ("nomor", "sasaran"):
                continue
            for para in cell.paras:
                field_name, runs = _field_of(para, b, isi)
                for before, after in hunks(runs):
                    self.changes.append(Change(part, where, "diubah", field_name, before, after))


def _heading(old: Line, new: Line) -> Line:
    """A part's heading (Tembusan, Paraf koordinasi): inserted with the part, deleted with it."""
    if not old:
        return mark(new, "ins")
    if not new:
        return mark(old, "del")
    return diff_line(old, new)


def _merged_line(pair: Pair[Line]) -> Line:
    if pair.old is None:
        assert pair.new is not None
        return mark(pair.new, "ins")
    if pair.new is None:
        return mark(pair.old, "del")
    return diff_line(pair.old, pair.new)


def _strip_end(text: str) -> str:
    return text.rstrip(" ;.…")


def _diff_header(
    a: tuple[tuple[Cell, ...], ...], b: tuple[tuple[Cell, ...], ...]
) -> tuple[tuple[Cell, ...], ...]:
    """Heading rows compared cell by cell when their shape is unchanged; else NEW's headings."""
    if _shape(a) != _shape(b):
        return b
    return tuple(
        tuple(
            replace(cb, paras=tuple(diff_paras(ca.paras, cb.paras)) or cb.paras)
            for ca, cb in zip(ra, rb, strict=True)
        )
        for ra, rb in zip(a, b, strict=True)
    )


def _shape(rows: tuple[tuple[Cell, ...], ...]) -> list[tuple[tuple[int, Optional[str]], ...]]:
    return [tuple((c.span, c.merge) for c in r) for r in rows]


def c_old(table: TabelIndikator, isi: str) -> int:
    names = [c.isi for c in table.kolom]
    return names.index(isi) if isi in names else -1


_ROWS: dict[int, tuple[TabelIndikator, dict[str, int]]] = {}


def _row_index(table: TabelIndikator, indikator: Indikator) -> int:
    """The layout row of an indicator: the table's index built once, not once per cell (which
    made a 2,000-row redline take 8 s)."""
    cached = _ROWS.get(id(table))
    if cached is None or cached[0] is not table:  # (the table is kept, so its id is not reused)
        if len(_ROWS) > 64:
            _ROWS.clear()
        cached = (table, {ind.id: n for n, ind in enumerate(table.indikator)})
        _ROWS[id(table)] = cached
    return cached[1][indikator.id]


def _cell_of(tl: TableLayout, table: TabelIndikator, indikator: Indikator, column: int) -> tuple[Para, ...]:
    if column < 0:
        return ()
    return tl.rows[_row_index(table, indikator)][column].paras


def _first_row_cell(
    tl: TableLayout, table: TabelIndikator, sasaran_index: int, column: int
) -> Optional[tuple[Para, ...]]:
    if column < 0:
        return None
    first = table.sasaran[sasaran_index].indikator[0]
    return tl.rows[_row_index(table, first)][column].paras


def _sasaran_paras(
    cells: tuple[Optional[tuple[Para, ...]], Optional[tuple[Para, ...]]],
    k: int,
    home: Optional[int],
    first_deleted: Optional[int],
    first_inserted: Optional[int],
) -> tuple[Para, ...]:
    """Where a sasaran's number and name go in a redline.

    In the first row kept in both revisions; failing that, the old text
    (deleted) in the first deleted row and the new text (inserted) in the first
    inserted row, so that accepting or rejecting never loses it.
    """
    old, new = cells
    if home is not None:
        return tuple(diff_paras(old or (), new or ())) if k == home else EMPTY
    if k == first_deleted and old is not None:
        return tuple(diff_paras(old, ()))
    if k == first_inserted and new is not None:
        return tuple(diff_paras((), new))
    return EMPTY


def _line_of(text: object) -> Line:
    return line(text.plain()) if hasattr(text, "plain") else line(str(text))


def _field_of(para: Para, table: TabelIndikator, isi: str) -> tuple[str, Line]:
    label = table.label
    text = plain(para.runs)
    for name in (label.makna, label.alasan_pemilihan, label.formulasi_perhitungan, label.sumber_referensi):
        if text.startswith(name):
            return name, para.runs
    if para.kind == "butir":
        return label.sumber_referensi, para.runs
    names = {"indikator": "Indikator", "penanggung_jawab": "Penanggung Jawab", "sumber_data": "Sumber Data"}
    return names.get(isi, isi), para.runs


def _pair_lampiran(olds: tuple[Lampiran, ...], news: tuple[Lampiran, ...]) -> list[Pair[Lampiran]]:
    return align(
        olds,
        news,
        key=lambda lamp: f"#{lamp.id}" if lamp.id else " ".join(lamp.judul),
        ident=lambda lamp: lamp.id,
    )


def _mark_paras(paras: Sequence[Para], rev: str) -> tuple[Para, ...]:
    return tuple(mark_para(p, rev) for p in paras)


def _mark_rows(rows: tuple[tuple[Cell, ...], ...], rev: str) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(Cell(_mark_paras(c.paras, rev), c.span, c.merge) for c in row) for row in rows)


def _mark_table(table: TableLayout, rev: str) -> TableLayout:
    return replace(table, header=_mark_rows(table.header, rev), rows=_mark_rows(table.rows, rev))


def _mark_signature(sig: Optional[SignatureLayout], rev: str) -> Optional[SignatureLayout]:
    if sig is None:
        return None
    return replace(
        sig,
        penetapan=tuple((mark(a, rev), mark(b, rev)) for a, b in sig.penetapan),
        jabatan=mark(sig.jabatan, rev),
        name=mark(sig.name, rev),
        details=tuple(mark(d, rev) for d in sig.details),
        anchor=mark(sig.anchor, rev),
        paraf=tuple((mark(a, rev), mark(b, rev)) for a, b in sig.paraf),
    )


def _mark_block(block: Block, rev: str) -> Block:
    if block.table is not None:
        return Block(table=_mark_table(block.table, rev))
    return Block(paras=_mark_paras(block.paras, rev))


def _mark_lampiran(lamp: LampiranLayout, rev: str) -> LampiranLayout:
    return LampiranLayout(
        tuple(mark(h, rev) for h in lamp.header),
        tuple(mark(t, rev) for t in lamp.title),
        tuple(_mark_block(b, rev) for b in lamp.blocks),
        _mark_signature(lamp.signature, rev),
        lamp.page,
    )


def _diff_general_table(a: TableLayout, b: TableLayout) -> TableLayout:
    """General tables: row by row when the shape is unchanged, else old rows out and new rows in."""
    same_shape = [tuple(c.span for c in r) for r in a.rows] == [tuple(c.span for c in r) for r in b.rows]
    if same_shape:
        rows = tuple(
            tuple(
                Cell(tuple(diff_paras(ca.paras, cb.paras)), cb.span, cb.merge)
                for ca, cb in zip(ra, rb, strict=True)
            )
            for ra, rb in zip(a.rows, b.rows, strict=True)
        )
    else:
        rows = tuple(tuple(Cell(_mark_paras(c.paras, "del"), c.span, None) for c in r) for r in a.rows)
        rows += tuple(tuple(Cell(_mark_paras(c.paras, "ins"), c.span, None) for c in r) for r in b.rows)
    return TableLayout(_diff_header(a.header, b.header), b.column_numbers, b.widths, rows)


def merge(old: Decree, new: Decree) -> tuple[Layout, list[Change]]:
    """The layout of NEW with every difference from OLD marked, and the list of changes."""
    m = Merge(old, new)
    return m.layout(), m.changes
