"""Drafting a new decree from a signed one: ``keputusan revise OLD -o NEW [--revoke | --amend]``.

What a drafter checks in the draft: the profile and the schema are found from where the new
file is, the comment at the top describes the new draft, the subject and the diktum read as
an amendment or a replacement, and the file loads without problems. What a refusal leaves:
nothing.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from keputusan.cli import main
from keputusan.errors import Problem
from keputusan.layout import layout, plain
from keputusan.load import load

from .conftest import CONTENT, ROOT, SEED

NOMOR = "800/1199/Kpts/Ka/BKPSDM/2023"
PEJABAT = "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Balangan"
TENTANG = (
    "Penyesuaian Indikator Kinerja Utama (IKU) dan Indikator Kinerja Individu (IKI) Badan Kepegawaian "
    "dan Pengembangan Sumber Daya Manusia Kabupaten Balangan Tahun 2021-2026"
)
CITED = f"Keputusan {PEJABAT} Nomor {NOMOR} tentang {TENTANG}"
BERLAKU = "Keputusan ini mulai berlaku pada tanggal ditetapkan."
FORMS = ROOT / "tests" / "data" / "forms"


def unfinished_only(warnings: tuple[Problem, ...]) -> bool:
    """An amendment's draft holds its '...' to fill in (a warning, by design); nothing else."""
    return all(w.code == "placeholder_text" for w in warnings)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env={"LANG": "id_ID.UTF-8"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project (pyproject.toml at its root) with the seed, its profile and the schema in content/."""
    root = tmp_path / "proyek"
    content = root / "content"
    content.mkdir(parents=True)
    (root / "pyproject.toml").write_text("")
    shutil.copytree(CONTENT / "profiles", content / "profiles")
    shutil.copytree(CONTENT / "schema", content / "schema")
    shutil.copy(SEED, content / "lama.yaml")
    return root


def old_of(project: Path) -> Path:
    return project / "content" / "lama.yaml"


def profile_of(project: Path) -> Path:
    return project / "content" / "profiles" / "bkpsdm-balangan.yaml"


def schema_of(project: Path) -> Path:
    return project / "content" / "schema" / "keputusan.schema.json"


def key(text: str, name: str) -> str:
    found = re.search(rf"^{name}: (.*)$", text, re.MULTILINE)
    assert found is not None, f"no '{name}:' line"
    return found.group(1).strip()


def header(text: str) -> list[str]:
    """The comment lines at the top of the file, without '# '."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#") and line.strip():
            break
        lines.append(line.removeprefix("#").strip())
    return lines


def assert_placed(new: Path, project: Path) -> None:
    """What a drafter checks where the new file is: its profile and schema lines lead to the
    project's files, without climbing out of the project, and the draft loads without problems."""
    text = new.read_text(encoding="utf-8")
    named = load(new).content.profil
    folder = new.parent.resolve()
    assert not Path(named).is_absolute()
    assert (folder / named).resolve() == profile_of(project).resolve()
    assert Path(os.path.normpath(folder / named)).is_relative_to(project.resolve()), named
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), first
    pointer = first.removeprefix("# yaml-language-server: $schema=")
    assert (folder / pointer).resolve() == schema_of(project).resolve()
    assert Path(os.path.normpath(folder / pointer)).is_relative_to(project.resolve()), pointer
    decree = load(new)
    assert unfinished_only(decree.warnings)
    code, out, err = run("check", str(new))
    assert code == 0 and all("masih memuat '...'" in line for line in err.splitlines()), err


def texts(path: Path) -> list[str]:
    return [d.teks.plain() for d in load(path).content.diktum]


# --------------------------------------------------------------------------- where the new file is


PLACES = {
    "same-folder": "content/baru.yaml",
    "sub-folder": "content/2024/baru.yaml",
    "deeper": "content/2024/perubahan/baru.yaml",
    "sibling-folder": "draf/baru.yaml",
    "project-root": "baru.yaml",
}


@pytest.mark.parametrize("mode", [(), ("--revoke",), ("--amend",)], ids=["replace", "revoke", "amend"])
@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
def test_profile_and_schema_lead_to_the_project_files_from_the_new_place(
    project: Path, place: str, mode: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths given relative to a current folder outside the project."""
    elsewhere = project.parent / "di-luar"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    new = project / place
    old = os.path.relpath(old_of(project), elsewhere)
    code, out, err = run("revise", old, "-o", os.path.relpath(new, elsewhere), *mode)
    assert code == 0, err
    assert_placed(new, project)
    if place == PLACES["same-folder"]:  # nothing to change: the line stays as typed
        assert key(new.read_text(encoding="utf-8"), "profil") == "profiles/bkpsdm-balangan.yaml"


@pytest.mark.parametrize("style", ["absolute", "relative-inside", "dotted"])
def test_paths_given_absolute_or_relative_from_inside_the_project(
    project: Path, style: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project / "content")
    new = project / "arsip" / "2024" / "baru.yaml"
    if style == "absolute":
        args = (str(old_of(project)), str(new))
    elif style == "relative-inside":
        args = ("lama.yaml", "../arsip/2024/baru.yaml")
    else:
        args = ("./profiles/../lama.yaml", "profiles/../../arsip/./2024/baru.yaml")
    code, _, err = run("revise", args[0], "-o", args[1], "--amend")
    assert code == 0, err
    assert key(new.read_text(encoding="utf-8"), "profil") == "../../content/profiles/bkpsdm-balangan.yaml"
    assert_placed(new, project)


def test_new_folder_reached_through_a_link(project: Path) -> None:
    """proyek/pintasan is a link to proyek/content/2024: the profile is named from where the
    file really is, and the loader (which follows links) finds it."""
    (project / "content" / "2024").mkdir()
    (project / "pintasan").symlink_to(project / "content" / "2024", target_is_directory=True)
    new = project / "pintasan" / "baru.yaml"
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), "--amend")
    assert code == 0, err
    assert (project / "content" / "2024" / "baru.yaml").is_file()
    assert_placed(new, project)


def test_a_profile_that_is_a_link_stays_that_link(project: Path) -> None:
    """content/profiles/bkpsdm-balangan.yaml is a link to a shared copy: the new file names the
    link (re-pointing the link moves every decree), not the file it points to today."""
    shared = project / "bersama"
    shared.mkdir()
    profile = profile_of(project)
    shutil.move(str(profile), shared / profile.name)
    shutil.copy(profile.parent / "lambang-placeholder.png", shared)
    profile.symlink_to(Path("../../bersama") / profile.name)
    new = project / "content" / "2024" / "baru.yaml"
    code, _, err = run("revise", str(old_of(project)), "-o", str(new))
    assert code == 0, err
    assert key(new.read_text(encoding="utf-8"), "profil") == "../profiles/bkpsdm-balangan.yaml"
    assert_placed(new, project)


@pytest.mark.parametrize("through", ["old", "new"])
def test_project_reached_through_a_link_for_one_path_only(project: Path, through: str) -> None:
    """One of the two files named through a link to the project, the other by its real path:
    the profile is not named through the link (../../../pintasan-proyek/...), out of the project."""
    alias = project.parent / "pintasan-proyek"
    alias.symlink_to(project, target_is_directory=True)
    old, new = old_of(project), project / "content" / "2024" / "baru.yaml"
    if through == "old":
        old = alias / "content" / "lama.yaml"
    else:
        new = alias / "content" / "2024" / "baru.yaml"
    code, _, err = run("revise", str(old), "-o", str(new), "--revoke")
    assert code == 0, err
    text = new.read_text(encoding="utf-8")
    assert key(text, "profil") == "../profiles/bkpsdm-balangan.yaml"
    assert text.startswith("# yaml-language-server: $schema=../schema/keputusan.schema.json\n")
    assert_placed(new, project)


def test_schema_line_where_the_old_file_had_none_or_a_url(project: Path) -> None:
    text = old_of(project).read_text(encoding="utf-8")
    body = text[text.index("profil:") :]
    (project / "content" / "polos.yaml").write_text(body, encoding="utf-8")
    new = project / "content" / "2024" / "a.yaml"
    code, _, err = run("revise", str(project / "content" / "polos.yaml"), "-o", str(new), "--amend")
    assert code == 0, err
    assert_placed(new, project)  # the schema `keputusan schema` writes, found in content/schema/
    url = "https://contoh.go.id/keputusan.schema.json"
    (project / "content" / "url.yaml").write_text(
        f"# yaml-language-server: $schema={url}\n{body}", encoding="utf-8"
    )
    new = project / "content" / "2024" / "b.yaml"
    code, _, err = run("revise", str(project / "content" / "url.yaml"), "-o", str(new))
    assert code == 0, err
    assert new.read_text(encoding="utf-8").splitlines()[0] == f"# yaml-language-server: $schema={url}"
    shutil.rmtree(project / "content" / "schema")
    new = project / "content" / "2024" / "c.yaml"
    code, _, err = run("revise", str(project / "content" / "polos.yaml"), "-o", str(new))
    assert code == 0, err
    text = new.read_text(encoding="utf-8")
    assert "$schema" not in text and text.startswith("# Draf pengganti Keputusan")


def test_new_file_outside_the_project_is_refused_and_leaves_nothing(project: Path) -> None:
    outside = project.parent / "luar" / "baru" / "baru.yaml"
    code, out, err = run("revise", str(old_of(project)), "-o", str(outside), "--amend")
    assert code == 1 and out == ""
    assert err.startswith(f"{old_of(project)}:11:"), err  # the profil line of the old decree
    assert not (project.parent / "luar").exists()


# --------------------------------------------------------------------------- replacement


def test_replacement_changes_the_status_lines_and_the_header(project: Path) -> None:
    new = project / "content" / "revisi.yaml"
    code, out, err = run("revise", str(old_of(project)), "-o", str(new))
    assert code == 0, err
    assert str(new) in out
    decree = load(new)
    assert decree.is_draft and decree.content.nomor is None and decree.content.tanggal is None
    assert decree.content.menggantikan == NOMOR and decree.content.mengubah is None
    assert len(decree.content.diktum) == 4  # the revoking diktum is added when printed
    assert [d.marker for d in decree.diktum()][3] == "KEEMPAT"
    before, after = old_of(project).read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
    body = difflib.ndiff(before.splitlines()[len(header(before)) :], after.splitlines()[len(header(after)) :])
    removed = [line[2:] for line in body if line.startswith("- ")]
    body = difflib.ndiff(before.splitlines()[len(header(before)) :], after.splitlines()[len(header(after)) :])
    added = [line[2:] for line in body if line.startswith("+ ")]
    assert removed == ["status: ditetapkan", f"nomor: {NOMOR}", "tanggal: 2023-09-22"]
    assert added == ["status: draf", f"menggantikan: {NOMOR}"]
    top = " ".join(header(after))
    assert f"Draf pengganti Keputusan {PEJABAT} Nomor {NOMOR} tentang {TENTANG}." in top
    assert "disalin kata demi kata" not in after  # the old decree's own description is gone
    assert_placed(new, project)


def test_revoke_writes_the_revoking_diktum_before_the_last(project: Path) -> None:
    new = project / "content" / "sub" / "revisi.yaml"
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), "--revoke")
    assert code == 0, err
    found = texts(new)
    assert len(found) == 5 and found[-1] == BERLAKU
    assert found[3] == f"Dengan ditetapkannya Keputusan ini, {CITED} dicabut dan dinyatakan tidak berlaku."
    decree = load(new)
    assert [d.marker for d in decree.diktum()][3] == "KEEMPAT"
    assert decree.content.menggantikan == NOMOR and decree.content.mengubah is None
    assert decree.content.tentang == load(old_of(project)).content.tentang
    assert decree.content.menetapkan == load(old_of(project)).content.menetapkan  # still names the subject
    assert "Draf pengganti Keputusan" in " ".join(header(new.read_text(encoding="utf-8")))
    assert_placed(new, project)


def test_revoke_into_a_flow_style_diktum_list(project: Path) -> None:
    text = old_of(project).read_text(encoding="utf-8")
    start, end = text.index("diktum:\n"), text.index("\nlampiran:")
    flow = 'diktum: ["Pertama: berlaku, seperti tertulis.", "Keputusan ini mulai berlaku pada tanggal ditetapkan."]\n'
    (project / "content" / "alir.yaml").write_text(text[:start] + flow + text[end:], encoding="utf-8")
    new = project / "content" / "revisi-alir.yaml"
    code, _, err = run("revise", str(project / "content" / "alir.yaml"), "-o", str(new), "--revoke")
    assert code == 0, err
    found = texts(new)
    assert found[0] == "Pertama: berlaku, seperti tertulis."
    assert found[1].startswith("Dengan ditetapkannya Keputusan ini, Keputusan Kepala Badan")
    assert found[2] == BERLAKU


def test_never_overwrites_and_needs_a_signed_decree(project: Path) -> None:
    existing = project / "content" / "ada.yaml"
    existing.write_text("isi pengguna", encoding="utf-8")
    code, _, err = run("revise", str(old_of(project)), "-o", str(existing))
    assert code == 1 and "sudah ada" in err
    assert existing.read_text(encoding="utf-8") == "isi pengguna"
    draft = project / "content" / "draf.yaml"
    draft.write_text(
        old_of(project)
        .read_text(encoding="utf-8")
        .replace("status: ditetapkan", "status: draf")
        .replace(f"nomor: {NOMOR}\n", "")
        .replace("tanggal: 2023-09-22\n", ""),
        encoding="utf-8",
    )
    code, _, err = run("revise", str(draft), "-o", str(project / "content" / "x.yaml"), "--amend")
    assert code == 1 and "masih draf" in err
    assert not (project / "content" / "x.yaml").exists()


# --------------------------------------------------------------------------- amendment


def test_amend_drafts_a_perubahan_that_keeps_the_old_decree_in_force(project: Path) -> None:
    new = project / "content" / "2024" / "perubahan.yaml"
    code, out, err = run("revise", str(old_of(project)), "-o", str(new), "--amend")
    assert code == 0, err
    assert str(new) in out
    text = new.read_text(encoding="utf-8")
    decree = load(new)
    content = decree.content
    assert content.status == "draf" and content.nomor is None and content.tanggal is None
    assert content.mengubah == NOMOR and content.menggantikan is None
    assert "menggantikan" not in text and not re.search(r"^(nomor|tanggal):", text, re.MULTILINE)
    old_tentang = load(old_of(project)).tentang
    assert content.tentang == (
        "PERUBAHAN ATAS KEPUTUSAN KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN "
        f"BALANGAN NOMOR {NOMOR} TENTANG {old_tentang}"
    )
    # menetapkan is derived again from the new subject (the old override and its comment are gone)
    assert content.menetapkan is None and not re.search(r"^menetapkan:", text, re.MULTILINE)
    assert "Di naskah asli nama ini" not in text
    assert decree.menetapkan == f"KEPUTUSAN {decree.pejabat} TENTANG {content.tentang}."
    assert [m.teks.plain() for m in content.menimbang] == [
        f"bahwa untuk ... perlu dilakukan perubahan atas {CITED}",
        "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan "
        f"{PEJABAT} tentang Perubahan atas {CITED}",
    ]
    assert content.mengingat == load(old_of(project)).content.mengingat
    old = [d.teks.plain() for d in load(old_of(project)).content.diktum]
    first, *quoted = content.diktum[0].teks.plain().split("\n")
    assert first == (
        f"Mengubah DIKTUM KESATU, DIKTUM KEDUA, dan DIKTUM KETIGA {CITED} sehingga berbunyi sebagai berikut:"
    )
    assert quoted == [f"KESATU : {old[0]}", f"KEDUA : {old[1]}", f"KETIGA : {old[2]}"]
    assert len(content.diktum) == 2 and content.diktum[1].teks.plain() == BERLAKU
    assert content.lampiran == ()
    top = " ".join(header(text))
    assert f"Draf perubahan atas Keputusan {PEJABAT} Nomor {NOMOR} tentang {TENTANG}." in top
    assert "disalin kata demi kata" not in text
    printed = layout(decree)
    labels = [plain(p.label) for p in printed.diktum if p.label]
    assert labels == ["Menetapkan", "KESATU", "KEDUA"]
    assert plain(printed.title[-1]) == content.tentang
    assert_placed(new, project)


def test_amend_chosen_diktum_and_the_lampiran(project: Path) -> None:
    new = project / "content" / "perubahan.yaml"
    args = ("--amend", "--diktum", "kedua", "--diktum", " KEDUA ", "--lampiran")
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), *args)
    assert code == 0, err
    old = load(old_of(project))
    found = texts(new)
    assert found == [
        f"Mengubah DIKTUM KEDUA {CITED} sehingga berbunyi sebagai berikut:\n"
        f"KEDUA : {old.content.diktum[1].teks.plain()}",
        f"Lampiran I dan Lampiran II {CITED} diubah sehingga menjadi sebagaimana tercantum dalam "
        "Lampiran I dan Lampiran II Keputusan ini.",
        BERLAKU,
    ]
    decree = load(new)
    assert decree.content.lampiran == old.content.lampiran  # kept, to be edited
    assert [d.marker for d in decree.diktum()] == ["KESATU", "KEDUA", "KETIGA"]
    assert "yang diubah: DIKTUM KEDUA dan lampiran" in " ".join(header(new.read_text(encoding="utf-8")))
    assert_placed(new, project)


def test_amend_only_the_lampiran(project: Path) -> None:
    new = project / "content" / "perubahan.yaml"
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), "--amend", "--lampiran")
    assert code == 0, err
    found = texts(new)
    assert (
        len(found) == 2
        and found[0].startswith("Lampiran I dan Lampiran II Keputusan Kepala")
        and found[1] == BERLAKU
    )
    assert len(load(new).content.lampiran) == 2


def test_amend_is_the_same_bytes_twice_and_keeps_line_ends(project: Path) -> None:
    """A CRLF file with a byte-order mark: the draft keeps both, every line; two runs agree."""
    crlf = project / "content" / "crlf.yaml"
    crlf.write_bytes(b"\xef\xbb\xbf" + old_of(project).read_bytes().replace(b"\n", b"\r\n"))
    one, two = project / "content" / "satu.yaml", project / "content" / "dua.yaml"
    for new in (one, two):
        code, _, err = run("revise", str(crlf), "-o", str(new), "--amend", "--diktum", "KEDUA")
        assert code == 0, err
    data = one.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert data.replace(
        b"Dibuat dengan 'keputusan revise --amend' dari crlf.yaml", b""
    ) == two.read_bytes().replace(b"Dibuat dengan 'keputusan revise --amend' dari crlf.yaml", b"")
    assert data == two.read_bytes()
    assert load(one).content.mengubah == NOMOR


def test_amend_a_decree_with_nested_lists_and_literal_text(tmp_path: Path) -> None:
    """The test decree of every form (a Bupati's, lists in lists, & < {{ }} in its subject, an
    amendment itself), signed: its amended diktum keep their lists, the subject stays literal."""
    folder = tmp_path / "bentuk"
    shutil.copytree(FORMS, folder)
    (tmp_path / "pyproject.toml").write_text("")
    text = (folder / "semua-bentuk.yaml").read_text(encoding="utf-8")
    signed = text.replace(
        "status: draf\n", "status: ditetapkan\nnomor: 188.45/200/2024\ntanggal: 2024-03-04\n"
    )
    signed = signed.replace("paraf:\n", "paraf_lama:\n", 1)
    signed = re.sub(r"paraf_lama:\n(  .*\n)+", "", signed)  # a signed decree carries no paraf
    (folder / "lama.yaml").write_text(signed, encoding="utf-8")
    new = folder / "ubah" / "baru.yaml"
    code, _, err = run("revise", str(folder / "lama.yaml"), "-o", str(new), "--amend", "--diktum", "Kedua")
    assert code == 0, err
    decree = load(new)
    assert unfinished_only(decree.warnings)
    assert decree.content.mengubah == "188.45/200/2024" and decree.content.menggantikan is None
    assert decree.content.tentang.startswith(
        "PERUBAHAN ATAS KEPUTUSAN BUPATI BALANGAN NOMOR 188.45/200/2024 TENTANG"
    )
    assert decree.content.tentang.endswith("& <SEKRETARIAT> {{ TIM }}")
    printed = layout(decree)
    body = [(p.kind, p.level, plain(p.marker), plain(p.runs)) for p in printed.diktum]
    assert (
        "lanjutan",
        0,
        "",
        "KEDUA : Tim sebagaimana dimaksud dalam Diktum KESATU mempunyai tugas:",
    ) in body
    assert ("butir", 1, "b.", "melaksanakan evaluasi, meliputi:") in body
    assert ("butir", 2, "1)", "pengumpulan data;") in body
    assert ("butir", 2, "2)", "analisis capaian;") in body
    assert ("butir", 1, "c.", "melaporkan hasil kepada Bupati.") in body
    assert [p for p in body if p[3] == BERLAKU]


# --------------------------------------------------------------------------- refusals


def _refused(project: Path, new: Path, *args: str) -> str:
    code, out, err = run("revise", str(old_of(project)), "-o", str(new), *args)
    assert code != 0 and out == ""
    assert err.startswith(str(old_of(project))), err  # located: the old decree named
    assert "Traceback" not in err
    assert not new.exists()
    assert not (project / "content" / "baru").exists()  # no folder left behind either
    return err


def test_amend_and_revoke_together_are_refused(project: Path) -> None:
    new = project / "content" / "baru" / "x.yaml"
    err = _refused(project, new, "--amend", "--revoke")
    assert err.startswith(f"{old_of(project)}: galat: ")
    _refused(project, new, "--revoke", "--amend", "--diktum", "KEDUA")


def test_amend_options_without_amend_are_refused(project: Path) -> None:
    new = project / "content" / "baru" / "x.yaml"
    _refused(project, new, "--diktum", "KEDUA")
    _refused(project, new, "--lampiran", "--revoke")


def test_an_unknown_diktum_is_refused_at_the_diktum_line(project: Path) -> None:
    new = project / "content" / "baru" / "x.yaml"
    line = old_of(project).read_text(encoding="utf-8").splitlines().index("diktum:") + 1
    for wrong in ("KELIMA", "5", "PERTAMA", ""):
        err = _refused(project, new, "--amend", "--diktum", wrong)
        assert err.startswith(f"{old_of(project)}:{line}:"), err


def test_lampiran_of_a_decree_without_one_is_refused(project: Path) -> None:
    text = old_of(project).read_text(encoding="utf-8")
    old_of(project).write_text(text[: text.index("\nlampiran:")] + "\n", encoding="utf-8")
    text = (
        old_of(project)
        .read_text(encoding="utf-8")
        .replace("lampiran I dan II Keputusan ini", "Keputusan ini")
    )
    old_of(project).write_text(text, encoding="utf-8")
    _refused(project, project / "content" / "baru" / "x.yaml", "--amend", "--lampiran")


def test_a_decree_with_only_the_effective_date_diktum_needs_a_choice(project: Path) -> None:
    text = old_of(project).read_text(encoding="utf-8")
    start, end = text.index("diktum:\n"), text.index("\nlampiran:")
    old_of(project).write_text(text[:start] + f"diktum:\n  - {BERLAKU}\n" + text[end:], encoding="utf-8")
    new = project / "content" / "baru" / "x.yaml"
    _refused(project, new, "--amend")
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), "--amend", "--diktum", "kesatu")
    assert code == 0, err
    assert texts(new)[0].endswith(f"sehingga berbunyi sebagai berikut:\nKESATU : {BERLAKU}")


# --------------------------------------------------------------------------- the file's own shape


def test_ids_stay_unique(project: Path) -> None:
    """The ids revise writes are taken already (a legal basis 'perubahan', a diktum 'pencabutan'):
    the new ones get a number, and the draft loads (the loader refuses an id used twice)."""
    text = old_of(project).read_text(encoding="utf-8")
    text = text.replace("id: uu-2-2003", "id: perubahan").replace("id: makna-iku", "id: pencabutan")
    old_of(project).write_text(text, encoding="utf-8")
    new = project / "content" / "cabut.yaml"
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), "--revoke")
    assert code == 0, err
    assert [d.id for d in load(new).content.diktum] == [
        "penetapan",
        "pencabutan",
        "makna-iki",
        "pencabutan-2",
        "berlaku",
    ]
    new = project / "content" / "ubah.yaml"
    code, _, err = run(
        "revise", str(old_of(project)), "-o", str(new), "--amend", "--lampiran", "--diktum", "2"
    )
    assert code == 0, err
    decree = load(new)
    assert [d.id for d in decree.content.diktum] == ["perubahan-2", "perubahan-lampiran", "berlaku"]
    assert decree.content.mengingat[0].id == "perubahan"


def test_a_file_written_as_one_flow_mapping(project: Path) -> None:
    """A content file written as JSON (one flow mapping): amended and replaced all the same."""
    import json

    import yaml

    data = yaml.load(old_of(project).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    (project / "content" / "json.yaml").write_text(
        json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    for mode in ("--amend", "--revoke"):
        new = project / "content" / "2024" / f"dari-json{mode}.yaml"
        code, _, err = run("revise", str(project / "content" / "json.yaml"), "-o", str(new), mode)
        assert code == 0, err
        decree = load(new)
        assert unfinished_only(decree.warnings)
        assert (decree.content.mengubah, decree.content.menggantikan) == (
            (NOMOR, None) if mode == "--amend" else (None, NOMOR)
        )
        assert_placed(new, project)


def test_comments_that_described_removed_parts_go_with_them(project: Path) -> None:
    """The comment above 'menetapkan' described the old override: it goes with the key, and the
    blank lines around are not doubled; comments elsewhere stay as typed."""
    new = project / "content" / "ubah.yaml"
    code, _, err = run("revise", str(old_of(project)), "-o", str(new), "--amend")
    assert code == 0, err
    text = new.read_text(encoding="utf-8")
    assert "\n\n\n" not in text and text.endswith("ditetapkan.\n")
    assert "    nomor: PER/9/M.PAN/5/2007   # tahun sudah ada di nomor\n" in text
    assert "  # ------------------------------------------------------------------ LAMPIRAN I" not in text
