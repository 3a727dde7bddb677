"""Checks that span several fields or files, each problem located in its file."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

from .decree import Decree
from .errors import Problem
from .layout import MAX_COLUMNS
from .model import Keputusan, Mengingat, Profil, Tabel, TabelIndikator
from .richtext import ListBlock, RichText
from .yamlsource import Loc, Located

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
MAX_IMAGE_SIDE = 20_000  # pixels; an emblem is roughly square, a few hundred pixels wide


def check_profile(profil: Profil, source: Located) -> list[Problem]:
    problems: list[Problem] = []
    if profil.kop.lambang is not None:
        problems += check_image(profil.kop.lambang, source, ("kop", "lambang"))
    if profil.kop.gambar is not None:
        problems += check_image(profil.kop.gambar, source, ("kop", "gambar"))
    return problems


def check_image(value: str, source: Located, loc: Loc) -> list[Problem]:
    """An image must exist, be PNG or JPEG, and stay inside the folder of the file naming it."""
    base = source.path.parent.resolve()
    target = (base / value).resolve()
    if Path(value).is_absolute() or not target.is_relative_to(base):
        return [source.problem(loc, "image_outside", value=value, base=str(source.path.parent) or ".")]
    if not target.is_file():
        return [source.problem(loc, "image_missing", value=value)]
    from .limits import env_name, limit

    size = target.stat().st_size
    if size > limit("image_bytes"):
        detail = f"{size // 1024} KB > {limit('image_bytes') // 1024} KB"
        return [
            source.problem(loc, "image_too_large", value=value, detail=detail, env=env_name("image_bytes"))
        ]
    try:
        with target.open("rb") as handle:
            head = handle.read(1024 * 1024)  # a JPEG's size may follow a large ICC profile
    except OSError as exc:
        return [
            source.problem(loc, "image_unreadable", value=value, detail=exc.strerror or type(exc).__name__)
        ]
    if not head.startswith(_IMAGE_MAGIC):
        return [source.problem(loc, "image_not_image", value=value)]
    dimensions = image_size(head)
    if dimensions is None or 0 in dimensions:
        return [source.problem(loc, "image_unreadable", value=value, detail="no image size in its header")]
    if head.startswith(_IMAGE_MAGIC[1]) and head[2:4] not in (b"\xff\xe0", b"\xff\xe1"):
        return [source.problem(loc, "image_jpeg_kind", value=value)]  # python-docx reads JFIF or Exif only
    width, height = dimensions
    if width * height > limit("image_pixels") or max(width, height) > MAX_IMAGE_SIDE:
        detail = f"{width} x {height} px > {limit('image_pixels'):,} px"
        return [
            source.problem(loc, "image_too_large", value=value, detail=detail, env=env_name("image_pixels"))
        ]
    return []


def image_size(head: bytes) -> Optional[tuple[int, int]]:
    """(width, height) from the first bytes of a PNG or JPEG, without decoding it (cheap for check)."""
    if head.startswith(_IMAGE_MAGIC[0]):
        if len(head) < 24 or head[12:16] != b"IHDR":
            return None
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    index = 2
    while index + 9 < len(head):
        if head[index] != 0xFF:
            return None
        marker = head[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        length = int.from_bytes(head[index + 2 : index + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # start of frame
            height = int.from_bytes(head[index + 5 : index + 7], "big")
            width = int.from_bytes(head[index + 7 : index + 9], "big")
            return width, height
        index += 2 + length
    return None


def check_decree(content: Keputusan, profil: Profil, source: Located) -> list[Problem]:
    return [
        *_unique_ids(source),
        *_status(content, profil, source),
        *_tables(content, source),
        *_mengingat_order(content, source),
        *_mengingat_twice(content, source),
        *_relations(content, source),
        *_typed_markers(content, source),
    ]


def _ids(data: Any, loc: Loc) -> Iterator[tuple[str, Loc]]:
    if isinstance(data, dict):
        ident = data.get("id")
        if isinstance(ident, str):
            yield ident, loc + ("id",)
        for key, value in data.items():
            if key != "data":
                yield from _ids(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _ids(value, loc + (index,))


def _unique_ids(source: Located) -> list[Problem]:
    seen: dict[str, Loc] = {}
    problems = []
    for ident, loc in _ids(source.data, ()):
        if ident in seen:
            first = source.mark(seen[ident])
            problems.append(source.problem(loc, "duplicate_id", id=ident, first_line=first.line))
        else:
            seen[ident] = loc
    return problems


def _status(content: Keputusan, profil: Profil, source: Located) -> list[Problem]:
    problems = []
    if content.status == "ditetapkan":
        if content.nomor is None:
            problems.append(source.problem(("status",), "final_needs_number"))
        if content.tanggal is None:
            problems.append(source.problem(("status",), "final_needs_date"))
    elif content.nomor is not None:
        problems.append(source.problem(("nomor",), "draft_has_number", value=content.nomor))
    if content.nomor is not None:
        match = profil.nomor.regex().fullmatch(content.nomor)
        if match is None:
            example = profil.nomor.pola.format(klasifikasi=profil.nomor.klasifikasi, urut=1, tahun=2023)
            problems.append(
                source.problem(
                    ("nomor",),
                    "number_mismatch",
                    value=content.nomor,
                    pattern=profil.nomor.pola,
                    example=example,
                )
            )
        elif content.tanggal and "tahun" in match.groupdict() and int(match["tahun"]) != content.tanggal.year:
            problems.append(
                source.problem(
                    ("nomor",), "number_year", number_year=match["tahun"], date_year=content.tanggal.year
                )
            )
    if content.nomor is not None and content.nomor == content.menggantikan:
        problems.append(source.problem(("menggantikan",), "replaces_itself", value=content.nomor))
    if content.penandatangan is None and profil.penandatangan is None:
        problems.append(source.problem((), "no_signatory"))
    return problems


def _tables(content: Keputusan, source: Located) -> list[Problem]:
    problems: list[Problem] = []
    for li, lampiran in enumerate(content.lampiran):
        for bi, block in enumerate(lampiran.isi):
            loc = ("lampiran", li, "isi", bi)
            if isinstance(block, TabelIndikator):
                problems += _indicator_table(block, source, loc)
            elif isinstance(block, Tabel):
                problems += _grid(block, source, loc)
    return problems


def _indicator_table(table: TabelIndikator, source: Located, loc: Loc) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for ci, column in enumerate(table.kolom):
        if column.isi in seen:
            problems.append(source.problem(loc + ("kolom", ci, "isi"), "column_twice", value=column.isi))
        seen.add(column.isi)
    if "indikator" not in seen:
        problems.append(source.problem(loc + ("kolom",), "column_required", value="indikator"))
    if len(table.kolom) > MAX_COLUMNS:
        problems.append(
            source.problem(loc + ("kolom",), "too_many_columns", count=len(table.kolom), limit=MAX_COLUMNS)
        )
    for column in table.kolom:
        if not column.isi.startswith("data."):
            continue
        key = column.isi[5:]
        for si, sasaran in enumerate(table.sasaran):
            for ii, indikator in enumerate(sasaran.indikator):
                if key not in indikator.data:
                    problem = source.problem(
                        loc + ("sasaran", si, "indikator", ii),
                        "data_missing",
                        id=indikator.id,
                        column=column.judul,
                        key=key,
                    )
                    problems.append(_warning(problem))
    return problems


def _grid(table: Tabel, source: Located, loc: Loc) -> list[Problem]:
    """Every row must fill the columns exactly (the lowest-level headings, not counting the
    row-number column), counting cells merged from rows above."""
    width = len(table.leaves())
    carried = [0] * len(table.baris)  # columns taken by row spans from above
    problems = []
    columns = width + (1 if table.nomor_baris else 0)
    if columns > MAX_COLUMNS:
        return [source.problem(loc + ("kolom",), "too_many_columns", count=columns, limit=MAX_COLUMNS)]
    covered: set[tuple[int, int]] = set()  # (row, column) under a cell spanning down from above
    for ri, row in enumerate(table.baris):
        column = 0
        for ci, cell in enumerate(row):
            while (ri, column) in covered:
                column += 1
            hit = [c for c in range(column, column + cell.gabung_kolom) if (ri, c) in covered]
            if hit:
                problems.append(source.problem(loc + ("baris", ri, ci), "span_overlap", column=hit[0] + 1))
                break
            for below in range(ri + 1, ri + cell.gabung_baris):
                covered.update((below, c) for c in range(column, column + cell.gabung_kolom))
            column += cell.gabung_kolom
    for ri, row in enumerate(table.baris):
        filled = carried[ri] + sum(cell.gabung_kolom for cell in row)
        if filled != width:
            problems.append(
                source.problem(loc + ("baris", ri), "row_width", row=ri + 1, count=filled, columns=width)
            )
        for ci, cell in enumerate(row):
            if ri + cell.gabung_baris > len(table.baris):
                problems.append(
                    source.problem(loc + ("baris", ri, ci), "span_past_end", span=cell.gabung_baris)
                )
            for below in range(ri + 1, min(ri + cell.gabung_baris, len(table.baris))):
                carried[below] += cell.gabung_kolom
    return problems


def _warning(problem: Problem) -> Problem:
    return Problem(problem.path, problem.line, problem.column, problem.code, problem.params, "warning")


def _year(item: Mengingat) -> Optional[int]:
    if item.peraturan is not None:
        return item.peraturan.tahun
    assert item.teks is not None
    found = re.search(r"Tahun (\d{4})", item.teks.plain())
    return int(found.group(1)) if found else None


def _mengingat_order(content: Keputusan, source: Located) -> list[Problem]:
    """Legal bases go from the highest rank to the lowest, and by year within a rank."""
    problems = []
    previous = None
    for index, item in enumerate(content.mengingat):
        level = item.level
        if level is None:
            continue
        if previous is not None:
            prev_level, prev_year = previous
            kind = item.peraturan.jenis if item.peraturan else item.teks.plain()[:40]  # type: ignore[union-attr]
            year = _year(item)
            if level < prev_level:
                problems.append(
                    _warning(
                        source.problem(("mengingat", index), "mengingat_order", index=index + 1, kind=kind)
                    )
                )
            elif level == prev_level and year and prev_year and year < prev_year:
                problems.append(
                    _warning(source.problem(("mengingat", index), "mengingat_year_order", index=index + 1))
                )
        previous = (level, _year(item))
    return problems


def same_numbers(decrees: Sequence[Decree]) -> list[Problem]:
    """Files that carry the same official number for the same agency: each is reported at its
    ``nomor:`` line, naming the others (a second register, a copied file)."""
    from .yamlsource import read_yaml_file

    groups: dict[tuple[str, str], list[Path]] = {}
    for decree in decrees:
        if decree.content.nomor is not None:
            groups.setdefault((decree.profil.nama, decree.content.nomor), []).append(decree.path)
    problems = []
    for (_, nomor), paths in groups.items():
        for path in paths if len(paths) > 1 else ():
            others = ", ".join(str(other) for other in paths if other != path)
            problems.append(
                read_yaml_file(path).problem(("nomor",), "number_duplicate", value=nomor, other=others)
            )
    return problems


def _citation_key(item: Mengingat) -> Optional[tuple[str, str, Optional[int]]]:
    """What makes two legal bases the same regulation: kind, number and year."""
    if item.peraturan is None:
        return None
    p = item.peraturan
    number = re.sub(r"\s+", "", p.nomor).lower()
    return (" ".join(p.jenis.lower().split()), number, p.tahun)


def _mengingat_twice(content: Keputusan, source: Located) -> list[Problem]:
    """A regulation cited twice (same kind, number and year) is reported at the second citation."""
    seen: dict[tuple[str, str, Optional[int]], int] = {}
    problems = []
    for index, item in enumerate(content.mengingat):
        key = _citation_key(item)
        if key is None:
            continue
        if key in seen:
            first = source.mark(("mengingat", seen[key]))
            problem = source.problem(
                ("mengingat", index),
                "mengingat_twice",
                index=index + 1,
                first=seen[key] + 1,
                first_line=first.line,
            )
            problems.append(_warning(problem))
        else:
            seen[key] = index
    return problems


def _relations(content: Keputusan, source: Located) -> list[Problem]:
    """An amendment keeps the old decree in force, a replacement revokes it: not both at once;
    paraf belong to drafts; a ``menetapkan`` naming another subject than ``tentang`` is stale."""
    problems = []
    if content.mengubah is not None and content.menggantikan is not None:
        problems.append(source.problem(("mengubah",), "amends_and_replaces", value=content.mengubah))
    if content.mengubah is not None and content.mengubah == content.nomor:
        problems.append(source.problem(("mengubah",), "amends_itself", value=content.mengubah))
    if content.paraf is not None and content.status == "ditetapkan":
        problems.append(_warning(source.problem(("paraf",), "paraf_on_final")))
    if content.menetapkan is not None and _squash(content.tentang) not in _squash(content.menetapkan):
        problems.append(_warning(source.problem(("menetapkan",), "menetapkan_stale")))
    return problems


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _texts(value: Any, loc: Loc) -> Iterator[tuple[RichText, Loc]]:
    """Every rich text of the content, with its location in the model."""
    if isinstance(value, RichText):
        yield value, loc
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), loc + (name,))
    elif isinstance(value, (tuple, list)):
        for index, item in enumerate(value):
            yield from _texts(item, loc + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))


_TYPED_ORDINAL = re.compile(
    r"^\s*(?:DIKTUM\s+)?KE(?:SATU|[A-Z]+(?:\s+(?:BELAS|PULUH)[A-Z ]*)?)\s*:", re.IGNORECASE
)


def _restarts(blocks: Sequence[Any]) -> bool:
    """Whether a counted list is followed at once by another, at any depth: the count starts again
    (a typo, 'c.' then 'd)', or a blank line inside a list), so two items read 'a.'."""
    for one, other in zip(blocks, blocks[1:], strict=False):
        if isinstance(one, ListBlock) and isinstance(other, ListBlock) and one.ordered and other.ordered:
            return True
    return any(
        _restarts(item.sub) for block in blocks if isinstance(block, ListBlock) for item in block.items
    )


def _typed_markers(content: Keputusan, source: Located) -> list[Problem]:
    """Markers the tool prints, typed as well: a diktum starting 'KEEMPAT :', a consideration or
    legal basis starting 'a.' / '1.', a list restarting in another counting style."""
    from .load import _data_path

    problems = []
    for index, diktum in enumerate(content.diktum):
        found = _TYPED_ORDINAL.match(diktum.teks.source)
        if found:
            where, _ = _data_path(source.data, ("diktum", index, "teks"))
            problems.append(_warning(source.problem(where, "typed_ordinal", value=found.group(0).strip())))
    for part in ("menimbang", "mengingat", "memperhatikan"):
        for index, item in enumerate(getattr(content, part)):
            text = getattr(item, "teks", None)
            if text is not None and text.blocks and isinstance(text.blocks[0], ListBlock):
                where, _ = _data_path(source.data, (part, index, "teks"))
                problems.append(_warning(source.problem(where, "typed_marker", part=part)))
    for text, loc in _texts(content, ()):
        where, _ = _data_path(source.data, loc)
        if _restarts(text.blocks):
            problems.append(_warning(source.problem(where, "list_restarts")))
        if _PLACEHOLDER.search(text.source):
            # left to be filled in ('bahwa untuk ... perlu', as revise writes it): a draft may hold
            # it, a signed decree may not (so no number is taken for it)
            problem = source.problem(where, "placeholder_text")
            problems.append(problem if content.status == "ditetapkan" else _warning(problem))
    return problems


_PLACEHOLDER = re.compile(r"(?:^|\s)\.\.\.(?=\s|$)")
