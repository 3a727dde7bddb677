"""Size limits on what the tool reads, in one place.

A decree is small: the seed's content file is 20 KB, its DOCX 30 KB. These
limits are far above any real decree and far below what would let a hostile
or broken file take minutes and gigabytes. Each can be raised for the rare
big decree by an environment variable, named in the refusal message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

MB = 1024 * 1024
PDF_OPERATIONS = "pdf_operations"  # a limit's name, which the test of message codes must not take for one


@dataclass(frozen=True)
class Limit:
    name: str
    default: int
    env: str
    what: str  # for the README and messages


LIMITS: dict[str, Limit] = {
    limit.name: limit
    for limit in (
        Limit("content_bytes", 5 * MB, "KEPUTUSAN_MAX_CONTENT_BYTES", "content or profile file, bytes"),
        Limit("text_chars", 20_000, "KEPUTUSAN_MAX_TEXT_CHARS", "one text (a diktum, a cell), characters"),
        Limit("image_bytes", 20 * MB, "KEPUTUSAN_MAX_IMAGE_BYTES", "emblem image file, bytes"),
        Limit(
            # an A4 page scanned at 600 dpi is 35 megapixels
            "image_pixels",
            50_000_000,
            "KEPUTUSAN_MAX_IMAGE_PIXELS",
            "emblem image, or an image in a PDF, pixels",
        ),
        Limit("docx_bytes", 50 * MB, "KEPUTUSAN_MAX_DOCX_BYTES", "DOCX or template file, bytes"),
        Limit(
            # parsing 29 MB of XML took 0.35 s and 380 MB of memory: 100 MB stays near 1.3 GB
            "docx_unpacked_bytes",
            100 * MB,
            "KEPUTUSAN_MAX_DOCX_UNPACKED_BYTES",
            "DOCX or template, all parts unpacked, bytes",
        ),
        # Measured: real decrees' parts compress 8-28x; a table of 20,000 identical rows, the most
        # repetitive WordprocessingML a build can make, 216x (zlib level 6) to 227x (level 9);
        # bombs made of runs reach 1000x. Only parts over 1 MB are judged by their ratio.
        Limit("docx_ratio", 300, "KEPUTUSAN_MAX_DOCX_RATIO", "DOCX part, unpacked size / packed size"),
        Limit("docx_parts", 2000, "KEPUTUSAN_MAX_DOCX_PARTS", "DOCX or template, number of parts"),
        Limit(
            "template_chars", 2_000_000, "KEPUTUSAN_MAX_TEMPLATE_CHARS", "template, text and tags, characters"
        ),
        Limit(
            # the shipped template has 103 tags; Jinja parses about 100,000 tags a second
            "template_tags",
            10_000,
            "KEPUTUSAN_MAX_TEMPLATE_TAGS",
            "template, tags ({{ }}, {% %}, {# #})",
        ),
        Limit(
            # the seed decree renders 84,000 characters of document XML, a decree at the content
            # limit about 20 MB; a render's memory grows with its output, 10x and more
            "template_output_chars",
            30_000_000,
            "KEPUTUSAN_MAX_TEMPLATE_OUTPUT_CHARS",
            "template, characters rendered (and built on the way)",
        ),
        Limit("pdf_bytes", 100 * MB, "KEPUTUSAN_MAX_PDF_BYTES", "PDF file, bytes"),
        Limit(
            # a record is about 3 KB: 512 MB hold some 170,000 archived decrees
            "manifest_bytes",
            512 * MB,
            "KEPUTUSAN_MAX_MANIFEST_BYTES",
            "archive manifest, bytes",
        ),
        Limit(
            # the seed decree has 40 objects (reportlab) to 880 (LibreOffice, tagged PDF/A), a
            # 100-page decree 10,700 (tagged). Looking at an object takes 5 to 20 us, and qpdf holds
            # 75 bytes for each entry of the cross-reference table before anything is read: a
            # hostile 80 MB table of 4 million entries took 28 s and 2.7 GB
            "pdf_objects",
            250_000,
            "KEPUTUSAN_MAX_PDF_OBJECTS",
            "PDF, objects its cross-reference sections declare",
        ),
        Limit(
            # Measured: the seed decree (9 pages) inflates from 81 KB to 415 KB (reportlab) and from
            # 177 KB to 488 KB (LibreOffice, PDF/A); a 100-page decree from 272 KB to 1.1 MB
            # (reportlab) and from 1.6 MB to 2.1 MB (LibreOffice, PDF/A). Counting stops at the limit,
            # which a flate bomb (1000 to 1) reaches in half a second and 4 MB of memory.
            "pdf_inflated_bytes",
            256 * MB,
            "KEPUTUSAN_MAX_PDF_INFLATED_BYTES",
            "PDF, all its compressed streams inflated, bytes",
        ),
        Limit(
            # Measured, the most on one page: the seed decree 866 operations (reportlab, PDF/A or
            # not), 1,063 (LibreOffice) and 1,349 (LibreOffice, PDF/A); a 100-page decree 1,052
            # (reportlab) and 1,359 (LibreOffice, PDF/A). pdfium holds some 350 bytes for each
            # operation it draws: a million took 0.13 s and 340 MB, 2.56 million 910 MB; forms nested
            # five deep, each drawing the next 40 times, make 102 million from 84 KB (20 GB)
            PDF_OPERATIONS,
            100_000,
            "KEPUTUSAN_MAX_PDF_OPERATIONS",
            "PDF, drawing operations of one page, forms drawn within it counted each time",
        ),
    )
}


def limit(name: str) -> int:
    """The limit in force: the environment variable when set to a positive whole number, else the default."""
    entry = LIMITS[name]
    raw = os.environ.get(entry.env, "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    return entry.default


def env_name(name: str) -> str:
    return LIMITS[name].env
