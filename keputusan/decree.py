"""A loaded decree: its content, its agency profile, and the text derived from both.

Everything that every renderer must write the same way (the official's
title, the lampiran headers, ordinals, punctuation) is derived here once, so
that the DOCX, the PDF and the plain text cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .errors import Problem
from .model import (
    Keputusan,
    Lampiran,
    Lembaran,
    Mengingat,
    Menimbang,
    Penandatangan,
    Peraturan,
    Profil,
)
from .richtext import RichText, escape_markup
from .text import format_nip, huruf, judul_kalimat, ordinal_diktum, romawi, tanggal

NOMOR_DRAF = "........................"
TANGGAL_DRAF = "........................"


@dataclass(frozen=True)
class Item:
    """A numbered part of the decree as it is printed: its marker and its text."""

    marker: str
    text: RichText
    id: Optional[str]
    ending: str = ""


@dataclass(frozen=True)
class Decree:
    content: Keputusan
    profil: Profil
    path: Path
    profil_path: Path
    warnings: tuple[Problem, ...] = ()

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def is_draft(self) -> bool:
        return self.content.status == "draf"

    @property
    def pejabat(self) -> str:
        return self.content.pejabat or self.profil.pejabat

    @property
    def tempat(self) -> str:
        return self.content.tempat or self.profil.tempat

    @property
    def nomor(self) -> str:
        return self.content.nomor or NOMOR_DRAF

    @property
    def tanggal(self) -> str:
        return tanggal(self.content.tanggal) if self.content.tanggal else TANGGAL_DRAF

    @property
    def tentang(self) -> str:
        return self.content.tentang

    @property
    def penandatangan(self) -> Penandatangan:
        signer = self.content.penandatangan or self.profil.penandatangan
        assert signer is not None, "checked when loading"
        return signer

    @property
    def emblem(self) -> Optional[Path]:
        if self.profil.kop.lambang is None:
            return None
        return self.profil_path.parent / self.profil.kop.lambang

    @property
    def menetapkan(self) -> str:
        text = self.content.menetapkan or f"KEPUTUSAN {self.pejabat} TENTANG {self.tentang}"
        return text if text.endswith(".") else text + "."

    def signature_lines(self) -> tuple[str, ...]:
        """Jabatan (ending in a comma), then name, rank and NIP below the signing space."""
        signer = self.penandatangan
        jabatan = signer.jabatan or self.pejabat
        lines = [jabatan if jabatan.endswith(",") else jabatan + ","]
        lines.append(signer.nama)
        if signer.pangkat:
            lines.append(signer.pangkat)
        if signer.nip:
            lines.append(f"NIP. {format_nip(signer.nip)}")
        return tuple(lines)

    def menimbang(self) -> tuple[Item, ...]:
        return _listed(self.content.menimbang, lambda n: f"{huruf(n)}.")

    def mengingat(self) -> tuple[Item, ...]:
        items = [
            Item(f"{n}.", m.teks if m.teks is not None else RichText(cite(m)), m.id)
            for n, m in enumerate(self.content.mengingat, 1)
        ]
        return _punctuate(items)

    def memperhatikan(self) -> tuple[Item, ...]:
        return _listed(self.content.memperhatikan, lambda n: f"{n}.")

    def diktum(self) -> tuple[Item, ...]:
        """The diktum under their ordinals; for a decree that replaces another and has no diktum
        naming it, the revoking diktum goes before the last one (where the form puts it)."""
        texts = [(d.teks, d.id) for d in self.content.diktum]
        revocation = self.revocation()
        if revocation is not None:
            texts.insert(max(len(texts) - 1, 0), (RichText(revocation), "pencabutan"))
        return tuple(Item(ordinal_diktum(n), text, ident) for n, (text, ident) in enumerate(texts, 1))

    def revocation(self) -> Optional[str]:
        """The sentence revoking the replaced decree, unless a diktum already names its number."""
        old = self.content.menggantikan
        if old is None or any(old in d.teks.source for d in self.content.diktum):
            return None
        return (
            f"Dengan ditetapkannya Keputusan ini, Keputusan {escape_markup(judul_kalimat(self.pejabat))} "
            f"Nomor {escape_markup(old)} "
            "dicabut dan dinyatakan tidak berlaku."
        )

    def lampiran_label(self, index: int) -> str:
        """'LAMPIRAN' for a single appendix, 'LAMPIRAN I', 'LAMPIRAN II', ... otherwise."""
        if len(self.content.lampiran) == 1:
            return "LAMPIRAN"
        return f"LAMPIRAN {romawi(index + 1)}"

    def lampiran_header(self, index: int) -> tuple[tuple[str, str], ...]:
        """The upper-right block of a lampiran as (label, value) rows, derived from the title."""
        rows = [
            (self.lampiran_label(index), ""),
            ("", f"KEPUTUSAN {self.pejabat}"),
            ("NOMOR", self.nomor),
        ]
        if self.profil.lampiran.tampilkan_tanggal:
            rows.append(("TANGGAL", self.tanggal))
        rows += [("TENTANG", ""), ("", self.tentang)]
        return tuple(rows)

    def penetapan_rows(self) -> tuple[tuple[str, str], ...]:
        """'Ditetapkan : di <tempat>' and 'Pada tanggal : <date>', above the signature."""
        return (("Ditetapkan", f"di {self.tempat}"), ("Pada tanggal", self.tanggal))

    def kop_lines(self) -> tuple[str, ...]:
        kop = self.profil.kop
        return tuple(line.teks for line in kop.baris) + kop.alamat

    def title_lines(self) -> tuple[str, ...]:
        """The centred title block: KEPUTUSAN / official / NOMOR : ... / TENTANG / subject,
        or as the profile sets it ('KEPUTUSAN BUPATI BALANGAN' on one line, NOMOR without colon)."""
        judul = self.profil.judul
        nomor = f"NOMOR : {self.nomor}" if judul.titik_dua_nomor else f"NOMOR {self.nomor}"
        head = (f"KEPUTUSAN {self.pejabat}",) if judul.satu_baris else ("KEPUTUSAN", self.pejabat)
        return (*head, nomor, "TENTANG", self.tentang)

    def tembusan(self) -> tuple[Item, ...]:
        """The copy list numbered 1., 2., ..., each ending ';' and the last '.'."""
        return _punctuate([Item(f"{n}.", RichText(t), None) for n, t in enumerate(self.content.tembusan, 1)])

    def opening_lines(self) -> tuple[str, ...]:
        """The issuing official ending in a comma, after the religious formula where used."""
        lines = ("DENGAN RAHMAT TUHAN YANG MAHA ESA",) if self.profil.dengan_rahmat else ()
        return lines + (f"{self.pejabat},",)

    def lampiran(self) -> tuple[Lampiran, ...]:
        return self.content.lampiran


def _listed(parts: Sequence[Menimbang], marker: Callable[[int], str]) -> tuple[Item, ...]:
    return _punctuate([Item(marker(n), p.teks, p.id) for n, p in enumerate(parts, 1)])


CLOSING_QUOTES = "”’\"'»"
"""Quotes that may close a text after its own end punctuation (quoted new wording)."""


def _punctuate(items: list[Item]) -> tuple[Item, ...]:
    """Each item but the last ends in ';', the last in '.', unless the text already ends so."""
    out = []
    for index, item in enumerate(items):
        last = index == len(items) - 1
        plain = item.text.plain().rstrip().rstrip(CLOSING_QUOTES)  # '... berbunyi: "...Selatan."' is ended
        ending = "" if plain.endswith((";", ".", ":")) else ("." if last else ";")
        out.append(Item(item.marker, item.text, item.id, ending))
    return tuple(out)


def _gazette(name: str, lembaran: Lembaran) -> str:
    return f"{name} Tahun {lembaran.tahun} Nomor {escape_markup(lembaran.nomor)}"


def cite(m: Mengingat) -> str:
    """A structured legal basis as it is cited, in markup (its 'tentang' may carry italics)."""
    assert m.peraturan is not None
    return _cite(m.peraturan)


def _cite(p: Peraturan) -> str:
    e = escape_markup
    text = f"{e(p.jenis)} Nomor {e(p.nomor)}"
    if p.tahun is not None:
        text += f" Tahun {p.tahun}"
    text += f" tentang {p.tentang.source.strip()}"
    gazette = []
    if p.lembaran_negara:
        gazette.append(_gazette("Lembaran Negara Republik Indonesia", p.lembaran_negara))
    if p.tambahan_lembaran_negara:
        gazette.append(f"Tambahan Lembaran Negara Republik Indonesia Nomor {e(p.tambahan_lembaran_negara)}")
    if p.berita_negara:
        gazette.append(_gazette("Berita Negara Republik Indonesia", p.berita_negara))
    region = f" {e(p.nama_daerah)}" if p.nama_daerah else ""
    if p.lembaran_daerah:
        gazette.append(_gazette(f"Lembaran Daerah{region}", p.lembaran_daerah))
    if p.tambahan_lembaran_daerah:
        gazette.append(f"Tambahan Lembaran Daerah{region} Nomor {e(p.tambahan_lembaran_daerah)}")
    if p.berita_daerah:
        gazette.append(_gazette(f"Berita Daerah{region}", p.berita_daerah))
    if gazette:
        text += f" ({', '.join(gazette)})"
    for change in p.diubah:
        text += f" {e(change.keterangan)} {_cite(change.peraturan)}"
    return text
