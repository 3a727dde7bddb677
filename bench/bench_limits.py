"""The measurements behind the size limits in keputusan/limits.py (run by hand; never in the tests).

    .venv/bin/python bench/bench_limits.py

1. PDF layout time of one diktum paragraph of growing length (why one text is capped at
   20,000 characters: reportlab's paragraph splitting grows faster than linearly).
2. Compression ratios of a real DOCX's parts, and of the most repetitive document XML a build
   can make (one table row repeated 20,000 times), at zlib levels 6 and 9 (why 300x).
3. Time and memory to parse that XML with lxml (why 100 MB unpacked).
4. Whole-process refusal times of hostile inputs, as a user would run them.
"""

from __future__ import annotations

import io
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from keputusan.layout import layout  # noqa: E402
from keputusan.load import load  # noqa: E402

MINIMAL = """\
profil: profiles/bkpsdm-balangan.yaml
tentang: UJI COBA
menimbang:
  - bahwa perlu diuji
mengingat:
  - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
diktum:
  - "{text}"
  - Keputusan ini mulai berlaku pada tanggal ditetapkan.
"""


def paragraph_times(folder: Path) -> None:
    from keputusan import render_pdf

    print("1. PDF of one diktum paragraph (seconds, in-process)")
    for size in (5_000, 10_000, 20_000, 40_000, 80_000):
        text = ("pelaksanaan kegiatan dilakukan dengan sebaik-baiknya " * (size // 52 + 1))[:size]
        path = folder / f"p{size}.yaml"
        path.write_text(MINIMAL.format(text=text), encoding="utf-8")
        import os

        os.environ["KEPUTUSAN_MAX_TEXT_CHARS"] = str(size + 1)
        decree = load(path)
        start = time.perf_counter()
        render_pdf.render(layout(decree))
        print(f"   {size:>7,} characters: {time.perf_counter() - start:6.2f} s")
        del os.environ["KEPUTUSAN_MAX_TEXT_CHARS"]


def ratios() -> bytes:
    from keputusan import render_docx

    print("2. Compression ratios (unpacked / packed)")
    seed = load(ROOT / "content" / "kpts-800-1199-2023-iku-iki.yaml")
    data = render_docx.render(layout(seed))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for info in package.infolist():
            if info.file_size > 2000:
                print(f"   seed {info.filename:<28} {info.file_size / max(info.compress_size, 1):6.1f}x")
        document = package.read("word/document.xml").decode("utf-8")
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", document, re.S)
    row = rows[-1]
    start, end = document.index(row), document.index(row) + len(row)
    big = (document[:start] + row * 20_000 + document[end:]).encode("utf-8")
    for level in (6, 9):
        packed = zlib.compress(big, level)
        print(
            f"   20,000 identical rows ({len(big) / 1e6:.0f} MB), zlib {level}: {len(big) / len(packed):6.1f}x"
        )
    return big


def parse_cost(xml: bytes) -> None:
    from lxml import etree

    print("3. Parsing that document XML with lxml")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, load_dtd=False)
    root = etree.fromstring(xml, parser)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"   {len(xml) / 1e6:.0f} MB: {elapsed:.2f} s, peak memory +{(after - before) / 1024:.0f} MB ({len(root)} children)"
    )


def refusals(folder: Path) -> None:
    print("4. Whole-process refusals (seconds, exit code)")
    shutil.copytree(ROOT / "content" / "profiles", folder / "profiles", dirs_exist_ok=True)
    (folder / "pyproject.toml").write_text("")
    big = folder / "besar.yaml"
    big.write_text(MINIMAL.format(text="x") + "#" + "x" * 50_000_000 + "\n", encoding="utf-8")
    laughs = folder / "tawa.yaml"
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [
        f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]" for i in range(1, 10)
    ]
    laughs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bomb = folder / "bom.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as handle:
            for _ in range(300):
                handle.write(b" " * (1024 * 1024))
    keputusan = str(Path(sys.executable).parent / "keputusan")
    for label, args in (
        (f"check of a {big.stat().st_size // 1_000_000} MB content file", ["check", str(big)]),
        ("check of a YAML alias bomb", ["check", str(laughs)]),
        (f"text of a {bomb.stat().st_size // 1024} KB DOCX unpacking to 300 MB", ["text", str(bomb)]),
    ):
        start = time.perf_counter()
        result = subprocess.run([keputusan, *args], capture_output=True)
        print(f"   {label:<48} {time.perf_counter() - start:5.2f} s, exit {result.returncode}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="keputusan-limits-") as scratch:
        folder = Path(scratch)
        shutil.copytree(ROOT / "content" / "profiles", folder / "profiles")
        (folder / "pyproject.toml").write_text("")
        paragraph_times(folder)
        xml = ratios()
        parse_cost(xml)
        refusals(folder)


if __name__ == "__main__":
    main()
