"""Two revisions of a decree -> one layout whose runs are marked inserted, deleted or moved.

Items are aligned by identity: their ids where they have them, else their
text, then position with a similarity test; so one inserted consideration is
one insertion, not a cascade of changes through every later letter. An item
found on both sides but out of order was moved: it is shown once where it
was (moved away) and once where it is (moved here), as Word shows a move.
Inside an aligned item the text is compared word by word, a NIP, a number
with its groups or a date being one word.

Accepting every change gives the new decree and rejecting every change gives
the old one, table merges and sections included: where a vertically merged
cell would have to start on a different row in the two revisions, the row is
shown deleted and inserted (Word's vocabulary has no tracked merge that
LibreOffice reads), and a whole lampiran added or removed is marked as a
section (see render_docx.apply_revision_marks).
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
    KopLayout,
    LampiranLayout,
    Layout,
    Line,
    Page,
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
from .model import Indikator, Lampiran, TabelIndikator
from .richtext import Break, Inline, Run
from .text import shorten

T = TypeVar("T")
SIMILAR = 0.5
WHOLE = 0.5  # below this share of words kept, a field's change is shown whole: old -> new
SHORT = 160  # characters of an item's text quoted in the summary
PROFILE = "kertas, huruf, nomor halaman atau bentuk kop mengikuti profil baru dan tidak ditandai"
FORMAT = "bentuk huruf atau pindah baris"  # a change of style or line breaks, the words the same
EXACT_WORDS = (
    40_000  # old x new tokens compared exactly (about 200 words each); beyond, difflib's junk heuristic
)
NAME = 60  # characters of an indicator's name naming it


@dataclass(frozen=True)
class Change:
    """One change a legal reviewer reads: where, what kind, and the words.

    ``kind`` is "diubah" (``old`` -> ``new``: the changed words, with ``before`` and
    ``after`` as context), "ditambahkan" (``new``), "dihapus" (``old``), "dipindahkan"
    (``old`` and ``new`` are the places, ``text`` what moved), or "bergeser" (``old`` and
    ``new`` are the first and last label before and after a renumbering)."""

    part: str  # "Menimbang", "Mengingat", "Diktum", "Lampiran II", "Status", ...
    where: str  # "b", "7", "KEDUA", "IKI iki-6b (Persentase ...)", ...
    kind: str
    field: str = ""  # "Formulasi Perhitungan", ...
    old: str = ""
    new: str = ""
    before: str = ""
    after: str = ""
    text: str = ""


@dataclass
class Pair(Generic[T]):
    old: Optional[T]
    new: Optional[T]
    old_index: int = -1
    new_index: int = -1
    move: str = ""  # the name of the move both halves of a moved item carry


# --------------------------------------------------------------------------- words

_MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember"
_TOKEN = re.compile(
    rf"\s+"
    rf"|\d{{1,2}} (?:{_MONTHS}) \d{{4}}"  # a date
    r"|\d[\d.,/-]*(?: \d[\d.,/-]*)+(?=\s|$|[;,.)])"  # a NIP or a number in groups: one token
    r"|[^\s]+"
)


def _tokens(runs: Line) -> list[tuple[str, bool, bool]]:
    out: list[tuple[str, bool, bool]] = []
    for run in runs:
        if isinstance(run, Break):
            out.append(("\n", False, False))
        else:
            out += [(t, run.italic, run.bold) for t in _TOKEN.findall(run.text)]
    return out


def _runs(tokens: Sequence[tuple[str, bool, bool]], rev: Optional[str], move: str = "") -> list[Inline]:
    out: list[Inline] = []
    for text, italic, bold in tokens:
        if text == "\n":
            out.append(Break(rev))
        elif out and isinstance(out[-1], Run) and (out[-1].italic, out[-1].bold) == (italic, bold):
            out[-1] = Run(out[-1].text + text, italic, bold, rev, move)
        else:
            out.append(Run(text, italic, bold, rev, move))
    return out


def mark(runs: Line, rev: str, move: str = "") -> Line:
    return tuple(Break(rev) if isinstance(r, Break) else replace(r, rev=rev, move=move) for r in runs)


def _matcher(a: Sequence[object], b: Sequence[object]) -> difflib.SequenceMatcher:  # type: ignore[type-arg]
    """difflib's matcher, exact for texts of a few thousand words; above that its junk heuristic
    keeps the time bounded (a field of 2,000 repeated words took 2 minutes exact)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=len(a) * len(b) > EXACT_WORDS)


def _opcodes(a: Sequence[object], b: Sequence[object]) -> list[list]:  # type: ignore[type-arg]
    """Word opcodes, a lone space between two changes folded into them ("a b" -> "x y" is one
    change, not two)."""
    ops = _matcher(a, b).get_opcodes()
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
            and all(str(t[0]).isspace() for t in a[i1:i2])  # type: ignore[index]
        ):
            last = merged[-1]
            merged[-1] = ["replace", last[1], i2, last[3], j2]
        else:
            merged.append(list(op))
    return merged


def diff_line(old: Line, new: Line, move: str = "") -> Line:
    """Word by word: equal words plain, removed words deleted, added words inserted.

    With ``move``, the line was moved here: its kept words are marked as moved here and its
    new words inserted; the words it lost on the way are left out (they show, struck, where
    it was: a deletion inside a moved-here line would come back when the move is rejected)."""
    if old == new and not move:  # most lines of a revision: nothing to compare
        return new
    a, b = _tokens(old), _tokens(new)
    out: list[Inline] = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            out += _runs(b[j1:j2], "ins" if move else None, move)
        else:
            out += ([] if move else _runs(a[i1:i2], "del")) + _runs(b[j1:j2], "ins")
    return tuple(out)


def changed(runs: Line) -> bool:
    return any(getattr(r, "rev", None) for r in runs)


@dataclass(frozen=True)
class Hunk:
    old: str
    new: str
    before: str
    after: str


def hunks(runs: Line, context: int = 3) -> list[Hunk]:
    """Each change of a compared line: the old and new words (whole words), with a few words of
    context either side; changes closer than twice the context are one hunk; a line mostly
    rewritten is one hunk, old line -> new line."""
    items = [
        (
            None if isinstance(r, Break) or (r.move and r.rev == "ins") else r.rev,
            "\n" if isinstance(r, Break) else r.text,
        )
        for r in runs
    ]  # words moved here unchanged are no change of the words
    # a line break (between list items, or paragraphs of a field) reads as " / "
    old_text = "".join(t for rev, t in items if rev != "ins").replace("\n", " / ")
    new_text = "".join(t for rev, t in items if rev != "del").replace("\n", " / ")
    if not any(rev for rev, _ in items):
        return []
    old_words, new_words = old_text.split(), new_text.split()
    matcher = _matcher(old_words, new_words)
    kept = matcher.ratio()
    if kept < WHOLE:
        return [Hunk(_unslashed(" ".join(old_words)), _unslashed(" ".join(new_words)), "", "")]
    # word positions of each change, in the old and new word lists
    spans: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] < 2 * context:
            spans[-1] = (spans[-1][0], i2, spans[-1][2], j2)
        else:
            spans.append((i1, i2, j1, j2))
    out = []
    for i1, i2, j1, j2 in spans:
        before = new_words[max(0, j1 - context) : j1]
        after = new_words[j2 : j2 + context]
        out.append(
            Hunk(
                _unslashed(" ".join(old_words[i1:i2])),
                _unslashed(" ".join(new_words[j1:j2])),
                ("… " if j1 > context else "") + " ".join(before),
                " ".join(after) + (" …" if j2 + context < len(new_words) else ""),
            )
        )
    return out


def _unslashed(text: str) -> str:
    """A quoted change without the ' / ' that stood between two paragraphs at its edges."""
    return re.sub(r"^(?:/ )+|(?: /)+$", "", text).strip(" /") if text.strip() != "/" else ""


# --------------------------------------------------------------------------- alignment


def align(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    ident: Callable[[T], Optional[str]],
    moves: bool = True,
    same: Optional[Callable[[T, T], bool]] = None,
) -> list[Pair[T]]:
    """Pair old and new items: by id, else equal text; then by position when similar enough.
    An item left unpaired on both sides with the same id (or, without ids, the same text) was
    moved: both halves get the move's name (numbered later by :class:`Merge`)."""
    keys_old, keys_new = [key(x) for x in old], [key(x) for x in new]
    ops = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes()
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
            if (
                same_id
                or (same is not None and same(old[i], new[j]))
                or (
                    no_ids
                    and not (moves and (keys_old[i] in keys_new or keys_new[j] in keys_old))
                    and difflib.SequenceMatcher(None, keys_old[i], keys_new[j]).ratio() >= SIMILAR
                )
            ):
                out.append(Pair(old[i], new[j], i, j))
                olds.pop(0)
                news.pop(0)
            else:
                break
        out += [Pair(old[i], None, i, -1) for i in olds]
        out += [Pair(None, new[j], -1, j) for j in news]
    if not moves:
        return out
    gone: dict[str, Pair[T]] = {}
    for pair in out:
        if pair.new is None and pair.old is not None:
            gone.setdefault(_identity(pair.old, key, ident), pair)
    for pair in out:
        if pair.old is None and pair.new is not None:
            match = gone.pop(_identity(pair.new, key, ident), None)
            if match is not None:
                match.move = pair.move = f"{match.old_index}>{pair.new_index}"
    return out


def _identity(item: T, key: Callable[[T], str], ident: Callable[[T], Optional[str]]) -> str:
    found = ident(item)
    return f"id:{found}" if found is not None else f"text:{key(item)}"


def _item_key(item: Item) -> str:
    return f"#{item.id}" if item.id else item.text.plain()


def _item_id(item: Item) -> Optional[str]:
    return item.id


# --------------------------------------------------------------------------- paragraphs


def mark_para(para: Para, rev: str, move: str = "") -> Para:
    """A whole paragraph inserted (or deleted, or moved): its label, colon and marker too."""
    return replace(
        para,
        runs=mark(para.runs, rev, move),
        label=mark(para.label, rev, move),
        colon=mark(para.colon, rev, move),
        marker=mark(para.marker, rev, move),
    )


def diff_para(old: Optional[Para], new: Optional[Para], move: str = "") -> Para:
    """A paragraph compared; with ``move``, ``new`` is where a moved paragraph went, shown as
    moved here with its word changes."""
    if old is None:
        assert new is not None
        return mark_para(new, "ins", move)
    if new is None:
        return mark_para(old, "del", move)
    if move:
        return replace(mark_para(new, "ins", move), runs=diff_line(old.runs, new.runs, move))
    return replace(
        new,
        runs=diff_line(old.runs, new.runs),
        label=diff_line(old.label, new.label),
        colon=diff_line(old.colon, new.colon),
        marker=diff_line(old.marker, new.marker),
    )


def diff_paras(old: Sequence[Para], new: Sequence[Para]) -> list[Para]:
    if tuple(old) == tuple(new):  # an unchanged cell or item
        return list(new)
    pairs = align(old, new, key=lambda p: plain(p.runs), ident=lambda p: None, moves=False)
    return [diff_para(p.old, p.new) for p in pairs]


def moved_away(old: Sequence[Para], move: str) -> list[Para]:
    """Where a moved item was: its paragraphs as Word's 'moved from'."""
    return [mark_para(p, "del", move) for p in old]


def moved_here(old: Sequence[Para], new: Sequence[Para], move: str) -> list[Para]:
    """Where a moved item went: its paragraphs as 'moved to', with the words changed on the way
    marked inserted and deleted; a paragraph it gained on the way is inserted."""
    out = []
    for p in align(old, new, key=lambda p: plain(p.runs), ident=lambda p: None, moves=False):
        if p.new is None:
            continue
        out.append(mark_para(p.new, "ins") if p.old is None else diff_para(p.old, p.new, move))
    return out


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
    _moves: dict[tuple[str, str], str] = field(default_factory=dict)

    def move_name(self, part: str, move: str) -> str:
        """A name for each move, unique in the redline (Word pairs 'moved from' and 'moved to'
        ranges by name)."""
        if not move:
            return ""
        return self._moves.setdefault((part, move), f"pindah{len(self._moves) + 1}")

    # ----------------------------------------------------------------- numbered parts

    def items(
        self,
        part: str,
        olds: Sequence[Item],
        news: Sequence[Item],
        paras: Callable[[Item, int], list[Para]],
    ) -> list[Para]:
        """Items compared one by one, moved items shown as moves; every change recorded."""
        out: list[Para] = []
        pairs = align(olds, news, _item_key, _item_id)
        partners = {p.move: p for p in pairs if p.move and p.old is not None}
        shifted: list[tuple[str, str]] = []
        for pair in pairs:
            name = self.move_name(part, pair.move)
            old = paras(pair.old, pair.old_index) if pair.old is not None else []
            new = paras(pair.new, pair.new_index) if pair.new is not None else []
            if name and pair.new is None:
                out += moved_away(old, name)
                continue
            if name:
                source = partners[pair.move]
                assert source.old is not None and pair.new is not None
                before = paras(source.old, source.old_index)
                merged = moved_here(before, new, name)
                out += merged
                self.changes.append(
                    Change(
                        part,
                        _marker(pair.new),
                        "dipindahkan",
                        old=_marker(source.old),
                        new=_marker(pair.new),
                        text=shorten(pair.new.text.plain(), SHORT),
                    )
                )
                self._record_words(
                    part, _marker(pair.new), diff_paras(before, new)
                )  # words changed on the way
                continue
            merged = diff_paras(old, new)
            out += merged
            if pair.old is None:
                assert pair.new is not None
                self.changes.append(Change(part, _marker(pair.new), "ditambahkan", new=_text_of(new)))
            elif pair.new is None:
                self.changes.append(Change(part, _marker(pair.old), "dihapus", old=_text_of(old)))
            else:
                where = _marker(pair.new)
                if _marker(pair.old) != _marker(pair.new):
                    shifted.append((_marker(pair.old), _marker(pair.new)))
                    where = f"{_marker(pair.old)} (kini {_marker(pair.new)})"
                self._record_words(part, where, merged)
                self._list_shifts(part, where, merged)
        self._shifted(part, shifted)
        return out

    def _record_words(self, part: str, where: str, merged: Sequence[Para], field_name: str = "") -> None:
        """The changed words of an item (all its paragraphs read as one text, so a paragraph
        replaced by another is one change, old -> new)."""
        for _, runs in _grouped(merged, lambda p: field_name):
            self._record_hunks(part, where, field_name, runs)

    def _record_hunks(self, part: str, where: str, field_name: str, runs: Line) -> None:
        found = hunks(runs)
        if not found and changed(runs):  # the words are the same: their style or line breaks not
            self.changes.append(Change(part, where, "diubah", field_name, text=FORMAT))
        for hunk in found:
            if _strip_end(hunk.old) != _strip_end(hunk.new):  # a closing ';' or '.' alone is no change
                self.changes.append(
                    Change(part, where, "diubah", field_name, hunk.old, hunk.new, hunk.before, hunk.after)
                )

    def _list_shifts(self, part: str, where: str, merged: Sequence[Para]) -> None:
        """List items of a kept item relettered (an item inserted above them): a cross-reference
        such as 'huruf c' may now point elsewhere, so the summary names the run."""
        shifted = []
        for para in merged:
            if para.kind == "butir" and changed(para.marker):
                old, new = _plain_old(para.marker).rstrip(".)"), plain(para.marker).rstrip(".)")
                if old and new and old != new:
                    shifted.append((old, new))
        if shifted:
            self._shifted(part, shifted, f"{where} huruf")

    def _shifted(self, part: str, shifted: list[tuple[str, str]], where: str = "") -> None:
        """Renumbered items (old label, new label), in order, as one line: 'butir 2-6 bergeser nomor
        (kini 3-7)' (insertions and deletions shift the labels after them all one way)."""
        if shifted:
            self.changes.append(Change(part, where, "bergeser", old=_span(shifted, 0), new=_span(shifted, 1)))

    def numbered(self, part: str, label: str, olds: tuple[Item, ...], news: tuple[Item, ...]) -> list[Para]:
        return self.items(part, olds, news, lambda item, index: numbered(label, [item], index == 0))

    def diktum(self) -> list[Para]:
        return self.items("Diktum", self.old.diktum(), self.new.diktum(), lambda item, _: diktum_paras(item))

    def changed_line(self, part: str, old: Line, new: Line, where: str = "") -> Line:
        """One line compared word by word, its change recorded."""
        merged = diff_line(old, new)
        self._record_hunks(part, where, "", merged)
        return merged

    def lines(self, part: str, old: Sequence[Line], new: Sequence[Line], where: str = "") -> tuple[Line, ...]:
        """Lines compared (a title, a lampiran's header); a line removed just before one added
        is reported as one replacement; the title's NOMOR line under "Nomor"."""

        def named(text: Line) -> str:
            nomor = (plain(text) or _plain_old(text)).upper().startswith("NOMOR")
            return "Nomor" if part == "Judul" and nomor else part

        out = []
        pairs = align(old, new, key=plain, ident=lambda x: None, moves=False)
        for index, pair in enumerate(pairs):
            following = pairs[index + 1] if index + 1 < len(pairs) else None
            previous = pairs[index - 1] if index > 0 else None
            if pair.old is None:
                assert pair.new is not None
                out.append(mark(pair.new, "ins"))
                if previous is not None and previous.new is None and previous.old is not None:
                    self.changes.append(
                        Change(named(pair.new), where, "diubah", old=plain(previous.old), new=plain(pair.new))
                    )
                else:
                    self.changes.append(Change(named(pair.new), where, "ditambahkan", new=plain(pair.new)))
            elif pair.new is None:
                out.append(mark(pair.old, "del"))
                if not (following is not None and following.old is None):
                    self.changes.append(Change(named(pair.old), where, "dihapus", old=plain(pair.old)))
            else:
                out.append(self.changed_line(named(pair.new), pair.old, pair.new, where))
        return tuple(out)

    def layout(self) -> Layout:
        a, b = layout(self.old), layout(self.new)
        if self.old.content.status != self.new.content.status:
            self.changes.append(
                Change("Status", "", "diubah", old=self.old.content.status, new=self.new.content.status)
            )
        konsiderans = self.numbered("Menimbang", "Menimbang", self.old.menimbang(), self.new.menimbang())
        konsiderans += [Para("jarak")] + self.numbered(
            "Mengingat", "Mengingat", self.old.mengingat(), self.new.mengingat()
        )
        if self.old.content.memperhatikan or self.new.content.memperhatikan:
            konsiderans += [Para("jarak")] + self.numbered(
                "Memperhatikan", "Memperhatikan", self.old.memperhatikan(), self.new.memperhatikan()
            )
        menetapkan = diff_para(a.diktum[0], b.diktum[0])
        self._record_words("Menetapkan", "", [menetapkan])
        diktum = [menetapkan] + self.diktum()
        # The watermark is NEW's: LibreOffice applies no tracked change around the watermark's shape,
        # so a tracked one would read wrong there; the summary's first line names the status change.
        # The TTE footer is text: its change is tracked.
        if (a.page, a.fonts, a.furniture.page_numbers, a.kop.kind, a.kop.image, a.kop.rule) != (
            b.page,
            b.fonts,
            b.furniture.page_numbers,
            b.kop.kind,
            b.kop.image,
            b.kop.rule,
        ):  # what the profile sets besides the kop's words: NEW's, not tracked
            self.changes.append(Change("Profil", "", "diubah", text=PROFILE))
        return replace(
            b,
            kop=self.kop(a.kop, b.kop),
            properties=replace(b.properties, redline=True),
            furniture=replace(b.furniture, footer=diff_line(a.furniture.footer, b.furniture.footer)),
            title=self.lines("Judul", a.title, b.title),
            opening=self.lines("Pembuka", a.opening, b.opening),
            konsiderans=tuple(konsiderans),
            diktum=tuple(diktum),
            signature=self.signature("Penandatangan", a.signature, b.signature) or b.signature,
            tembusan=self.tembusan(a.tembusan, b.tembusan),
            tembusan_heading=_heading(a.tembusan_heading, b.tembusan_heading),
            paraf_heading=_heading(a.paraf_heading, b.paraf_heading),
            paraf=self.paraf(a.paraf, b.paraf),
            lampiran=self.lampiran(a.lampiran, b.lampiran),
        )

    def kop(self, a: KopLayout, b: KopLayout) -> KopLayout:
        """The letterhead's words compared line by line (its emblem, rule and kind are NEW's)."""
        if [(k.size, k.bold) for k in a.lines] == [(k.size, k.bold) for k in b.lines]:
            lines = tuple(
                replace(kb, runs=self.changed_line("Kop", ka.runs, kb.runs))
                for ka, kb in zip(a.lines, b.lines, strict=True)
            )
        else:
            lines = b.lines
            if [plain(k.runs) for k in a.lines] != [plain(k.runs) for k in b.lines]:
                self.changes.append(Change("Kop", "", "diubah", text=PROFILE))
        return replace(b, lines=lines, address=self.lines("Kop", a.address, b.address, "alamat"))

    def tembusan(self, a: Sequence[Para], b: Sequence[Para]) -> tuple[Para, ...]:
        """The copy list compared item by item; each change recorded under 'Tembusan'."""
        out: list[Para] = []
        pairs = align(a, b, key=lambda p: plain(p.runs).rstrip(";."), ident=lambda p: None)
        partners = {p.move: p for p in pairs if p.move and p.old is not None}
        shifted = []
        for pair in pairs:
            name = self.move_name("Tembusan", pair.move)
            where = plain((pair.new or pair.old).marker).rstrip(".")  # type: ignore[union-attr]
            if name and pair.new is None:
                assert pair.old is not None
                out += moved_away([pair.old], name)
            elif name:
                source = partners[pair.move].old
                assert source is not None and pair.new is not None
                out += moved_here([source], [pair.new], name)
                self.changes.append(
                    Change(
                        "Tembusan",
                        where,
                        "dipindahkan",
                        old=plain(source.marker).rstrip("."),
                        new=where,
                        text=_strip_end(plain(pair.new.runs)),
                    )
                )
            else:
                merged = diff_para(pair.old, pair.new)
                out.append(merged)
                if pair.old is None:
                    self.changes.append(
                        Change("Tembusan", where, "ditambahkan", new=_strip_end(plain(merged.runs)))
                    )
                elif pair.new is None:
                    self.changes.append(
                        Change("Tembusan", where, "dihapus", old=_strip_end(plain(pair.old.runs)))
                    )
                else:
                    if plain(pair.old.marker) != plain(pair.new.marker):
                        shifted.append((plain(pair.old.marker).rstrip("."), where))
                    if _strip_end(plain(pair.old.runs)) != _strip_end(plain(pair.new.runs)):
                        self._record_words("Tembusan", where, [merged])
        self._shifted("Tembusan", shifted)
        return tuple(out)

    def signature(
        self, part: Optional[str], a: Optional[SignatureLayout], b: Optional[SignatureLayout]
    ) -> Optional[SignatureLayout]:
        """The signature block compared part by part: place and date, jabatan with jabatan, name
        with name, then rank and NIP (each a whole word); with ``part`` the changes go into the
        summary (the body's block; a lampiran's repeats it)."""
        if a is None or b is None:
            return _mark_signature(b, "ins") if a is None else _mark_signature(a, "del")
        merge = self if part is not None else Merge(self.old, self.new)
        name = part or ""
        penetapan = tuple(
            (diff_line(ol, nl), merge.changed_line("Penetapan" if part else "", ov, nv, plain(nl).strip()))
            for (ol, ov), (nl, nv) in zip(a.penetapan, b.penetapan, strict=False)
        )
        penetapan += tuple((mark(x, "del"), mark(y, "del")) for x, y in a.penetapan[len(b.penetapan) :])
        penetapan += tuple((mark(x, "ins"), mark(y, "ins")) for x, y in b.penetapan[len(a.penetapan) :])
        paraf = tuple(
            (diff_line(oj, nj), diff_line(op, np_))
            for (oj, op), (nj, np_) in zip(a.paraf, b.paraf, strict=False)
        )
        paraf += tuple((mark(x, "del"), mark(y, "del")) for x, y in a.paraf[len(b.paraf) :])
        paraf += tuple((mark(x, "ins"), mark(y, "ins")) for x, y in b.paraf[len(a.paraf) :])
        if part is not None:
            self._record_paraf(a.paraf, b.paraf)
        return replace(
            b,
            penetapan=penetapan,
            jabatan=merge.changed_line(name, a.jabatan, b.jabatan, "jabatan"),
            name=merge.changed_line(name, a.name, b.name, "nama"),
            details=merge.details(name, a.details, b.details),
            anchor=diff_line(a.anchor, b.anchor),
            paraf=paraf,
        )

    def details(self, part: str, a: Sequence[Line], b: Sequence[Line]) -> tuple[Line, ...]:
        """Rank and NIP under the name, each compared with its own kind (a NIP with a NIP)."""

        def role(text: Line) -> str:
            return (
                "NIP"
                if plain(text).upper().startswith("NIP") or _plain_old(text).upper().startswith("NIP")
                else "pangkat"
            )

        out = []
        for pair in align(a, b, key=role, ident=lambda x: None, moves=False):
            if pair.old is None or pair.new is None:
                line_ = pair.new or pair.old
                assert line_ is not None
                kind = "ditambahkan" if pair.old is None else "dihapus"
                out.append(mark(line_, "ins" if pair.old is None else "del"))
                if part:
                    self.changes.append(
                        Change(
                            part,
                            "",
                            kind,
                            role(line_),
                            **{"new" if pair.old is None else "old": plain(line_) or _plain_old(line_)},
                        )
                    )
                continue
            merged = diff_line(pair.old, pair.new)
            out.append(merged)
            if part:
                self._record_hunks(part, "", role(pair.new), merged)
        return tuple(out)

    def _record_paraf(self, a: Sequence[tuple[Line, Line]], b: Sequence[tuple[Line, Line]]) -> None:
        """Paraf hierarki beside the signature: a jabatan added or removed, initials filled in."""
        olds = {plain(j): plain(p) for j, p in a}
        news = {plain(j): plain(p) for j, p in b}
        for jabatan, initials in olds.items():
            if jabatan not in news:
                self.changes.append(Change("Paraf hierarki", jabatan, "dihapus", old=initials))
            elif news[jabatan] != initials:
                self.changes.append(
                    Change("Paraf hierarki", jabatan, "diubah", old=initials, new=news[jabatan])
                )
        for jabatan, initials in news.items():
            if jabatan not in olds:
                self.changes.append(Change("Paraf hierarki", jabatan, "ditambahkan", new=initials))

    def paraf(self, a: Optional[TableLayout], b: Optional[TableLayout]) -> Optional[TableLayout]:
        """Paraf koordinasi (drafts only): a table added or removed with the status, or compared."""
        if a is None or b is None:
            if a is None and b is None:
                return None
            self.changes.append(Change("Paraf koordinasi", "", "ditambahkan" if a is None else "dihapus"))
            return _mark_table(b, "ins") if a is None else _mark_table(a, "del")  # type: ignore[arg-type]
        return self.general_table("Paraf koordinasi", a, b)

    # ----------------------------------------------------------------- lampiran

    def lampiran(
        self, a: Sequence[LampiranLayout], b: Sequence[LampiranLayout]
    ) -> tuple[LampiranLayout, ...]:
        """Lampiran paired by id (else title); one added or removed is marked as a whole section,
        one moved is removed where it was and added where it is."""
        olds, news = self.old.lampiran(), self.new.lampiran()
        pairs = _pair_lampiran(olds, news)
        out = []
        for pair in pairs:
            old_label = self.old.lampiran_label(pair.old_index) if pair.old is not None else ""
            new_label = self.new.lampiran_label(pair.new_index) if pair.new is not None else ""
            part = new_label or old_label
            la = a[pair.old_index] if pair.old is not None else None
            lb = b[pair.new_index] if pair.new is not None else None
            if la is None or lb is None:
                base = lb or la
                assert base is not None
                rev = "ins" if la is None else "del"
                named = shorten(" ".join(plain(t) for t in base.title), SHORT)
                if pair.move and rev == "ins":
                    partner = next(p for p in pairs if p.move == pair.move and p.old is not None)
                    self.changes.append(
                        Change(
                            part,
                            "",
                            "dipindahkan",
                            old=self.old.lampiran_label(partner.old_index),
                            new=new_label,
                            text=named,
                        )
                    )
                    assert partner.old is not None and pair.new is not None
                    self.moved_lampiran(
                        part,
                        partner.old,
                        pair.new,
                        a[partner.old_index],
                        lb,  # type: ignore[arg-type]
                        (self.old.lampiran_label(partner.old_index), new_label),
                    )
                elif not pair.move:
                    kind = "ditambahkan" if rev == "ins" else "dihapus"
                    self.changes.append(Change(part, "", kind, **{"new" if rev == "ins" else "old": named}))
                out.append(_mark_lampiran(base, rev))
                continue
            assert pair.old is not None and pair.new is not None
            out.append(self.kept_lampiran(part, pair.old, pair.new, la, lb, old_label, new_label))
        return tuple(out)

    def moved_lampiran(
        self,
        part: str,
        old: Lampiran,
        new: Lampiran,
        la: LampiranLayout,
        lb: LampiranLayout,
        labels: tuple[str, str],
    ) -> None:
        """What changed in a moved lampiran on the way (shown out and in whole, so its changes
        are named here, not marked): compared with its old self, only the summary kept."""
        start = len(self.changes)
        self.kept_lampiran(part, old, new, la, lb, *labels)
        self.changes[start:] = [c for c in self.changes[start:] if c.kind != "bergeser"]

    def kept_lampiran(
        self,
        part: str,
        old: Lampiran,
        new: Lampiran,
        la: LampiranLayout,
        lb: LampiranLayout,
        old_label: str,
        new_label: str,
    ) -> LampiranLayout:
        start = len(self.changes)
        header = self.lines(part, la.header, lb.header, "kepala")
        if old_label != new_label:  # renumbered: its heading's new label is no change of its own
            self.changes[start:] = [c for c in self.changes[start:] if _said(c) != (old_label, new_label)]
            self.changes.append(Change(old_label, "", "bergeser", old=old_label, new=new_label))
        title = self.lines(part, la.title, lb.title, "judul")
        blocks = []
        for index in range(max(len(la.blocks), len(lb.blocks))):
            ba = la.blocks[index] if index < len(la.blocks) else None
            bb = lb.blocks[index] if index < len(lb.blocks) else None
            ma = old.isi[index] if index < len(old.isi) else None
            mb = new.isi[index] if index < len(new.isi) else None
            blocks += self.block(part, ba, bb, ma, mb)
        sig = self.signature(None, la.signature, lb.signature)
        was = None
        if la.page != lb.page:
            was = la.page
            turn = {True: "mendatar", False: "tegak"}
            self.changes.append(
                Change(part, "", "diubah", "kertas", _paper(la.page, turn), _paper(lb.page, turn))
            )
        return LampiranLayout(header, title, tuple(blocks), sig, lb.page, was=was)

    def block(self, part: str, a: Optional[Block], b: Optional[Block], ma: object, mb: object) -> list[Block]:
        """A lampiran's content block compared; a table whose columns changed (or that became
        paragraphs) is the old one out and the new one in, as two blocks."""
        if a is None or b is None:
            base = b or a
            assert base is not None
            self.changes.append(Change(part, "", "ditambahkan" if a is None else "dihapus", "isi"))
            return [_mark_block(base, "ins" if a is None else "del")]
        rekeyed = (
            isinstance(ma, TabelIndikator)
            and isinstance(mb, TabelIndikator)
            and [c.isi for c in ma.kolom] != [c.isi for c in mb.kolom]
        )
        if (
            a.table is not None
            and b.table is not None
            and (rekeyed or _columns(a.table) != _columns(b.table))
        ):
            self._record_columns(part, a.table, b.table)
            return [_mark_block(a, "del"), _mark_block(b, "ins")]
        if isinstance(ma, TabelIndikator) and isinstance(mb, TabelIndikator):
            return [Block(table=IndicatorMerge(self, part, ma, mb).table())]
        if a.table is not None and b.table is not None:
            return [Block(table=self.general_table(part, a.table, b.table))]
        if a.table is not None or b.table is not None:  # a table became paragraphs or back
            self.changes.append(Change(part, "", "diubah", "isi"))
            return [_mark_block(a, "del"), _mark_block(b, "ins")]
        merged = diff_paras(a.paras, b.paras)
        for para in merged:
            if para.runs and all(getattr(r, "rev", None) == "ins" for r in para.runs if isinstance(r, Run)):
                self.changes.append(Change(part, "", "ditambahkan", "paragraf", new=plain(para.runs)))
            elif para.runs and all(getattr(r, "rev", None) == "del" for r in para.runs if isinstance(r, Run)):
                self.changes.append(Change(part, "", "dihapus", "paragraf", old=_plain_old(para.runs)))
            else:
                self._record_words(part, "", [para], "paragraf")
        return [Block(paras=tuple(merged))]

    def numbers(self, part: str, a: TableLayout, b: TableLayout, merged: TableLayout) -> TableLayout:
        """The column-number row, tracked as a row (and named) when only one revision has it."""
        if a.column_numbers == b.column_numbers:
            return merged
        kind = "ditambahkan" if b.column_numbers else "dihapus"
        self.changes.append(Change(part, "", kind, "baris nomor kolom"))
        return replace(merged, column_numbers=True, numbers_rev="ins" if b.column_numbers else "del")

    def _cells(self, part: str, a: TableLayout, b: TableLayout) -> TableLayout:
        """Two tables of one shape, cell by cell (row numbers aside)."""
        rows = [
            self._row(part, f"baris {n + 1}", ra, rb, b.headings)
            for n, (ra, rb) in enumerate(zip(a.rows, b.rows, strict=True))
        ]
        self._record_headings(part, a, b)
        return self.numbers(part, a, b, replace(b, header=_diff_header(a.header, b.header), rows=tuple(rows)))

    def _row(
        self, part: str, where: str, ra: tuple[Cell, ...], rb: tuple[Cell, ...], headings: tuple[Line, ...]
    ) -> tuple[Cell, ...]:
        """A general-table row compared cell by cell, each change named by its column's heading
        (a printed row number that changed is a renumbering, named apart)."""
        cells = []
        column = 0
        for index, (ca, cb) in enumerate(zip(ra, rb, strict=False)):  # rows of another shape: summary only
            merged = tuple(diff_paras(ca.paras, cb.paras))
            cells.append(Cell(merged, cb.span, cb.merge))
            if index > 0 or not (_row_number(ca) and _row_number(cb)):
                heading = plain(headings[column]) if column < len(headings) else ""
                self._record_words(part, where, merged, heading)
            column += cb.span
        return tuple(cells)

    def _record_headings(self, part: str, a: TableLayout, b: TableLayout) -> None:
        if _shape(a.header) == _shape(b.header) and a.columns == b.columns:
            for old, new in zip(a.headings, b.headings, strict=True):
                if plain(old) != plain(new):
                    self.changes.append(Change(part, "", "diubah", "kolom", old=plain(old), new=plain(new)))

    def _record_columns(self, part: str, a: TableLayout, b: TableLayout) -> None:
        """Columns added, removed, moved or renamed, by their headings (the table itself is shown
        out and in, so a column whose contents changed kind says so once)."""
        olds, news = [plain(h) for h in a.headings], [plain(h) for h in b.headings]
        before = len(self.changes)
        pairs = align(olds, news, key=lambda h: h, ident=lambda h: None)
        was = {p.move: p.old_index for p in pairs if p.move and p.old is not None}
        for pair in pairs:
            if pair.move and pair.new is not None:
                self.changes.append(
                    Change(
                        part,
                        "",
                        "dipindahkan",
                        "kolom",
                        old=str(was[pair.move] + 1),
                        new=str(pair.new_index + 1),
                        text=pair.new,
                    )
                )
            elif pair.move:
                continue
            elif pair.old is None:
                self.changes.append(Change(part, "", "ditambahkan", "kolom", new=pair.new or ""))
            elif pair.new is None:
                self.changes.append(Change(part, "", "dihapus", "kolom", old=pair.old))
            elif pair.old != pair.new:
                self.changes.append(Change(part, "", "diubah", "kolom", old=pair.old, new=pair.new))
        if len(self.changes) == before:  # the same headings over other data
            self.changes.append(Change(part, "", "diubah", "tabel", text="isi kolom ditata ulang"))

    def general_table(self, part: str, a: TableLayout, b: TableLayout) -> TableLayout:
        """A general table: rows aligned by their text and compared cell by cell when the columns
        are unchanged and no cell spans rows; otherwise the old table out and the new one in
        (its changes still read row by row in the summary)."""
        if _table_text(a) == _table_text(b) and _shape(a.rows) == _shape(b.rows):
            return self.numbers(part, a, b, b)
        if _shape(a.rows) == _shape(b.rows):  # the same cells, merged alike: compared cell by cell
            return self._cells(part, a, b)
        shape_a = {tuple(c.span for c in r) for r in a.rows}
        merged_rows = any(c.merge for r in a.rows + b.rows for c in r)
        whole = merged_rows or shape_a != {tuple(c.span for c in r) for r in b.rows} or len(shape_a) > 1
        rows: list[tuple[Cell, ...]] = []
        revs: list[Optional[str]] = []
        shifted = []
        for pair in align(a.rows, b.rows, key=_row_key, ident=lambda r: None, moves=False):
            if pair.old and pair.new and _row_number(pair.old[0]) and _row_number(pair.new[0]):
                old_number, new_number = (
                    _cell_text(pair.old[0]).rstrip("."),
                    _cell_text(pair.new[0]).rstrip("."),
                )
                if old_number != new_number:
                    shifted.append((old_number, new_number))
            where = f"baris {pair.new_index + 1}" if pair.new is not None else f"baris {pair.old_index + 1}"
            if pair.old is None or pair.new is None:
                rev = "ins" if pair.old is None else "del"
                row = pair.new or pair.old
                assert row is not None
                rows.append(tuple(Cell(_mark_paras(c.paras, rev), c.span, c.merge) for c in row))
                revs.append(rev)
                text = " | ".join(_cell_text(c) for c in row if c.merge != "continue")
                kind = "ditambahkan" if rev == "ins" else "dihapus"
                self.changes.append(Change(part, where, kind, **{"new" if rev == "ins" else "old": text}))
                continue
            rows.append(self._row(part, where, pair.old, pair.new, b.headings))
            revs.append(None)
        self._shifted(part, shifted, "baris")
        self._record_headings(part, a, b)
        if whole:  # the summary above; the table itself out and in
            return self.numbers(
                part,
                a,
                b,
                TableLayout(
                    _diff_header(a.header, b.header),
                    b.column_numbers,
                    b.widths,
                    _mark_rows(a.rows, "del") + _mark_rows(b.rows, "ins"),
                    ("del",) * len(a.rows) + ("ins",) * len(b.rows),
                ),
            )
        return self.numbers(
            part,
            a,
            b,
            TableLayout(
                _diff_header(a.header, b.header), b.column_numbers, b.widths, tuple(rows), tuple(revs)
            ),
        )


# --------------------------------------------------------------------------- indicator tables


@dataclass
class _Row:
    """One row of a compared indicator table: kept, deleted or inserted (a moved indicator is
    a deleted and an inserted row sharing a move name)."""

    kind: str  # "keep", "del", "ins"
    old: Optional[tuple[int, int, Indikator]] = None  # (sasaran, position in it, indicator)
    new: Optional[tuple[int, int, Indikator]] = None
    move: str = ""
    partner: Optional[tuple[int, int, Indikator]] = None  # a regrouped row's old self


class IndicatorMerge:
    """An indicator table compared row by row, across the whole table, so that an indicator
    moved between sasaran is a move, and with each sasaran's merged cells exact both ways.

    A kept row keeps its vertical merge (start or continuation) in both revisions only if it
    starts its sasaran in both or in neither; otherwise it is shown deleted and inserted, so
    that accepting or rejecting every change leaves each sasaran cell spanning its rows."""

    def __init__(self, merge: Merge, part: str, a: TabelIndikator, b: TabelIndikator) -> None:
        self.merge, self.part, self.a, self.b = merge, part, a, b
        self.la, self.lb = indicator_table(a), indicator_table(b)
        self.columns = [c.isi for c in b.kolom]
        self.kind = "IKU" if "UTAMA" in " ".join(k.judul for k in b.kolom) else "IKI"
        self.sasaran = align(
            a.sasaran,
            b.sasaran,
            key=lambda s: f"#{s.id}" if s.id else s.nama.plain(),
            ident=lambda s: s.id,
            moves=False,
        )
        self.new_of = {
            p.old_index: p.new_index for p in self.sasaran if p.old is not None and p.new is not None
        }

    def rows(self) -> list[_Row]:
        olds = [(s, k, ind) for s, sas in enumerate(self.a.sasaran) for k, ind in enumerate(sas.indikator)]
        news = [(s, k, ind) for s, sas in enumerate(self.b.sasaran) for k, ind in enumerate(sas.indikator)]
        # Keyed by sasaran too: an indicator that stays in its sasaran is kept before one that
        # leaves it, so the one that changed sasaran is the one shown moved.
        keys = {id(r): f"{r[2].id}@{self.new_of.get(r[0], f'-{r[0]}')}" for r in olds}
        keys.update({id(r): f"{r[2].id}@{r[0]}" for r in news})
        pairs = align(
            olds,
            news,
            key=lambda r: keys[id(r)],
            ident=lambda r: r[2].id,
            same=lambda x, y: x[2].nama == y[2].nama,
        )
        parent: dict[tuple[str, int], tuple[str, int]] = {}

        def find(node: tuple[str, int]) -> tuple[str, int]:
            while parent.get(node, node) != node:
                node = parent[node]
            return node

        out: list[_Row] = []
        conflicts = []
        for pair in pairs:
            name = self.merge.move_name(self.part, pair.move)
            if pair.old is not None and pair.new is not None:
                parent[find(("o", pair.old[0]))] = find(("n", pair.new[0]))
                out.append(_Row("keep", pair.old, pair.new))
                if (pair.old[1] == 0) != (pair.new[1] == 0):  # starts its sasaran in one revision only
                    conflicts.append(("o", pair.old[0]))
            elif pair.old is not None:
                out.append(_Row("del", pair.old, None, name))
            else:
                out.append(_Row("ins", None, pair.new, name))
        replaced = {find(node) for node in conflicts}
        if not replaced:
            return out
        # A sasaran whose merged cell would start on another row in each revision: its rows (with
        # every sasaran kept rows tie it to) go out as they were and come in as they are, one
        # merged cell each way -- LibreOffice never joins two merged cells when rows go away.
        result: list[_Row] = []
        done: set[tuple[str, int]] = set()
        for row in out:
            node = ("o", row.old[0]) if row.old is not None else ("n", row.new[0])  # type: ignore[index]
            root = find(node)
            if root not in replaced:
                result.append(row)
                continue
            if root in done:
                continue
            done.add(root)
            for kept in out:
                if kept.old is not None and find(("o", kept.old[0])) == root:
                    result.append(_Row("del", kept.old, None, kept.move if kept.kind == "del" else "regroup"))
            for kept in out:
                if kept.new is not None and find(("n", kept.new[0])) == root:
                    result.append(
                        _Row("ins", None, kept.new, kept.move if kept.kind == "ins" else "regroup", kept.old)
                    )
        if _in_order(result, olds, news):
            return result
        # sasaran replaced in more than one place, reordered too: the table's rows go out as they
        # were and come in as they are, which is exact both ways whatever moved
        return [
            _Row("del", r.old, None, r.move if r.kind == "del" else "regroup")
            for r in out
            if r.old is not None
        ] + [
            _Row("ins", None, r.new, r.move if r.kind == "ins" else "regroup", r.old)
            for r in out
            if r.new is not None
        ]

    def _vmerge(self, row: _Row) -> Optional[str]:
        sizes = []
        first = True
        for side, table in ((row.old, self.a), (row.new, self.b)):
            if side is not None:
                sizes.append(len(table.sasaran[side[0]].indikator))
                first = side[1] == 0
        if not first:
            return "continue"
        return "restart" if max(sizes) > 1 else None

    def _label(self, table: TabelIndikator, tl: TableLayout, sasaran: int, column: int) -> tuple[Para, ...]:
        first = table.sasaran[sasaran].indikator[0]
        return tl.rows[_row_index(table, first)][column].paras

    def table(self) -> TableLayout:
        rows: list[tuple[Cell, ...]] = []
        revs: list[Optional[str]] = []
        moved_from: dict[str, tuple[int, int, Indikator]] = {}
        entries = self.rows()
        for row in entries:
            if row.kind == "del" and row.move and row.move != "regroup":
                assert row.old is not None
                moved_from[row.move] = row.old
        regrouped = {r.old[2].id: r.old for r in entries if r.move == "regroup" and r.old is not None}
        self._record_sasaran()
        for row in entries:
            vmerge = self._vmerge(row)
            cells = []
            for c, isi in enumerate(self.columns):
                ca = c_old(self.a, isi)
                if isi in ("nomor", "sasaran"):
                    if vmerge == "continue":
                        cells.append(Cell(EMPTY, merge="continue"))
                        continue
                    old = (
                        self._label(self.a, self.la, row.old[0], ca)
                        if row.old is not None and ca >= 0
                        else ()
                    )
                    new = self._label(self.b, self.lb, row.new[0], c) if row.new is not None else ()
                    paras = (
                        diff_paras(old, new)
                        if row.kind == "keep"
                        else _mark_paras(old, "del")
                        if row.kind == "del"
                        else _mark_paras(new, "ins")
                    )
                    cells.append(Cell(tuple(paras) or EMPTY, merge=vmerge))
                    continue
                old_cell = _cell_of(self.la, self.a, row.old[2], ca) if row.old is not None else ()
                new_cell = _cell_of(self.lb, self.b, row.new[2], c) if row.new is not None else ()
                if row.kind == "keep":
                    paras = diff_paras(old_cell, new_cell)
                elif row.kind == "del":
                    paras = list(_mark_paras(old_cell, "del", "" if row.move == "regroup" else row.move))
                elif row.move and row.move != "regroup":
                    source = moved_from[row.move]
                    paras = moved_here(_cell_of(self.la, self.a, source[2], ca), new_cell, row.move)
                else:
                    paras = list(_mark_paras(new_cell, "ins"))
                cells.append(Cell(tuple(paras) or EMPTY))
            rows.append(tuple(cells))
            revs.append(None if row.kind == "keep" else row.kind)
            self._record(row, rows[-1], moved_from, regrouped)
        self.merge._record_headings(self.part, self.la, self.lb)
        merged = TableLayout(
            _diff_header(self.la.header, self.lb.header),
            self.b.nomor_kolom,
            self.lb.widths,
            tuple(rows),
            tuple(revs),
        )
        return self.merge.numbers(self.part, self.la, self.lb, merged)

    def _where(self, indikator: Indikator) -> str:
        return f"{self.kind} {indikator.id} ({shorten(indikator.nama.plain(), NAME)})"

    def _record(
        self,
        row: _Row,
        cells: tuple[Cell, ...],
        moved_from: dict[str, tuple[int, int, Indikator]],
        regrouped: dict[str, tuple[int, int, Indikator]],
    ) -> None:
        changes = self.merge.changes
        if row.kind == "del" and row.move:
            return  # recorded where it went
        if row.kind == "ins" and row.move:
            assert row.new is not None
            source = (
                moved_from[row.move] if row.move != "regroup" else (row.partner or regrouped[row.new[2].id])
            )
            if row.move != "regroup" or self.new_of.get(source[0]) != row.new[0]:
                self._moved(source, row.new)
            self._fields(row.new[2], source[2], row.new[2])
            return
        if row.kind == "ins":
            assert row.new is not None
            changes.append(
                Change(
                    self.part,
                    self._where(row.new[2]),
                    "ditambahkan",
                    text=self._sasaran_name(self.b, row.new[0]),
                )
            )
            return
        if row.kind == "del":
            assert row.old is not None
            changes.append(
                Change(
                    self.part, self._where(row.old[2]), "dihapus", text=self._sasaran_name(self.a, row.old[0])
                )
            )
            return
        assert row.old is not None and row.new is not None
        if self.new_of.get(row.old[0]) != row.new[0]:
            self._moved(row.old, row.new)
        self._fields(row.new[2], row.old[2], row.new[2], cells)

    def _moved(self, old: tuple[int, int, Indikator], new: tuple[int, int, Indikator]) -> None:
        if old[:2] == new[:2]:  # the same place: its sasaran was replaced around it (named above)
            return
        if self.new_of.get(old[0]) == new[0]:
            here, there = f"baris {old[1] + 1}", f"baris {new[1] + 1}"
        else:
            here, there = f"sasaran {old[0] + 1}", f"sasaran {new[0] + 1}"
        self.merge.changes.append(
            Change(
                self.part,
                self._where(new[2]),
                "dipindahkan",
                old=here,
                new=there,
                text=self._sasaran_name(self.b, new[0]),
            )
        )

    def _fields(
        self, indikator: Indikator, old: Indikator, new: Indikator, cells: Optional[tuple[Cell, ...]] = None
    ) -> None:
        for c, isi in enumerate(self.columns):
            if isi in ("nomor", "sasaran"):
                continue
            if cells is not None:
                paras: Sequence[Para] = cells[c].paras
            else:
                paras = diff_paras(
                    _cell_of(self.la, self.a, old, c_old(self.a, isi)), _cell_of(self.lb, self.b, new, c)
                )
            for field_name, runs in _grouped(paras, lambda p, isi=isi: _field_of(p, self.b, isi)):  # type: ignore[misc]
                self.merge._record_hunks(self.part, self._where(indikator), field_name, runs)

    def _sasaran_name(self, table: TabelIndikator, index: int) -> str:
        return f"sasaran {index + 1}: {shorten(table.sasaran[index].nama.plain(), NAME)}"

    def _record_sasaran(self) -> None:
        changes = self.merge.changes
        shifted = []
        for sp in self.sasaran:
            if sp.old is None:
                assert sp.new is not None
                changes.append(
                    Change(self.part, f"sasaran {sp.new_index + 1}", "ditambahkan", new=sp.new.nama.plain())
                )
            elif sp.new is None:
                changes.append(
                    Change(self.part, f"sasaran {sp.old_index + 1}", "dihapus", old=sp.old.nama.plain())
                )
            else:
                if sp.old_index != sp.new_index:
                    shifted.append((str(sp.old_index + 1), str(sp.new_index + 1)))
                if sp.old.nama != sp.new.nama:
                    merged = diff_line(_line_of(sp.old.nama), _line_of(sp.new.nama))
                    self.merge._record_hunks(self.part, f"sasaran {sp.new_index + 1}", "Sasaran", merged)
        self.merge._shifted(self.part, shifted, "sasaran")


# --------------------------------------------------------------------------- helpers


def _in_order(rows: Sequence[_Row], olds: Sequence[object], news: Sequence[object]) -> bool:
    """Whether rejecting every change leaves OLD's rows in order, and accepting NEW's."""
    kept_old = [r.old for r in rows if r.kind != "ins"]
    kept_new = [r.new for r in rows if r.kind != "del"]
    return kept_old == list(olds) and kept_new == list(news)


def _marker(item: Item) -> str:
    return item.marker.rstrip(".")


def _span(run: Sequence[tuple[str, str]], side: int) -> str:
    return run[0][side] if len(run) == 1 else f"{run[0][side]}-{run[-1][side]}"


def _plain_old(runs: Line) -> str:
    return "".join(" " if isinstance(r, Break) else r.text for r in runs if getattr(r, "rev", None) != "ins")


def _said(change: Change) -> tuple[str, str]:
    """A change's old and new text with its context, as the summary quotes them."""
    return (
        " ".join(x for x in (change.before, change.old, change.after) if x),
        " ".join(x for x in (change.before, change.new, change.after) if x),
    )


def _columns(table: TableLayout) -> list[tuple[tuple[int, Optional[str]], ...]]:
    """A table's column structure: how many grid columns, and its heading rows' shape."""
    return [((table.columns, None),), *_shape(table.header)]


def _cell_text(cell: Cell) -> str:
    return " ".join(plain(p.runs) for p in cell.paras)


def _row_key(row: tuple[Cell, ...]) -> str:
    """A general-table row's text, its printed row number aside (an inserted row renumbers the
    rows after it, which are still the same rows)."""
    cells = row[1:] if row and _row_number(row[0]) else row
    return " | ".join(_cell_text(c) for c in cells)


def _row_number(cell: Cell) -> bool:
    return len(cell.paras) == 1 and re.fullmatch(r"\d+\.", plain(cell.paras[0].runs).strip()) is not None


def _table_text(table: TableLayout) -> list[list[str]]:
    return [[_cell_text(c) for c in r] for r in table.header + table.rows]


def _paper(page: Page, turn: dict[bool, str]) -> str:
    return f"{round(page.width_mm)} × {round(page.height_mm)} mm, {turn[page.landscape]}"


def _heading(old: Line, new: Line) -> Line:
    """A part's heading (Tembusan, Paraf koordinasi): inserted with the part, deleted with it."""
    if not old:
        return mark(new, "ins")
    if not new:
        return mark(old, "del")
    return diff_line(old, new)


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


def _line_of(text: object) -> Line:
    return line(text.plain()) if hasattr(text, "plain") else line(str(text))


def _field_of(para: Para, table: TabelIndikator, isi: str) -> str:
    """The field a cell's paragraph holds: a label it starts with (Makna Indikator : ...), else
    its column's heading."""
    label = table.label
    text = plain(para.runs) or _plain_old(para.runs)
    for name in (label.makna, label.alasan_pemilihan, label.formulasi_perhitungan, label.sumber_referensi):
        if text.startswith(name):
            return name
    if para.kind == "butir":
        return label.sumber_referensi
    names = {"indikator": "Indikator", "penanggung_jawab": "Penanggung Jawab", "sumber_data": "Sumber Data"}
    heading = next((" ".join(k.judul.split()) for k in table.kolom if k.isi == isi), isi)
    return names.get(isi, heading)


def _grouped(paras: Sequence[Para], name_of: Callable[[Para], str]) -> list[tuple[str, Line]]:
    """Consecutive paragraphs of one field read as one text (a paragraph replaced by another is
    one change, not a deletion and an insertion)."""
    out: list[tuple[str, Line]] = []
    for para in paras:
        name = name_of(para)
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + (Break(),) + para.runs)
        else:
            out.append((name, para.runs))
    return out


def _pair_lampiran(olds: tuple[Lampiran, ...], news: tuple[Lampiran, ...]) -> list[Pair[Lampiran]]:
    return align(
        olds,
        news,
        key=lambda lamp: f"#{lamp.id}" if lamp.id else " ".join(lamp.judul),
        ident=lambda lamp: lamp.id,
    )


def _mark_paras(paras: Sequence[Para], rev: str, move: str = "") -> tuple[Para, ...]:
    return tuple(mark_para(p, rev, move) for p in paras)


def _mark_rows(rows: tuple[tuple[Cell, ...], ...], rev: str) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(Cell(_mark_paras(c.paras, rev), c.span, c.merge) for c in row) for row in rows)


def _mark_table(table: TableLayout, rev: str) -> TableLayout:
    return replace(
        table,
        header=_mark_rows(table.header, rev),
        rows=_mark_rows(table.rows, rev),
        row_revs=(rev,) * len(table.rows),
        rev=rev,
    )


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
        rev,
    )


def merge(old: Decree, new: Decree) -> tuple[Layout, list[Change]]:
    """The layout of NEW with every difference from OLD marked, and the list of changes (the
    status change first)."""
    m = Merge(old, new)
    return m.layout(), m.changes
