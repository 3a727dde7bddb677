"""The decree and the agency profile as typed, immutable data (no I/O)."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .richtext import RichText
from .text import BULAN


def _as_text(value: Any) -> Any:
    """Numbers typed without quotes (``nomor: 2``) are text to a decree."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _single_line(value: Any) -> Any:
    """A one-line field may be wrapped in the YAML: newlines become spaces."""
    value = _as_text(value)
    if isinstance(value, str):
        return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", value)
    return value


Baris = Annotated[
    str,
    BeforeValidator(_single_line),
    StringConstraints(strip_whitespace=True, min_length=1, pattern=r"^[^\x00-\x1f\x7f]*$"),
]
"""One line of plain text: a name, a heading, a kop line."""

Teks = Annotated[RichText, BeforeValidator(_as_text)]
"""Text with the markup of :mod:`keputusan.richtext`."""

Id = Annotated[
    str,
    BeforeValidator(_as_text),
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,63}$"),
    Field(description="Penanda tetap untuk membandingkan revisi, misalnya 'iki-6b'."),
]


def _parse_tanggal(value: Any) -> Any:
    """Accept ISO dates (2023-09-22) and Indonesian ones (22 September 2023)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date) or not isinstance(value, str):
        return value
    text = value.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    words = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})", text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif words and words.group(2).capitalize() in BULAN:
        day, year = int(words.group(1)), int(words.group(3))
        month = BULAN.index(words.group(2).capitalize()) + 1
    else:
        raise PydanticCustomError("date_format", "not a date", {"value": text})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise PydanticCustomError("date_impossible", "no such date", {"value": text}) from None


Tanggal = Annotated[dt.date, BeforeValidator(_parse_tanggal)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True)


def _text_item(value: Any) -> Any:
    """A list item may be written as bare text instead of ``{teks: ...}``."""
    return {"teks": value} if isinstance(value, (str, int, float)) else value


# --------------------------------------------------------------------------- profile


class BarisKop(_Model):
    teks: Baris
    ukuran: float = Field(14, gt=4, le=40, description="Ukuran huruf dalam pt.")
    tebal: bool = True

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return _text_item(value)


KOP_JENIS = ("perangkat_daerah", "kepala_daerah", "gambar")


class Kop(_Model):
    """The letterhead, in one of three kinds.

    * ``perangkat_daerah``: emblem left, names centred, address smaller, a rule below;
    * ``kepala_daerah``: the emblem centred above the office title (BUPATI BALANGAN), no address;
    * ``gambar``: one image of the whole letterhead, as wide as the text.
    """

    jenis: Literal["perangkat_daerah", "kepala_daerah", "gambar"] = "perangkat_daerah"
    lambang: Optional[str] = Field(
        None, description="Berkas gambar lambang (PNG/JPEG), relatif terhadap berkas profil."
    )
    lebar_lambang_mm: float = Field(22, gt=0, le=60)
    gambar: Optional[str] = Field(
        None, description="Untuk jenis 'gambar': berkas gambar kop utuh (PNG/JPEG), relatif terhadap profil."
    )
    baris: tuple[BarisKop, ...] = ()
    alamat: tuple[Baris, ...] = ()
    ukuran_alamat: float = Field(10, gt=4, le=40)
    garis: Literal["tunggal", "ganda", "tebal-tipis", "tidak ada"] = "tebal-tipis"

    @field_validator("alamat", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _kind_complete(self) -> Kop:
        if self.jenis == "gambar" and self.gambar is None:
            raise PydanticCustomError("kop_needs_image", "kop gambar needs gambar")
        if self.jenis != "gambar" and not self.baris:
            raise PydanticCustomError("kop_needs_lines", "kop needs baris", {"kind": self.jenis})
        return self


_PAPER_MM = {"F4": (215.0, 330.0), "A4": (210.0, 297.0), "Letter": (215.9, 279.4), "Legal": (215.9, 355.6)}


class Margin(_Model):
    kiri: float = Field(30, ge=0, le=100)
    kanan: float = Field(20, ge=0, le=100)
    atas: float = Field(20, ge=0, le=100)
    bawah: float = Field(20, ge=0, le=100)


class Kertas(_Model):
    ukuran: Literal["F4", "A4", "Letter", "Legal", "lain"] = "F4"
    lebar_mm: Optional[float] = Field(None, gt=50, le=600)
    tinggi_mm: Optional[float] = Field(None, gt=50, le=900)
    margin_mm: Margin = Margin()

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) of a portrait page."""
        default = _PAPER_MM.get(self.ukuran, _PAPER_MM["F4"])
        return (self.lebar_mm or default[0], self.tinggi_mm or default[1])

    @model_validator(mode="after")
    def _room_for_text(self) -> Kertas:
        """At least 100 mm of text across and down, on the page either way round (a signature
        block, a table of a few columns)."""
        width, height = self.size_mm
        m = self.margin_mm
        across, down = min(width, height) - m.kiri - m.kanan, min(width, height) - m.atas - m.bawah
        if across < 100 or down < 100:
            raise PydanticCustomError(
                "page_too_small", "no room for text", {"across": round(across), "down": round(down)}
            )
        return self


class Huruf(_Model):
    keluarga: Baris = "Arial"
    ukuran: float = Field(12, ge=6, le=24)
    ukuran_tabel: float = Field(10, ge=5, le=24, description="Ukuran huruf isi tabel lampiran.")


NUMBER_FIELDS = ("klasifikasi", "urut", "tahun")


class PolaNomor(_Model):
    pola: Baris = Field(description="Pola nomor, misalnya '{klasifikasi}/{urut}/Kpts/Ka/BKPSDM/{tahun}'.")
    klasifikasi: Baris = Field("800", description="Kode klasifikasi arsip bawaan.")
    register_url: Optional[Baris] = Field(
        None,
        alias="register",
        description="Register nomor: berkas SQLite (relatif terhadap profil) atau postgresql://...; "
        "bawaannya nomor.sqlite di samping profil.",
    )
    mulai: dict[int, int] = Field(
        default_factory=dict,
        description="Nomor urut pertama per tahun, bila tidak mulai dari 1: {2024: 100}.",
    )

    @field_validator("pola")
    @classmethod
    def _fields_known(cls, value: str) -> str:
        fields = set(re.findall(r"\{([^{}]*)\}", value))
        unknown = fields - set(NUMBER_FIELDS)
        if unknown or "urut" not in fields:
            raise PydanticCustomError(
                "number_pattern", "bad number pattern", {"unknown": ", ".join(sorted(unknown))}
            )
        return value

    def regex(self) -> re.Pattern[str]:
        parts = re.split(r"(\{[a-z]+\})", self.pola)
        groups = {
            "{klasifikasi}": r"(?P<klasifikasi>\d{3}(?:\.\d+)*)",
            "{urut}": r"(?P<urut>\d+)",
            "{tahun}": r"(?P<tahun>\d{4})",
        }
        return re.compile("".join(groups.get(p, re.escape(p)) for p in parts))


class Penandatangan(_Model):
    """Who signs: an ASN official shows name, rank and NIP; an elected one the name only."""

    jabatan: Optional[Baris] = Field(
        None, description="Jabatan di atas tanda tangan; bawaannya pejabat penetap."
    )
    nama: Baris
    pangkat: Optional[Baris] = None
    nip: Optional[str] = Field(None, description="NIP 18 angka, boleh dengan spasi.")

    @field_validator("nip", mode="before")
    @classmethod
    def _nip(cls, value: Any) -> Any:
        if value is None:
            return None
        return validate_nip(str(_as_text(value)))


def validate_nip(value: str) -> str:
    """Check an NIP's structure: birth date (8), CPNS start (6), sex (1), serial (3)."""
    digits = re.sub(r"\s+", "", value)
    if not digits.isdigit() or len(digits) != 18:
        raise PydanticCustomError(
            "nip_length", "NIP must have 18 digits", {"value": value, "count": len(digits)}
        )
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise PydanticCustomError("nip_birth_date", "bad birth date", {"value": digits[:8]}) from None
    year, month = int(digits[8:12]), int(digits[12:14])
    if born.year < 1900 or not 1 <= month <= 12 or year < born.year + 14:
        raise PydanticCustomError("nip_start_date", "bad CPNS start", {"value": digits[8:14]})
    if digits[14] not in "12":
        raise PydanticCustomError("nip_sex", "bad sex digit", {"value": digits[14]})
    return digits


class OpsiLampiran(_Model):
    tampilkan_tanggal: bool = Field(False, description="Tambahkan baris TANGGAL pada kepala lampiran.")


class OpsiJudul(_Model):
    """How the title block is set: regions differ."""

    satu_baris: bool = Field(
        False, description="'KEPUTUSAN BUPATI BALANGAN' pada satu baris, bukan KEPUTUSAN lalu pejabat."
    )
    titik_dua_nomor: bool = Field(True, description="'NOMOR : ...' (ya) atau 'NOMOR ...' (tidak).")


class NomorHalaman(_Model):
    """Page numbers: e.g. none on page 1, '- 2 -' centred at the top; lampiran continue the count."""

    tampil: bool = Field(True, description="Cetak nomor halaman.")
    posisi: Literal["atas", "bawah"] = "atas"
    format: Annotated[str, StringConstraints(pattern=r"^[^{}\x00-\x1f]*\{n\}[^{}\x00-\x1f]*$")] = Field(
        "- {n} -", description="Bentuk nomor; {n} diganti angkanya, misalnya '- {n} -'."
    )
    halaman_pertama: bool = Field(False, description="Cetak juga nomor pada halaman 1.")


class OpsiTte(_Model):
    """Readiness for the electronic signature (TTE) of BSrE."""

    catatan_kaki: Optional[Annotated[Baris, StringConstraints(max_length=300)]] = Field(
        None,
        description="Catatan kaki setiap halaman, misalnya 'Dokumen ini telah ditandatangani secara "
        "elektronik menggunakan sertifikat elektronik yang diterbitkan oleh BSrE, BSSN'.",
    )
    jangkar: Optional[Annotated[str, StringConstraints(min_length=1, max_length=8, pattern=r"^\S+$")]] = (
        Field(
            None,
            description="Tanda jangkar di ruang tanda tangan, tempat layanan TTE menaruh gambar/QR, misalnya '#'.",
        )
    )
    qr_url: Optional[
        Annotated[str, StringConstraints(max_length=500, pattern=r"^https?://[^\s{}]+(\{nomor\}[^\s{}]*)?$")]
    ] = Field(
        None,
        description="Pola alamat verifikasi untuk kode QR, misalnya 'https://jdih.example.go.id/verifikasi/{nomor}'.",
    )


class Profil(_Model):
    """An agency's letterhead, page, fonts and numbering: shared by its decrees."""

    nama: Baris = Field(description="Nama instansi, untuk metadata dokumen.")
    kop: Kop
    kertas: Kertas = Kertas()
    huruf: Huruf = Huruf()
    nomor: PolaNomor
    tempat: Baris = Field(description="Tempat penetapan, misalnya 'Balangan'.")
    pejabat: Baris = Field(description="Jabatan pejabat penetap dalam huruf kapital.")
    dengan_rahmat: bool = Field(
        False, description="Tambahkan 'DENGAN RAHMAT TUHAN YANG MAHA ESA' (kepala daerah)."
    )
    penandatangan: Optional[Penandatangan] = None
    lampiran: OpsiLampiran = OpsiLampiran()
    judul: OpsiJudul = OpsiJudul()
    tembusan_judul: Baris = Field(
        "Tembusan :", description="Judul daftar tembusan: 'Tembusan Yth.:' atau 'Tembusan :'."
    )
    nomor_halaman: Optional[NomorHalaman] = Field(
        None, description="Nomor halaman; tanpa kunci ini tidak dicetak."
    )
    tte: OpsiTte = OpsiTte()


# --------------------------------------------------------------------------- decree parts


class Menimbang(_Model):
    id: Optional[Id] = None
    teks: Teks

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return _text_item(value)


class Lembaran(_Model):
    """A gazette entry: Lembaran Negara / Daerah Tahun ... Nomor ..."""

    tahun: int = Field(ge=1945, le=2100)
    nomor: Baris


class Perubahan(_Model):
    keterangan: Baris = Field(
        "sebagaimana telah diubah dengan",
        description="Frasa penghubung, misalnya 'sebagaimana telah diubah kedua kalinya dengan'.",
    )
    peraturan: Peraturan


HIERARKI = (
    ("Undang-Undang Dasar", 1),
    ("Peraturan Pemerintah Pengganti Undang-Undang", 2),
    ("Undang-Undang", 2),
    ("Peraturan Pemerintah", 3),
    ("Peraturan Presiden", 4),
    ("Instruksi Presiden", 4),
    ("Keputusan Presiden", 4),
    ("Peraturan Menteri", 5),
    ("Peraturan Badan", 5),
    ("Peraturan Lembaga", 5),
    ("Peraturan Kepala", 5),
    ("Keputusan Menteri", 5),
    ("Peraturan Daerah Provinsi", 6),
    ("Peraturan Gubernur", 7),
    ("Peraturan Daerah Kabupaten", 8),
    ("Peraturan Daerah Kota", 8),
    ("Peraturan Daerah", 8),
    ("Peraturan Bupati", 9),
    ("Peraturan Wali Kota", 9),
    ("Peraturan Walikota", 9),
    ("Keputusan Bupati", 9),
    ("Keputusan", 10),
)


def hierarchy_level(jenis: str) -> Optional[int]:
    """Rank of a kind of regulation in the hierarchy of law (lower is higher)."""
    for prefix, level in HIERARKI:
        if jenis.startswith(prefix):
            return level
    return None


class Peraturan(_Model):
    """A regulation cited by kind, number, year and subject."""

    jenis: Baris = Field(description="Misalnya 'Undang-Undang', 'Peraturan Pemerintah'.")
    nomor: Baris
    tahun: Optional[int] = Field(
        None, ge=1945, le=2100, description="Kosongkan bila tahun sudah ada di nomor."
    )
    tentang: Teks
    lembaran_negara: Optional[Lembaran] = None
    tambahan_lembaran_negara: Optional[Baris] = None
    berita_negara: Optional[Lembaran] = None
    lembaran_daerah: Optional[Lembaran] = None
    tambahan_lembaran_daerah: Optional[Baris] = None
    berita_daerah: Optional[Lembaran] = None
    nama_daerah: Optional[Baris] = Field(
        None, description="Daerah pada Lembaran/Berita Daerah, misalnya 'Kabupaten Balangan'."
    )
    diubah: tuple[Perubahan, ...] = ()

    @field_validator("diubah", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, dict) else value


Perubahan.model_rebuild()


class Mengingat(_Model):
    """A legal basis: a structured regulation, or free text (``teks``)."""

    id: Optional[Id] = None
    teks: Optional[Teks] = None
    peraturan: Optional[Peraturan] = None

    @model_validator(mode="before")
    @classmethod
    def _shape(cls, value: Any) -> Any:
        value = _text_item(value)
        if isinstance(value, dict) and "jenis" in value:
            ident = value.get("id")
            rest = {k: v for k, v in value.items() if k != "id"}
            return {"id": ident, "peraturan": rest} if ident is not None else {"peraturan": rest}
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Mengingat:
        if (self.teks is None) == (self.peraturan is None):
            raise PydanticCustomError("legal_basis_form", "give teks or jenis")
        return self

    @property
    def level(self) -> Optional[int]:
        if self.peraturan is not None:
            return hierarchy_level(self.peraturan.jenis)
        assert self.teks is not None
        return hierarchy_level(self.teks.plain())


class Memperhatikan(Menimbang):
    pass


class Diktum(Menimbang):
    pass


# --------------------------------------------------------------------------- lampiran

KOLOM_INDIKATOR = ("nomor", "sasaran", "indikator", "penjelasan", "penanggung_jawab", "sumber_data")


class KolomIndikator(_Model):
    isi: Annotated[
        str,
        StringConstraints(
            pattern=r"^(nomor|sasaran|indikator|penjelasan|penanggung_jawab|sumber_data|data\.[a-z0-9_]+)$"
        ),
        Field(
            description="Isi kolom: nomor, sasaran, indikator, penjelasan, penanggung_jawab, "
            "sumber_data, atau data.<kunci> untuk kolom tambahan."
        ),
    ]
    judul: Baris
    lebar: float = Field(1, gt=0, le=100, description="Lebar relatif kolom.")


class LabelPenjelasan(_Model):
    makna: Baris = "Makna Indikator"
    alasan_pemilihan: Baris = "Alasan Pemilihan"
    formulasi_perhitungan: Baris = "Formulasi Perhitungan"
    sumber_referensi: Baris = "Sumber/Referensi Indikator"


class Indikator(_Model):
    id: Id
    nama: Teks
    makna: Teks
    alasan_pemilihan: Teks
    formulasi_perhitungan: Teks
    sumber_referensi: tuple[Teks, ...] = Field(min_length=1)
    penanggung_jawab: Teks
    sumber_data: Teks
    data: dict[Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")], Teks] = {}

    @field_validator("sumber_referensi", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, (str, int)) else value


class Sasaran(_Model):
    id: Optional[Id] = None
    nama: Teks
    indikator: tuple[Indikator, ...] = Field(min_length=1)


class TabelIndikator(_Model):
    """An IKU/IKI table: one row per sasaran, spanning its indicators."""

    jenis: Literal["tabel_indikator"]
    kolom: tuple[KolomIndikator, ...] = Field(min_length=1)
    nomor_kolom: bool = Field(True, description="Baris penomoran kolom 1, 2, 3, ... di bawah judul.")
    label: LabelPenjelasan = LabelPenjelasan()
    sasaran: tuple[Sasaran, ...] = Field(min_length=1)

    @cached_property
    def indikator(self) -> tuple[Indikator, ...]:
        """Every indicator in order: built once (the model is frozen), not on every call, which made
        looking rows up in a long table take time growing with the square of its rows."""
        return tuple(i for s in self.sasaran for i in s.indikator)


Rata = Literal["kiri", "tengah", "kanan"]


class Sel(_Model):
    teks: Teks
    gabung_baris: int = Field(1, ge=1, le=500)
    gabung_kolom: int = Field(1, ge=1, le=50)
    rata: Optional[Rata] = Field(None, description="Perataan sel; bawaannya perataan kolomnya (kiri).")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return _text_item(value)


class Kolom(_Model):
    """A column heading; with ``kolom`` under it, a heading over several columns (TARGET over 2021 ... 2026)."""

    judul: Baris
    lebar: float = Field(1, gt=0, le=100, description="Lebar relatif (kolom tanpa anak kolom).")
    rata: Optional[Rata] = Field(None, description="Perataan isi kolom; angka biasanya 'kanan'.")
    kolom: tuple[Kolom, ...] = Field((), description="Anak kolom di bawah judul ini (judul bertingkat).")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"judul": value} if isinstance(value, (str, int)) else value

    def leaves(self) -> tuple[Kolom, ...]:
        """The columns of the grid under this heading (itself when it has none)."""
        return tuple(leaf for child in self.kolom for leaf in child.leaves()) if self.kolom else (self,)

    @property
    def depth(self) -> int:
        return 1 + max((child.depth for child in self.kolom), default=0)


Kolom.model_rebuild()


class Tabel(_Model):
    """A general table: headings (on any number of levels), then rows of cells that may span."""

    jenis: Literal["tabel"]
    kolom: tuple[Kolom, ...] = Field(min_length=1)
    nomor_kolom: bool = False
    nomor_baris: bool = Field(False, description="Tambahkan kolom nomor urut baris (1., 2., ...) di kiri.")
    judul_nomor: Baris = Field("NO.", description="Judul kolom nomor urut baris.")
    lebar_nomor: float = Field(1, gt=0, le=100, description="Lebar relatif kolom nomor urut baris.")
    baris: tuple[tuple[Sel, ...], ...] = Field(min_length=1)

    def leaves(self) -> tuple[Kolom, ...]:
        """The columns that rows fill (not counting the row-number column)."""
        return tuple(leaf for column in self.kolom for leaf in column.leaves())


class Paragraf(_Model):
    jenis: Literal["paragraf"]
    teks: Teks
    rata: Literal["kiri", "tengah", "kanan", "penuh"] = "penuh"


Isi = Annotated[Union[TabelIndikator, Tabel, Paragraf], Field(discriminator="jenis")]


class Lampiran(_Model):
    id: Optional[Id] = None
    judul: tuple[Baris, ...] = Field(min_length=1, description="Judul di tengah, baris demi baris.")
    orientasi: Literal["potret", "lanskap"] = "potret"
    isi: tuple[Isi, ...] = Field(min_length=1)
    tanda_tangan: bool = Field(True, description="Ulangi blok tanda tangan di akhir lampiran.")

    @field_validator("judul", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


# --------------------------------------------------------------------------- paraf


def _blank_is_none(value: Any) -> Any:
    """An empty paraf leaves room for a handwritten one."""
    return None if isinstance(value, str) and not value.strip() else value


class ParafHierarki(_Model):
    """One official who initials the draft beside the signatory's name (at most three)."""

    jabatan: Baris = Field(description="Jabatan singkat, misalnya 'Sekretaris' atau 'Kabid Mutasi'.")
    paraf: Optional[Baris] = Field(None, description="Paraf (inisial); kosong = ruang untuk paraf tangan.")

    _empty_is_none = field_validator("paraf", mode="before")(_blank_is_none)


class ParafKoordinasi(_Model):
    """A row of the paraf koordinasi table: unit, name, initials, date."""

    unit: Baris
    nama: Baris
    paraf: Optional[Baris] = Field(None, description="Paraf (inisial); kosong = ruang untuk paraf tangan.")
    tanggal: Optional[Tanggal] = None

    _empty_is_none = field_validator("paraf", mode="before")(_blank_is_none)


class Paraf(_Model):
    hierarki: tuple[ParafHierarki, ...] = Field((), max_length=3)
    koordinasi: tuple[ParafKoordinasi, ...] = ()


# --------------------------------------------------------------------------- decree


class Keputusan(_Model):
    """A decree's content file."""

    profil: Baris = Field(description="Berkas profil instansi, relatif terhadap berkas ini.")
    status: Literal["draf", "ditetapkan"] = "draf"
    nomor: Optional[Baris] = Field(None, description="Kosong selama masih draf.")
    tanggal: Optional[Tanggal] = Field(None, description="Tanggal penetapan, misalnya 2023-09-22.")
    tempat: Optional[Baris] = Field(None, description="Tempat penetapan; bawaannya dari profil.")
    pejabat: Optional[Baris] = Field(None, description="Pejabat penetap; bawaannya dari profil.")
    tentang: Baris
    menimbang: tuple[Menimbang, ...] = Field(min_length=1, max_length=52)
    mengingat: tuple[Mengingat, ...] = Field(min_length=1, max_length=500)
    memperhatikan: tuple[Memperhatikan, ...] = Field((), max_length=100)
    menetapkan: Optional[Baris] = Field(
        None, description="Nama keputusan pada 'Menetapkan'; bawaannya KEPUTUSAN <pejabat> TENTANG <tentang>."
    )
    diktum: tuple[Diktum, ...] = Field(min_length=1, max_length=200)
    penandatangan: Optional[Penandatangan] = None
    tembusan: tuple[Baris, ...] = Field(
        (), description="Penerima tembusan; nomor dan tanda baca (';', '.') dibubuhkan alat ini."
    )
    paraf: Optional[Paraf] = Field(None, description="Paraf pada draf (tidak dicetak setelah ditetapkan).")
    lampiran: tuple[Lampiran, ...] = Field((), max_length=50)
    menggantikan: Optional[Baris] = Field(
        None,
        description="Nomor keputusan yang dicabut dan diganti oleh keputusan ini; bila tidak ada diktum "
        "yang menyebutnya, diktum pencabutan dibubuhkan sebelum diktum terakhir.",
    )
    mengubah: Optional[Baris] = Field(
        None, description="Nomor keputusan yang diubah oleh keputusan ini (keputusan lama tetap berlaku)."
    )
