"""PDF finishing with pikepdf (the only module that touches pikepdf).

Every PDF we write, from either engine, passes through :func:`finish`: the
document information and XMP metadata come from the decree, the dates are the
decree's date (never the clock), the volatile keys LibreOffice adds are
removed, and the document /ID is derived from the content, so that the same
decree gives the same bytes. With ``pdfa`` the file also gets the PDF/A-2b
identification and an sRGB output intent.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Optional

import pikepdf

EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str
    author: str
    keywords: str
    date: Optional[dt.date]
    creator: str = "keputusan"

    @property
    def when(self) -> dt.datetime:
        if self.date is None:
            return EPOCH
        return dt.datetime.combine(self.date, dt.time(), dt.timezone.utc)


def _pdf_date(when: dt.datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%S+00'00'")


def srgb_profile() -> bytes:
    """An sRGB ICC profile made by littleCMS (through Pillow), with its date fixed."""
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _fix_icc(profile.tobytes())


def _fix_icc(data: bytes) -> bytes:
    """Zero an ICC profile's creation date (bytes 24-35) and profile ID (84-99)."""
    if len(data) < 128:
        return data
    return data[:24] + b"\0" * 12 + data[36:84] + b"\0" * 16 + data[100:]


def finish(data: bytes, meta: Metadata, pdfa: bool = False) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in ("/DocChecksum", "/ID"):  # /ID is then derived from the content
            if key in pdf.trailer:
                del pdf.trailer[key]
        for intent in pdf.Root.get("/OutputIntents", []):
            profile = intent.get("/DestOutputProfile")
            if profile is not None:
                profile.write(_fix_icc(profile.read_bytes()))
        if pdfa and "/OutputIntents" not in pdf.Root:
            icc = pikepdf.Stream(pdf, srgb_profile())
            icc["/N"] = 3
            pdf.Root.OutputIntents = pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.OutputIntent,
                        S=pikepdf.Name.GTS_PDFA1,
                        OutputConditionIdentifier="sRGB IEC61966-2.1",
                        Info="sRGB IEC61966-2.1",
                        DestOutputProfile=icc,
                    )
                ]
            )
        stamp = _pdf_date(meta.when)
        info = pdf.docinfo
        info["/Title"] = meta.title
        info["/Subject"] = meta.subject
        info["/Author"] = meta.author
        info["/Keywords"] = meta.keywords
        info["/Creator"] = meta.creator
        info["/CreationDate"] = stamp
        info["/ModDate"] = stamp
        if "/Trapped" in info:  # reportlab's default; it has no XMP equivalent
            del info["/Trapped"]
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            xmp.load_from_docinfo(pdf.docinfo, raise_failure=False)
            iso = meta.when.isoformat()
            xmp["xmp:CreateDate"] = iso
            xmp["xmp:ModifyDate"] = iso
            xmp["xmp:MetadataDate"] = iso
            for key in ("xmpMM:DocumentID", "xmpMM:InstanceID"):
                if key in xmp:
                    del xmp[key]
            if pdfa:
                xmp["pdfaid:part"] = "2"
                xmp["pdfaid:conformance"] = "B"
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
    return out.getvalue()


def pdfa_part(data: bytes) -> Optional[str]:
    """The PDF/A identification ('2B') of a PDF, if any."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        part = meta.get("pdfaid:part")
        return f"{part}{meta.get('pdfaid:conformance', '')}" if part else None
