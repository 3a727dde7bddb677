"""Problems as sentences in the reader's language, through gettext catalogs.

Message ids are English; ``locale/id`` holds the Indonesian catalog, the default
language for the secretariat staff who read these messages.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Optional

from .errors import Problem

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "keputusan"
LANGUAGES = ("id", "en")


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated when shown."""
    return message


# code -> (what is wrong, what to do). Parameters in {braces}.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_missing": (N_("File not found."), N_("Check the path and the file name.")),
    "file_unreadable": (
        N_("Cannot read the file: {detail}."),
        N_("Check that the file is not open elsewhere and that you may read it."),
    ),
    "not_utf8": (
        N_("The file is not UTF-8 text."),
        N_("Save it again as UTF-8 (in Notepad: Save As, Encoding: UTF-8)."),
    ),
    "yaml_syntax": (
        N_("YAML syntax error: {detail}."),
        N_("Check the indentation (spaces, not tabs) and that every quote and bracket is closed."),
    ),
    "yaml_too_deep": (
        N_("The file nests too deeply or repeats itself too often."),
        N_("Write the structure out plainly, without anchors (&) and aliases (*)."),
    ),
    "yaml_recursive": (
        N_("An alias refers to itself."),
        N_("Remove the alias (*name) that points back into its own anchor."),
    ),
    "empty_file": (N_("The file is empty."), N_("Start from one of the example files in content/.")),
    "not_a_mapping": (
        N_("The file must consist of 'key: value' lines."),
        N_("Start from one of the example files in content/."),
    ),
    "duplicate_key": (
        N_("'{key}' is written twice (first on line {first_line})."),
        N_("Keep only one of them."),
    ),
    "key_not_text": (
        N_("A key must be a plain word."),
        N_("Write the key as a word followed by a colon, such as 'nomor:'."),
    ),
    "merge_key": (N_("YAML merge keys (<<) are not supported."), N_("Write the keys out in full.")),
    "missing": (N_("'{field}' is required here."), N_("Add a line '{field}: ...'.")),
    "unknown_key": (N_("Unknown key '{key}'."), N_("Allowed here: {allowed}.")),
    "unknown_key_suggest": (N_("Unknown key '{key}'."), N_("Did you mean '{suggestion}'?")),
    "expected_text": (N_("Expected text, found {found}."), N_("Write the text after the colon.")),
    "expected_integer": (
        N_("Expected a whole number, found {found}."),
        N_("Write digits only, such as 2023."),
    ),
    "expected_number": (N_("Expected a number, found {found}."), N_("Write a number, such as 12 or 12.5.")),
    "expected_yes_no": (N_("Expected true or false, found {found}."), N_("Write true or false.")),
    "expected_list": (
        N_("Expected a list, found {found}."),
        N_("Write each item on its own line, starting with '- '."),
    ),
    "expected_mapping": (
        N_("Expected 'key: value' lines, found {found}."),
        N_("Write the parts as indented 'key: value' lines."),
    ),
    "expected_one_of": (N_("{found} is not allowed here."), N_("Choose one of: {expected}.")),
    "empty_text": (N_("This text is empty."), N_("Write the text, or remove the line.")),
    "empty_list": (
        N_("This list needs at least {min} item(s)."),
        N_("Add the items, each on a line starting with '- '."),
    ),
    "control_character": (
        N_("The text contains an invisible control character."),
        N_("Retype the text; characters copied from other programs can carry such characters."),
    ),
    "bad_id": (
        N_("{found} is not a valid id."),
        N_("Use lower-case letters, digits, '-', '_' or '.', such as iki-6b."),
    ),
    "bad_column": (
        N_("{found} is not a kind of column."),
        N_("Use nomor, sasaran, indikator, penjelasan, penanggung_jawab, sumber_data or data.<key>."),
    ),
    "bad_key_name": (
        N_("{found} is not a valid name for extra data."),
        N_("Use lower-case letters, digits and '_', such as satuan."),
    ),
    "bad_block_kind": (N_("Unknown kind of content {found}."), N_("Use jenis: {expected}.")),
    "missing_block_kind": (
        N_("This content block has no 'jenis'."),
        N_("Add 'jenis: tabel_indikator', 'jenis: tabel' or 'jenis: paragraf'."),
    ),
    "too_small": (N_("{found} is too small."), N_("It must be at least {limit}.")),
    "too_large": (N_("{found} is too large."), N_("It must be at most {limit}.")),
    "date_format": (N_("'{value}' is not a date."), N_("Write it as 2023-09-22 or as 22 September 2023.")),
    "date_impossible": (N_("The date '{value}' does not exist."), N_("Check the day and the month.")),
    "nip_length": (
        N_("An NIP has 18 digits; '{value}' has {count}."),
        N_("Write it as 8 + 6 + 1 + 3 digits, such as 19681012 198903 1 009."),
    ),
    "nip_birth_date": (
        N_("The NIP's first 8 digits '{value}' are not a real birth date (YYYYMMDD)."),
        N_("Check the NIP against the official's SK."),
    ),
    "nip_start_date": (
        N_("The NIP's digits 9 to 14 '{value}' are not a possible CPNS start (YYYYMM)."),
        N_("Check the NIP against the official's SK."),
    ),
    "nip_sex": (
        N_("The NIP's 15th digit must be 1 (male) or 2 (female), not {value}."),
        N_("Check the NIP against the official's SK."),
    ),
    "number_pattern": (
        N_(
            "The number pattern must contain {{urut}} and may use only {{klasifikasi}}, {{urut}} and {{tahun}} (unknown: {unknown})."
        ),
        N_("Write it like {{klasifikasi}}/{{urut}}/Kpts/Ka/BKPSDM/{{tahun}}."),
    ),
    "legal_basis_form": (
        N_(
            "A legal basis needs either 'teks' or 'jenis' (with nomor, tahun and tentang), not both and not neither."
        ),
        N_("Write the regulation as structured fields, or as one 'teks'."),
    ),
    "invalid": (N_("Invalid value: {detail}."), N_("Compare with the example files in content/.")),
    "profile_missing": (
        N_("The profile '{value}' does not exist (looked for {resolved})."),
        N_("Check the path; it is relative to this file."),
    ),
    "image_missing": (
        N_("The image '{value}' does not exist."),
        N_("Put the image beside the profile, or correct the path."),
    ),
    "image_outside": (
        N_("The image '{value}' lies outside the folder {base}."),
        N_("Put the image in that folder and refer to it by a relative path."),
    ),
    "image_not_image": (N_("'{value}' is not a PNG or JPEG image."), N_("Save the emblem as PNG or JPEG.")),
    "duplicate_id": (
        N_("The id '{id}' is used twice (first on line {first_line})."),
        N_("Give each item its own id."),
    ),
    "final_needs_number": (
        N_("A decree with status 'ditetapkan' needs a number."),
        N_("Take a number for it, or set status: draf."),
    ),
    "final_needs_date": (
        N_("A decree with status 'ditetapkan' needs a date."),
        N_("Add 'tanggal: YYYY-MM-DD', or set status: draf."),
    ),
    "draft_has_number": (
        N_("A draft has no number yet, but this one has '{value}'."),
        N_("Remove 'nomor', or set status: ditetapkan."),
    ),
    "number_mismatch": (
        N_("The number '{value}' does not follow the agency's pattern '{pattern}'."),
        N_("Write it like {example}."),
    ),
    "number_year": (
        N_("The number's year {number_year} differs from the year of the date ({date_year})."),
        N_("Correct the number or the date."),
    ),
    "no_signatory": (
        N_("Nobody signs: neither this decree nor its profile names a signatory."),
        N_("Add 'penandatangan' with nama, pangkat and nip."),
    ),
    "column_twice": (N_("The column '{value}' appears twice in this table."), N_("Keep one of them.")),
    "column_required": (
        N_("This table needs a column with 'isi: {value}'."),
        N_("Add the column to 'kolom'."),
    ),
    "row_width": (
        N_("Row {row} fills {count} column(s), but the table has {columns}."),
        N_("Add or remove cells, counting cells merged from above and gabung_kolom."),
    ),
    "span_past_end": (
        N_("This cell spans {span} rows, past the end of the table."),
        N_("Reduce gabung_baris."),
    ),
    "data_missing": (
        N_("Indicator '{id}' has no value for the column '{column}'."),
        N_("Add '{key}: ...' under 'data' of this indicator."),
    ),
    "mengingat_order": (
        N_("Legal basis {index} ({kind}) ranks higher than the one before it."),
        N_("Order legal bases from the highest (UUD, UU) to the lowest (Perkada)."),
    ),
    "template_unreadable": (
        N_("The template cannot be read as a DOCX file: {detail}."),
        N_("Save it from Word or LibreOffice as a Word document (.docx)."),
    ),
    "tag_split": (
        N_("The tag {tag} in paragraph {paragraph} is split over {count} runs."),
        N_("Delete the tag and type it again in one go, without changing its formatting in between."),
    ),
    "tag_unclosed": (
        N_("A tag in paragraph {paragraph} is not closed: '{text}'."),
        N_("Close it with }}}} or %}}."),
    ),
    "template_syntax": (
        N_("The template's tags do not fit together: {detail}."),
        N_("Check that every {{% for %}} has its {{% endfor %}} and every {{% if %}} its {{% endif %}}."),
    ),
    "tag_missing": (
        N_("The template never uses '{name}', so the {what} would be missing."),
        N_("Put the tags for it back; compare with templates/keputusan.docx."),
    ),
    "tag_unknown": (
        N_("The template uses '{name}', which no decree provides."),
        N_("Check the spelling of the tag."),
    ),
    "style_missing": (
        N_("The template has no paragraph style '{name}'."),
        N_("Restore the style; the build sets sizes and borders through it."),
    ),
    "table_missing": (
        N_("The template has no table titled '{name}'."),
        N_("Restore the table (its title is under Table Properties, Alt Text)."),
    ),
    "font_fallback": (
        N_(
            "The font {family} is not installed, nor a metric-compatible substitute; the PDF uses {used}, so lines may break differently from the DOCX."
        ),
        N_("Install {family} (or Liberation Sans for Arial), or use --pdf-engine libreoffice."),
    ),
    "mengingat_year_order": (
        N_("Legal basis {index} is older than the one before it, of the same rank."),
        N_("Within one rank, order legal bases by year."),
    ),
    "replaces_itself": (
        N_("The decree replaces itself: 'menggantikan' is its own number {value}."),
        N_("'menggantikan' names the earlier decree this one replaces; correct it or remove the line."),
    ),
    # --- MESSAGES: forms beyond the seed (issue 12)
    "kop_needs_image": (
        N_("A letterhead of kind 'gambar' needs the image of the whole letterhead."),
        N_("Add 'gambar: <file>.png' under 'kop', or choose another 'jenis'."),
    ),
    "kop_needs_lines": (
        N_("A letterhead of kind '{kind}' needs its lines of text ('baris')."),
        N_("Add 'baris:' under 'kop' with the lines (e.g. BUPATI BALANGAN), or use 'jenis: gambar'."),
    ),
    "mengingat_twice": (
        N_("Legal basis {index} cites the same regulation as legal basis {first} (line {first_line})."),
        N_("Remove one of them."),
    ),
    "amends_and_replaces": (
        N_("The decree both amends ('mengubah') and replaces ('menggantikan') an earlier one."),
        N_(
            "An amendment keeps the earlier decree in force, a replacement revokes it: keep only one of the two keys."
        ),
    ),
    "amends_itself": (
        N_("The decree amends itself: 'mengubah' is its own number {value}."),
        N_("'mengubah' names the earlier decree this one amends; correct it or remove the line."),
    ),
    "paraf_on_final": (
        N_("A signed decree still carries 'paraf'; they are not printed once the decree is ditetapkan."),
        N_("Remove 'paraf' from the signed version (paraf belong to drafts)."),
    ),
    "menetapkan_stale": (
        N_("'menetapkan' does not contain the subject ('tentang'); it may be left from an earlier version."),
        N_("Remove 'menetapkan' to derive it from 'tentang', or correct it."),
    ),
    "page_number_format": (
        N_("The page number format {found} must contain {{n}} once and no other braces."),
        N_("Write it like '- {{n}} -'."),
    ),
    "tte_anchor": (
        N_("The TTE anchor {found} must be one to eight characters without spaces."),
        N_("Use the character your signing service looks for, e.g. '#'."),
    ),
    "qr_url_pattern": (
        N_("The verification address {found} is not an http(s) address (with at most one {{nomor}})."),
        N_("Write it like 'https://jdih.example.go.id/verifikasi/{{nomor}}'."),
    ),
    "too_many": (
        N_("There are more than {limit} items here."),
        N_("Keep at most {limit}."),
    ),
    "indicator_field_missing": (
        N_("'{field}' is missing for this indicator table (jenis: tabel_indikator)."),
        N_(
            "An indicator table needs sasaran, indikator, makna, alasan_pemilihan, formulasi_perhitungan, sumber_referensi, penanggung_jawab and sumber_data; for a table of other columns use 'jenis: tabel' with 'kolom' and 'baris'."
        ),
    ),
    "revise_amend_and_revoke": (
        N_("--amend (an amendment) and --revoke (a replacement) cannot be used together."),
        N_("An amendment keeps the old decree in force, a replacement revokes it: choose one."),
    ),
    "revise_needs_amend": (
        N_("{option} chooses what an amendment changes; it needs --amend."),
        N_("Add --amend, or leave {option} out."),
    ),
    "revise_unknown_diktum": (
        N_("--diktum {value}: this decree has no such diktum (it has {choices})."),
        N_("Name a diktum by its ordinal as printed, such as --diktum KEDUA."),
    ),
    "revise_no_lampiran": (
        N_("--lampiran: this decree has no lampiran to amend."),
        N_("Leave --lampiran out."),
    ),
    "revise_nothing_to_amend": (
        N_("This decree has only the diktum on when it takes effect: no diktum is amended by default."),
        N_("Name what to amend with --diktum (such as --diktum KESATU) or --lampiran."),
    ),
    "revise_outside_project": (
        N_(
            "The new draft {new} would be outside the project of this decree ({root}); its profile could not be named from there."
        ),
        N_("Write the new draft inside {root}, for example beside this decree."),
    ),
    "conversion_failed": (
        N_("LibreOffice made no PDF of this decree ({detail}); neither its DOCX nor its PDF was written."),
        N_(
            "Build its DOCX alone (--format docx) and open it in LibreOffice to see what it makes of it, or build the PDF with --pdf-engine reportlab."
        ),
    ),
    "typed_ordinal": (
        N_("This diktum starts with '{value}', which the tool prints itself; it would read twice."),
        N_("Remove '{value}' from the start of the text: KESATU, KEDUA, ... are generated."),
    ),
    "typed_marker": (
        N_("This item of {part} starts with a letter or number the tool prints itself; it would read twice."),
        N_("Remove the 'a.' or '1.' at the start: letters and numbers are generated."),
    ),
    "list_restarts": (
        N_(
            "A list here is followed at once by a list counted another way ('c.' then 'd)'), so the count starts again at a. or 1."
        ),
        N_("Type every item of one list with the same kind of marker ('a.' or 'a)', '1.' or '1)')."),
    ),
    "placeholder_text": (
        N_("The text still holds '...', left to be filled in."),
        N_("Write what belongs there; a decree with '...' cannot be signed (no number is taken for it)."),
    ),
    "too_many_columns": (
        N_("The table has {count} columns; a page holds at most {limit}."),
        N_("Split the table in two, or turn the page (orientasi: lanskap) and merge columns."),
    ),
    "span_overlap": (
        N_("This cell lies over column {column}, which a cell above covers with gabung_baris."),
        N_("Reduce the cell's gabung_kolom, or the gabung_baris of the cell above."),
    ),
    "page_too_small": (
        N_(
            "The paper and margins leave {across} mm across and {down} mm down for text; a decree needs at least 100 mm."
        ),
        N_("Check the paper size (kertas.ukuran, lebar_mm, tinggi_mm) and the margins (margin_mm)."),
    ),
    "field_too_long": (
        N_("This text is longer than the {limit} characters it may have here."),
        N_("Shorten it."),
    ),
    # --- MESSAGES: register and numbering (issue 10): add entries above this line
    "docx_too_big": (
        N_("The file is {size}, more than the {limit} a DOCX may have; it was not read."),
        N_(
            "Check that it is the right file; to read it anyway, set the environment variable {env} to a larger number of bytes."
        ),
    ),
    "docx_not_zip": (
        N_("The file is not a DOCX (a DOCX is a zip package of XML parts)."),
        N_("Give a .docx file saved by Word or LibreOffice, or built by keputusan."),
    ),
    "docx_truncated": (
        N_("The DOCX is incomplete or damaged: its zip directory cannot be read."),
        N_("Copy or download the file again, or save it again from Word or LibreOffice."),
    ),
    "docx_ole": (
        N_("The file is an old Word document (.doc) or a password-protected one, not a DOCX."),
        N_("Open it in Word or LibreOffice and save it as a Word document (.docx) without a password."),
    ),
    "docx_encrypted": (
        N_("The DOCX is encrypted (a zip package with a password)."),
        N_("Save it again without a password."),
    ),
    "docx_too_many_parts": (
        N_("The DOCX has {count} parts, more than the {limit} allowed; it was not unpacked."),
        N_(
            "Check that it is the right file; to read it anyway, set the environment variable {env} to a larger number."
        ),
    ),
    "docx_unpacked_too_big": (
        N_("The DOCX unpacks to {size}, more than the {limit} allowed (a zip bomb?); it was not unpacked."),
        N_(
            "Check that it is the right file; to read it anyway, set the environment variable {env} to a larger number of bytes."
        ),
    ),
    "docx_ratio": (
        N_(
            "The part {part} of the DOCX is compressed {ratio} to 1, more than the {limit} to 1 allowed (a zip bomb?); it was not unpacked."
        ),
        N_("Do not open this file; if you trust it, set the environment variable {env} to a larger ratio."),
    ),
    "docx_damaged": (
        N_("The part {part} of the DOCX is damaged or missing."),
        N_("Copy the file again, or save it again from Word or LibreOffice."),
    ),
    "import_kind": (
        N_("This is a {suffix} file: import reads a decree from .docx (Word) or .pdf (with a text layer)."),
        N_("Save the decree from Word as .docx, or give its PDF; a scanned PDF must be typed in."),
    ),
    "import_exists": (
        N_("This file exists already; import never overwrites a file."),
        N_("Give another name with -o, or move the old file away first."),
    ),
    "import_not_decree": (
        N_("No title block (KEPUTUSAN ... NOMOR ... TENTANG ...) was found: this does not read as a decree."),
        N_("Give the decree's own document; a letter or a scanned PDF without text cannot be imported."),
    ),
    "import_pdf_unreadable": (
        N_("This PDF cannot be read: it is damaged or is not a PDF."),
        N_("Save or download the PDF again, or import the decree's Word file."),
    ),
    "import_pdf_locked": (
        N_("This PDF is protected with a password: its text cannot be read."),
        N_("Open it with the password and save a copy without protection, or import the decree's Word file."),
    ),
    "import_pdf_too_big": (
        N_("This PDF is {size}, more than the {limit} a PDF may have; it was not read."),
        N_("Check that it is the right file; to read it anyway, set the environment variable {env} to a larger number of bytes."),
    ),
    "import_link": (
        N_("Import does not write through a link: {name} is a symbolic link."),
        N_("Give an output folder whose profiles folder and files are ordinary files and folders."),
    ),
    "import_folder": (
        N_("This is a folder; a file is wanted here."),
        N_("Give the path of the file itself (for -o, the name of the new .yaml file)."),
    ),
    "import_too_large": (
        N_("The content file import would write is {size} KB, more than the {limit} KB a content file may have (check would refuse it)."),
        N_("Split the decree, or set the environment variable {env} to a larger number of bytes."),
    ),
    "import_pdf_no_text": (
        N_("This PDF has no text layer (a scan): there are no words to read."),
        N_("Import the decree's Word file instead, or run text recognition (OCR) on the PDF first."),
    ),
    "docx_no_document": (
        N_("The file has no Word document inside (no word/document.xml with a body)."),
        N_("Give a .docx file saved by Word or LibreOffice, or built by keputusan."),
    ),
    "docx_xml": (
        N_("The part {part} of the DOCX is not well-formed XML: {detail}."),
        N_("Save the document again from Word or LibreOffice."),
    ),
    "docx_doctype": (
        N_(
            "The part {part} of the DOCX declares a DOCTYPE, which a DOCX never needs and which carries entity attacks; it was not read."
        ),
        N_("Do not use this file; save the document again from Word or LibreOffice."),
    ),
    "template_underscore": (
        N_(
            "The template reaches for '{name}' ({part}): names starting with '_' are program internals, not decree data."
        ),
        N_("Remove that tag; a template may use only what 'Template context' in the README lists."),
    ),
    "template_attribute": (
        N_("The template uses '{attr}' of '{name}' ({part}), which has no such part."),
        N_("Check the spelling; 'Template context' in the README lists the parts of each name."),
    ),
    "template_call": (
        N_("The template calls '{name}' ({part}); templates may not call functions."),
        N_("Remove the call; a tag such as {{{{ ttd.nama }}}} prints a value without calling anything."),
    ),
    "template_filter": (
        N_("The template uses the filter '{name}' ({part}), which templates may not use."),
        N_("Use only these filters: {allowed}."),
    ),
    "template_test": (
        N_("The template uses the test '{name}' ({part}), which templates may not use."),
        N_("Use only these tests: {allowed}."),
    ),
    "template_operator": (
        N_("The template uses the operator '{name}' ({part}), which templates may not use."),
        N_("Remove it; a decree template has nothing to multiply or format."),
    ),
    "template_statement": (
        N_("The template uses '{{% {name} %}}' ({part}), which templates may not use."),
        N_("Use only {{% for %}} and {{% if %}} (with elif and else); see 'Template context' in the README."),
    ),
    "template_loop": (
        N_("The template loops over '{name}' ({part}), which is not a list of the template context."),
        N_(
            "Loop only over the lists that 'Template context' in the README names, such as diktum or lamp.blok."
        ),
    ),
    "template_loops": (
        N_("Rendering stopped: the template's loops ran more than {limit} rounds."),
        N_(
            "Nest loops as templates/keputusan.docx does, each over a part of the item around it, not over the same list again."
        ),
    ),
    "template_output": (
        N_("Rendering stopped: the template wrote more than {limit} characters."),
        N_(
            "Check the template for loops nested over the same lists; for a really big decree, set the environment variable {env} higher."
        ),
    ),
    "template_too_big": (
        N_(
            "The template holds {size} characters of text and tags, more than the {limit} a template may have."
        ),
        N_("A template holds the layout, not the content: start again from templates/keputusan.docx."),
    ),
    "template_too_complex": (
        N_("The tags in {part} are too tangled or nested too deeply to check safely."),
        N_("Close every {{{{ with }}}} and every {{% with %}}, and delete stray ones."),
    ),
    "template_render_failed": (
        N_("The template failed while rendering: {detail}."),
        N_("Run 'keputusan template check' on it and fix what it reports."),
    ),
    "special_file": (
        N_("This is not an ordinary file (a device or a pipe)."),
        N_("Give the path of a file saved on disk."),
    ),
    "docx_duplicate_part": (
        N_(
            "The DOCX holds the part {part} more than once, so different programs could show different documents."
        ),
        N_("Do not use this file; save the document again from Word or LibreOffice."),
    ),
    "template_too_many_tags": (
        N_("The template holds {count} tags, more than the {limit} a template may have."),
        N_(
            "A template holds the layout, not the content: start again from templates/keputusan.docx; for a really big template, set the environment variable {env} higher."
        ),
    ),
    "docx_two_documents": (
        N_("The DOCX names {count} main documents, so different programs could show different ones."),
        N_("Do not use this file; save the document again from Word or LibreOffice."),
    ),
    # --- MESSAGES: templates and DOCX input (issue 10): add entries above this line
    "file_too_large": (
        N_("The file is {size} KB, over the limit of {limit} KB."),
        N_("Check that this is the right file; for a very large decree raise the limit with {env}."),
    ),
    "not_a_file": (N_("This is a folder, not a file."), N_("Give the path of a file.")),
    "not_regular_file": (
        N_("This is not an ordinary file (a device or a pipe)."),
        N_("Give the path of a content file saved on disk."),
    ),
    "profile_outside": (
        N_("The profile '{value}' lies outside the content tree {root}."),
        N_("Keep the profile inside that folder (for example in profiles/) and name it by a relative path."),
    ),
    "profile_not_yaml": (
        N_("The profile '{value}' is not a .yaml file."),
        N_("Name the agency profile, a .yaml file such as profiles/bkpsdm-balangan.yaml."),
    ),
    "profile_not_profile": (
        N_("The file '{value}' is not an agency profile; its content is not shown."),
        N_("Check the path after 'profil:'; compare with content/profiles/bkpsdm-balangan.yaml."),
    ),
    "image_unreadable": (
        N_("The image '{value}' cannot be read: {detail}."),
        N_("Save the emblem again as PNG or JPEG, and check that you may read the file."),
    ),
    "image_too_large": (
        N_("The image '{value}' is too large ({detail})."),
        N_("Use a smaller emblem (a few hundred pixels wide is enough); the limit can be raised with {env}."),
    ),
    "path_missing": (N_("No such file or folder."), N_("Check the path and the file name.")),
    "folder_empty": (
        N_("This folder holds no content files (*.yaml)."),
        N_("Give the folder that holds the decrees, such as content/."),
    ),
    "write_failed": (
        N_("Cannot write this file: {detail}."),
        N_(
            "Check that the folder exists, that you may write to it and that the disk has space; nothing was half-written."
        ),
    ),
    "build_crashed": (
        N_("This decree could not be built because of an internal error ({detail})."),
        N_("The other decrees were built. Please report this error with the content file."),
    ),
    "bad_character": (
        N_("The text contains the invisible character {char}, which a document cannot hold or show."),
        N_("Retype the text around it; text copied from other programs can carry such characters."),
    ),
    "bidi_character": (
        N_(
            "The text contains the invisible direction control {char}, which can make Word show it in another order than it is written."
        ),
        N_("Retype the text without it; a decree's text never needs it."),
    ),
    "text_too_long": (
        N_("This text has {count} characters, over the limit of {limit} for one text."),
        N_("Split it into several items or paragraphs; the limit can be raised with {env}."),
    ),
    "path_backslash": (
        N_("The path '{value}' uses backslashes (\\)."),
        N_("Write it with forward slashes, '{fixed}'; they work on Windows too."),
    ),
    "image_jpeg_kind": (
        N_(
            "The image '{value}' is a JPEG that Word documents cannot carry (no JFIF or Exif header, e.g. CMYK)."
        ),
        N_("Save the emblem again as an RGB PNG or JPEG."),
    ),
    "number_duplicate": (
        N_("The number {value} is also carried by {other}: one number, one decree."),
        N_(
            "Find out which file the register gave it to ('keputusan number list'); make the other a draft again and take a number for it."
        ),
    ),
    "yaml_too_many_parts": (
        N_("The file has more than {limit} parts (items, keys and values, counting every use of an alias)."),
        N_("Split the decree into several files, or write it out without anchors (&) and aliases (*)."),
    ),
    # --- MESSAGES: paths, limits, build (issue 10): add entries above this line
}

FOUND: dict[str, str] = {
    "list": N_("a list"),
    "mapping": N_("'key: value' lines"),
    "nothing": N_("nothing"),
}

WORDS: dict[str, str] = {
    # the web app (keputusan serve) and its users
    "web_not_found": N_("There is no decree '{name}' in the content folder."),
    "web_stale_form": N_("The page no longer fits the decree (field '{field}'). Open the decree again."),
    "web_bad_name": N_("'{name}' cannot be a file name: use letters, digits, '.', '-' and '_'."),
    "web_login_needed": N_("Sign in first."),
    "web_role_refused": N_("Your role ({role}) may not do this."),
    "web_other_site": N_("Refused: the request came from another site."),
    "web_csrf_missing": N_("Refused: the form's security token is missing or old. Reload the page and try again."),
    "web_not_saved_yet": N_("Not saved yet: press Save to write the changes."),
    "web_not_saved_errors": N_("Not saved: fix the {count} error(s) shown next to the fields, then save."),
    "web_conflict": N_(
        "Not saved: the file was changed on disk since this page was opened. Your changes are still "
        "in this page; open the version on disk to see the other change."
    ),
    "web_saved": N_("Saved."),
    "web_number_fields_role": N_(
        "Your role ({role}) may not change the number, date or status: they come from the register "
        "(Take a number). Put back what the file holds."
    ),
    "web_register_empty": N_(
        "No number has been taken for this agency yet: its register is made by the first 'Take a number'."
    ),
    "web_take_refused": N_("No number taken: fix what is shown next to the fields, save, then take the number."),
    "web_login_wait": N_("Too many wrong passwords: wait {seconds} seconds, then try again."),
    "web_no_tls": N_(
        "Warning: without --cert and --key, passwords and sessions cross the network unencrypted. "
        "Serve over TLS, or behind an HTTPS proxy of the office."
    ),
    "web_tls_pair": N_("Give --cert and --key together (the certificate and its private key, PEM)."),
    "web_draft_made": N_("The new draft is made: edit it, save, then compare it with the decree it changes."),
    "web_issued": N_(
        "This decree is issued (ditetapkan). Change it only to correct the file: a change of an issued "
        "decree is made as a new decree (Draft a change)."
    ),
    "web_read_only": N_("Your role ({role}) may read this decree but not change it."),
    "web_take_confirm": N_("Take the next number from the register for this draft? A number taken is never given again."),
    "web_content_too_large": N_("Refused: the decree would be larger than {most} MB, more than a content file may be."),
    "web_loose_permissions": N_(
        "Warning: {path} can be read by other users of this computer; it holds secrets. Make it readable "
        "by its owner only (chmod 600)."
    ),
    "web_body_too_large": N_("Refused: the request is larger than {most} MB."),
    "web_upload_here_only": N_("Refused: files can be uploaded only on the archive page."),
    "web_unfaithful": N_(
        "Not saved: the text could not be written so that it reads back exactly as typed. Remove "
        "spaces or empty lines at the start or end of the changed fields, then save."
    ),
    "web_nothing_to_save": N_("Nothing changed: the file is as it was."),
    "web_no_page": N_("There is no page {n}."),
    "web_no_file": N_("Choose the signed PDF to upload."),
    "web_file_too_large": N_("The file is larger than {most} MB."),
    "web_page_not_found": N_("There is no such page."),
    "web_no_content": N_("There is no content folder {path}."),
    "web_needs_users": N_(
        "Refused to listen on {host}: on an address other computers can reach, every page needs a "
        "login. Add users first: keputusan users add NAME --role staf|hukum|arsiparis|admin"
    ),
    "web_serving": N_("The app is at {url} (content: {path}). Stop it with Ctrl+C."),
    "web_no_login": N_("No login: only this computer can open it."),
    "web_cannot_listen": N_("Cannot listen on {host}:{port}: {detail}."),
    "users_missing": N_("There is no users file {path}. Add a user with: keputusan users add NAME --role ROLE"),
    "users_unreadable": N_("The users file {path} cannot be read: {detail}."),
    "users_damaged": N_("The users file {path} is damaged or not a users file. Restore it from a backup."),
    "users_bad_name": N_("'{name}' cannot be a user name: use lower-case letters, digits, '.', '-' and '_'."),
    "users_bad_role": N_("'{role}' is not a role; the roles are {roles}."),
    "users_short_password": N_("The password is too short: at least {least} characters."),
    "users_exists": N_("The user {name} exists already; use --replace to change the role or password."),
    "users_unknown": N_("There is no user {name}."),
    "users_unwritable": N_("The users file {path} cannot be written: {detail}."),
    "users_password_prompt": N_("Password"),
    "users_password_again": N_("Password again"),
    "users_added": N_("User {name} ({role}) saved in {path}."),
    "users_removed": N_("User {name} removed from {path}."),
    "error": N_("error"),
    "warning": N_("warning"),
    "check_ok": N_(
        "{path}: valid ({menimbang} menimbang, {mengingat} mengingat, {diktum} diktum, {lampiran} lampiran, {indikator} indicators)."
    ),
    "check_failed": N_("{errors} error(s) in {files} file(s)."),
    "schema_written": N_("Schema written: {path}"),
    "not_found_arg": N_("{path}: no such file or folder."),
    "no_content_in_folder": N_("{path}: no content files (*.yaml) in this folder."),
    "built": N_("Written: {path}"),
    "build_summary": N_("{built} decree(s) built, {failed} with errors."),
    "watch_start": N_(
        "Watching; documents go to {output}. Save a content file, its profile or the template to rebuild. Ctrl+C stops."
    ),
    "watch_built": N_("[{time}] {path}: built in {seconds} s: {files}"),
    "watch_no_change": N_("(the content did not change)"),
    "watch_saved": N_("(the content did not change; saved: {files})"),
    "stale_partner": N_(
        "{path} was left as it was and may no longer match {new}; build both formats to have a matching pair."
    ),
    "watch_small_change": N_(
        "(a change the summary does not name, such as a closing mark or spacing; a redline shows it)"
    ),
    "watch_clash": N_(
        "[{time}] {path}: not built: it would be written as the same documents as {other}. Rename one of them."
    ),
    "watch_kept": N_("[{time}] {path}: not rebuilt; the last good documents are left as they were: {files}"),
    "watch_not_built": N_("[{time}] {path}: not built; fix the errors above and save again."),
    "watch_stopped": N_("Stopped watching."),
    "libreoffice_missing": N_(
        "LibreOffice is not installed, or not on the PATH. Install it (Debian: libreoffice-writer-nogui), set KEPUTUSAN_SOFFICE to its soffice program, or build with --pdf-engine reportlab."
    ),
    "libreoffice_failed": N_("LibreOffice did not convert {detail}"),
    "verify_same": N_(
        "{docx} and {pdf} say the same {words} words ({pages} pages; {order}% in the same order)."
    ),
    "verify_differ": N_("{docx} and {pdf} differ:"),
    "verify_missing": N_("  not in the PDF ({count}x): {word}"),
    "verify_extra": N_("  only in the PDF ({count}x): {word}"),
    "number_taken": N_("Number {nomor} taken for {path} (date {tanggal})."),
    "number_already": N_("{path} already has number {nomor} (date {tanggal}); nothing changed."),
    "number_recorded": N_("Number {nomor} recorded; it will never be handed out."),
    "number_voided": N_("Number {nomor} is void; it stays in the register and is never reused."),
    "number_count": N_("{count} number(s)."),
    "revised": N_("New draft written: {path} (replaces {old})."),
    "number_exists": N_("{nomor} is already in the register ({status}, by {oleh}, {waktu})."),
    "number_unknown": N_(
        "{nomor} is not in the register. Check the number, or record it first with 'keputusan number record'."
    ),
    "number_already_void": N_("{nomor} is already void ({alasan})."),
    "number_not_in_register": N_(
        "{path} has number {nomor}, but the register does not know it. Record it with 'keputusan number record'."
    ),
    "number_is_void": N_(
        "This decree carries number {nomor}, which is void ({alasan}). Use 'keputusan revise' for a new draft."
    ),
    "postgres_driver_missing": N_(
        "The PostgreSQL register needs psycopg: pip install 'keputusan[postgresql]'."
    ),
    "revised_amendment": N_("New draft written: {path} (amends {old})."),
    "revise_needs_final": N_("{path} is a draft; only a signed decree (status: ditetapkan) can be revised."),
    "file_exists": N_("{path} already exists; choose another name, nothing was overwritten."),
    "profile_ambiguous": N_("Found {count} profiles in {folder}; name one with --profile."),
    "number_off_pattern": N_("{nomor} does not follow the agency's pattern {pola}."),
    "number_needs_year": N_("{nomor} has no year in it; give it with --year."),
    "redline_written": N_("Redline written: {path} ({count} change(s))."),
    "summary_written": N_("Summary written: {path}"),
    "git_failed": N_("Cannot read the file from git: {detail}"),
    "archive_refused": N_("{path} was NOT archived:"),
    "archive_stored": N_("Archived {nomor}: {path} (content: {isi})."),
    "archive_signature_ok": N_("Signature valid and trusted: {signer}, signed {when}."),
    "archive_verified": N_(
        "Archive intact: {count} record(s); the manifest's chain, every file, signature, number, date and content checked."
    ),
    "archive_unknown": N_("{nomor} is not in the archive."),
    "archive_not_final": N_(
        "{path} is a draft, or has no number or date; only a decree with status ditetapkan can be archived."
    ),
    "archive_exists": N_(
        '{nomor} is already archived ({berkas}). To replace it, use --supersede --reason "..."; the old file is kept.'
    ),
    "archive_supersede_needs_reason": N_('--supersede needs --reason "..." saying why.'),
    "archive_nothing_to_supersede": N_("{nomor} is not archived yet; add it without --supersede."),
    "archive_unreadable": N_("Cannot read {path}: {detail}"),
    "archive_not_pdf": N_("This is not a readable PDF ({detail})."),
    "archive_no_signature": N_(
        "{path} has no digital signature. It has a text layer, so it is not a scan: sign the PDF built from the approved content with the signing application (TTE), then archive the signed file."
    ),
    "archive_no_signature_scan": N_(
        "{path} has neither a digital signature nor a text layer (a scan of a decree signed by hand?). Archive it with --scan; its content will be recorded as not verified."
    ),
    "archive_signature_broken": N_(
        "The signature of {signer} does not match the file: it was changed after signing."
    ),
    "archive_signature_modified": N_(
        "The file was changed after {signer} signed it ({modifications}); only the signed revision would be archived."
    ),
    "archive_signature_untrusted": N_(
        "The certificate of {signer} does not chain to a trusted root in {trust}."
    ),
    "archive_no_text": N_(
        "{path} has no text layer (a scan?). Archive it with --scan; its content will be recorded as not verified."
    ),
    "archive_number_differs": N_("The PDF carries number {pdf}, the content {content}."),
    "archive_date_differs": N_("The PDF carries date {pdf}, the content {content}."),
    "archive_missing": N_("Missing: {berkas} ({nomor})."),
    "archive_changed": N_("Changed since it was archived: {berkas} ({nomor})."),
    "archive_unlisted": N_("Not in the manifest: {berkas}."),
    "template_ok": N_("{path}: the template has every tag and style a decree needs."),
    "register_created": N_(
        "A new register was created: {url}. Back it up: every number the agency takes is in it."
    ),
    "register_upgraded": N_(
        "The register {url} was upgraded to the hash chain: {count} earlier audit entries were chained, and the upgrade was recorded in the audit log."
    ),
    "register_missing": N_(
        "There is no register at {url}. Check the path: --register is read from the current folder, nomor.register in a profile from the profile's folder. Only 'keputusan number take' and 'keputusan number record' (for the profile's own register) and 'keputusan number setup' create a register."
    ),
    "register_is_folder": N_(
        "{url} is a folder, not a register. Give the register's file, such as {url}/nomor.sqlite."
    ),
    "register_folder_missing": N_(
        "The folder {folder} does not exist, so the register {url} cannot be created there. Create the folder, or correct the path."
    ),
    "register_read_only": N_(
        "The register {url} cannot be written ({detail}): the file or its folder is read-only. Nothing was changed; ask for write permission on both."
    ),
    "register_corrupt": N_(
        "The register {url} is damaged ({detail}). Nothing was changed; restore it from the latest backup and run 'keputusan number verify'."
    ),
    "register_busy": N_(
        "The register {url} is locked by another program ({detail}). Wait a moment and try again."
    ),
    "register_cannot_open": N_(
        "Cannot open the register {url} ({detail}). Check that the file and its folder exist and that you may read and write them."
    ),
    "register_failed": N_(
        "The register {url} refused the operation ({detail}). Nothing was written; run 'keputusan number verify' and tell whoever manages the register."
    ),
    "register_server_unreachable": N_(
        "Cannot reach the register {url} ({detail}). Check the server's name and port, the user and its password (in ~/.pgpass, the profile's nomor.register or --register), and that the server is running."
    ),
    "register_bad_url": N_(
        "The register address {url} is not a valid PostgreSQL URL ({detail}). Write it as postgresql://user@server/database; a % in a password is written %25."
    ),
    "register_needs_setup": N_(
        "The account in {url} may not do this ({detail}). Ask the register's owner to run 'keputusan number setup' (with --grant for this account)."
    ),
    "register_unprotected": N_(
        "The register {url} lacks its protection, so nothing was written. Ask its owner to check it with 'keputusan number verify' and restore it with 'keputusan number setup'. Found:"
    ),
    "register_unprotected_warning": N_(
        "Warning: the register {url} lacks its protection; check it with 'keputusan number verify'. Found:"
    ),
    "register_not_chained": N_(
        "The register {url} was made by an earlier version and has no hash chain yet, so it cannot be verified. Its owner runs 'keputusan number setup' once to upgrade it."
    ),
    "register_needs_upgrade": N_(
        "The register {url} was made by an earlier version and has no hash chain yet, so nothing was written. Its owner runs 'keputusan number setup' once to upgrade it; then take, record and void work again."
    ),
    "register_downgraded": N_(
        "The register {url} had a hash chain, but its hash columns were removed: it was changed outside the tool. Nothing was written and it will not be upgraded; keep a copy as evidence and restore the latest backup."
    ),
    "register_outdated": N_(
        "The register {url} was made by an earlier version of keputusan and lacks newer protections; its owner runs 'keputusan number setup' once to add them."
    ),
    "register_not_a_file": N_(
        "{url} is not an ordinary file (a device, a pipe or a link to one), so it cannot be a register. Give the register's file, such as content/nomor.sqlite."
    ),
    "register_empty_file": N_(
        "{url} is an empty file, not a register; it was left as it is. Check the path, or restore the register from the latest backup."
    ),
    "register_url_unescaped": N_(
        "The register address {url} has a {char} in its user name or password, where the address cannot have one; write it as {written}. Nothing was sent to the server."
    ),
    "register_year_full": N_(
        "The next number of {tahun} would be {urut}, more than the {limit} the register accepts; nothing was taken. A number recorded by mistake far ahead pushes it: void that number with 'keputusan number void' and take again."
    ),
    "upgrade_state_mismatch": N_(
        "Number {nomor} ({agency}) is '{status}', but its last audit entry ({id}) is '{aksi}': changed by hand before the upgrade."
    ),
    "setup_upgrade_findings": N_(
        "The earlier audit log cannot explain {count} thing(s); they are recorded in the upgrade entry. Compare with the latest backup:"
    ),
    "setup_format_added": N_(
        "The register {url} was brought up to date: {names} added; this is recorded in the audit log."
    ),
    "audit_detail_mismatch": N_(
        "Number {nomor} ({agency}) is not what its last audit entry ({id}) says was done: written by hand."
    ),
    "audit_first_not_new": N_(
        "Number {nomor} ({agency}) begins in the audit log with '{aksi}' (entry {id}), not with a take or a record: written by hand."
    ),
    "head_not_in_chain": N_(
        "The chain head {head} noted earlier is not an entry of the chain: entries up to it were rewritten or deleted."
    ),
    "head_invalid": N_(
        "--head takes a chain head as 'keputusan number verify' prints it: 64 hexadecimal characters, or at least the first 16."
    ),
    "verify_head_found": N_(
        "The chain head {head} noted earlier is entry {id}: no entry up to it was changed, deleted or inserted since."
    ),
    "trigger_missing": N_("The protective trigger {name} on the table {table} is missing."),
    "trigger_disabled": N_("The protective trigger {name} on the table {table} is disabled."),
    "trigger_changed": N_(
        "The protective trigger {name} on the table {table} differs from the one the tool installs."
    ),
    "trigger_unexpected": N_("The table {table} has a trigger the tool does not install: {name}."),
    "audit_rows_missing": N_("Audit entries {first} to {last} are missing: deleted."),
    "audit_id_unexpected": N_("Audit entry {id} is out of sequence: inserted by hand."),
    "audit_chain_broken": N_(
        "Audit entry {id} does not follow entry {prev}: entry {prev} was changed, or entry {id} was inserted or changed, by hand."
    ),
    "number_changed": N_(
        "Number {nomor} ({agency}) differs from its last audit entry ({id}): changed by hand."
    ),
    "number_unaudited": N_("Number {nomor} ({agency}) has no audit entry: inserted by hand."),
    "number_deleted": N_(
        "Number {nomor} ({agency}) is in the audit log (entry {id}) but not in the register: deleted by hand."
    ),
    "verify_register_ok": N_(
        "Register intact: {audits} audit entries chained, {numbers} number(s) match their last entry, every protective trigger in place. Chain head: {head}"
    ),
    "verify_register_failed": N_(
        "The register {url} was changed outside the tool, or damaged ({count} finding(s)). Keep a copy as evidence and compare with the latest backup:"
    ),
    "klasifikasi_invalid": N_(
        "The classification code '{klasifikasi}' does not fit the agency's number pattern {pola}; write digits and dots, such as 800 or 800.1.5. No number was taken."
    ),
    "void_needs_reason": N_('Say why {nomor} is void, with --reason "...".'),
    "folder_not_writable": N_(
        "Cannot write in the folder {folder} ({detail}); nothing was changed. Ask for write permission on the folder, or free disk space."
    ),
    "number_not_written": N_(
        "Number {nomor} is registered for {path}, but the file could not be written ({detail}). Fix that, then run 'keputusan number take {path}' again: it writes this same number."
    ),
    "number_not_written_changed": N_(
        "Number {nomor} is registered for {path}, but the file was changed at that very moment, so it was left as it was. If the change was a mistake, undo it and run 'keputusan number take {path}' again (it writes this same number); otherwise cancel {nomor} with 'keputusan number void'."
    ),
    "file_keeps_changing": N_(
        "{path} kept changing while the number was being taken; nothing was taken. Close the program changing it and try again."
    ),
    "number_in_other_file": N_(
        "{path} carries number {nomor}, but the register gave that number to {other}, which carries it too. One number belongs to one decree: if {path} is a copy, remove it; for a new decree, make it a draft (status: draf, without nomor and tanggal) or use 'keputusan revise'."
    ),
    "number_elsewhere": N_(
        "Warning: the register gave {nomor} to {other}, which does not carry it now; if {path} was moved or renamed from there, all is well."
    ),
    "number_date_earlier": N_(
        "Warning: {nomor} is dated {tanggal}, earlier than {earlier} ({previous}), the number before it. If the date is wrong, cancel {nomor} with 'keputusan number void' and take again with the right --date."
    ),
    "text_control": N_(
        "The text of {what} has a control character (a line break, a tab, an escape sequence) at character {position}; write it on one line of plain text. Nothing was written."
    ),
    "text_too_long": N_(
        "The text of {what} is {length} characters long, more than the {limit} allowed; shorten it. Nothing was written."
    ),
    "date_invalid": N_(
        "'{value}' is not a date; write it as YYYY-MM-DD, such as 2023-09-22. Nothing was written."
    ),
    "year_out_of_range": N_(
        "{value}: the year must be between {first} and {last}. Check the date or the number; nothing was written."
    ),
    "urut_out_of_range": N_(
        "{nomor}: the running number must be between 1 and {limit}. Check the number; nothing was written."
    ),
    "number_far_ahead": N_(
        "{nomor} is {gap} numbers ahead of {next}, the next number of {tahun}: recorded, it would push every later number past it. Check the number (a typo such as 11990 for 1199?); if it is right, record it again with --far-ahead."
    ),
    "number_rewritten": N_(
        "{path} did not carry its number yet: {nomor} (date {tanggal}), registered for it earlier, is now written into it."
    ),
    "setup_done": N_("Register ready: {url} (tables and protective triggers in place)."),
    "setup_repaired": N_(
        "Protective triggers restored: {names}. This is recorded in the audit log; run 'keputusan number verify' to see whether anything changed meanwhile."
    ),
    "setup_granted": N_(
        "The role {role} may now read the register and take, record and void numbers, and nothing else."
    ),
    "grant_postgres_only": N_(
        "--grant is for a PostgreSQL register; protect an SQLite register with the permissions of its folder."
    ),
    # --- WORDS: register and numbering (issue 10): add entries above this line
    # --- WORDS: templates and DOCX input (issue 10): add entries above this line
    "output_clash": N_(
        "{first} and {second} would both be written as the same file in {output}; nothing was built. Rename one of them, or build them into different folders with -o."
    ),
    "output_unwritable": N_(
        "Cannot write to the output folder {path}: {detail}. Choose another folder with -o; nothing was built."
    ),
    "template_refused": N_("{path} was refused as a template; nothing was built."),
    "git_bad_revision": N_(
        "'{rev}' is not a git revision here. Give a commit, a branch or a tag, such as HEAD~1 or main."
    ),
    "not_built": N_("{path}: not built (see above)."),
    "redline_not_docx": N_("{path}: a redline is written as a .docx file; give -o a name ending in .docx."),
    "would_overwrite": N_(
        "{path} already exists and is not a file this command wrote; nothing was written. Choose another name with -o, or move that file."
    ),
    "register_override_missing": N_(
        "There is no register at {url}, and take and record create only the profile's own register ({own}): a mistyped --register would start a second register and give numbers twice. Check the path; to start a new register there on purpose, run 'keputusan number setup --register {url}' first."
    ),
    "template_docx_only": N_(
        "Note: {path} shapes the DOCX only; the reportlab engine draws the PDF from the content and the profile. For a PDF from your template, add --pdf-engine libreoffice."
    ),
    # --- WORDS: archive (issue 11)
    "archive_too_big": N_(
        "{path} is {size_mb} MB; the archive takes PDFs up to {limit_mb} MB. A decree is far smaller: check that this is the right file (the limit can be raised with {env})."
    ),
    "archive_unknown_engine": N_(
        "The PDF says it was built with an engine this version does not know ({engine}); it cannot be rebuilt to compare."
    ),
    "archive_needs_libreoffice": N_(
        "The PDF was built with the LibreOffice engine; to compare it with a fresh build, install LibreOffice on this computer (or set KEPUTUSAN_SOFFICE)."
    ),
    "archive_template_differs": N_(
        "The PDF was built with another DOCX template (SHA-256 {sha}...) than {template}. Give the template it was built with: --template FILE."
    ),
    "archive_cannot_build": N_(
        "The content file cannot be built to compare with the PDF ({detail}). Run 'keputusan check' on it."
    ),
    "archive_needs_repair": N_(
        "The archive's manifest ends in an unfinished line ({line}), left by an interrupted add. Run 'keputusan archive repair' first; nothing was archived."
    ),
    "archive_damaged": N_(
        "The archive's manifest {path} is damaged at line {line}; nothing was archived. Run 'keputusan archive verify' and restore the manifest from a backup."
    ),
    "archive_busy": N_(
        "Another archive operation on {path} has held the archive for too long. Try again in a moment."
    ),
    "archive_write_failed": N_(
        "Cannot write into the archive {path} ({detail}); nothing was archived. Check the free space and that you may write there."
    ),
    "archive_head_unknown": N_(
        "The head {head} you noted is not in the manifest's chain: the manifest was rewritten since. Restore it from a backup."
    ),
    "archive_trust_unreadable": N_(
        "Warning: {path} in the trust folder holds no readable certificate ({detail}); it was skipped."
    ),
    "archive_not_a_file": N_("{berkas} ({nomor}) is no longer an ordinary file (a folder or a link?)."),
    "archive_active_content_found": N_(
        "{berkas} ({nomor}) now carries active content ({code}); it is not the file that was archived."
    ),
    "archive_record_number_differs": N_(
        "{berkas} says number {pdf}, but its record (manifest line {line}) says {nomor}: the file was swapped."
    ),
    "archive_record_date_differs": N_(
        "{berkas} says date {pdf}, but its record (manifest line {line}) says {record}: the file was swapped."
    ),
    "archive_record_content_differs": N_(
        "The words of {berkas} ({nomor}) are no longer those recorded when it was archived (manifest line {line}): the file was swapped."
    ),
    "archive_chain_broken": N_(
        "Manifest line {line} does not follow from the line before it: a line before it was changed, removed or inserted ({path})."
    ),
    "archive_line_damaged": N_("Manifest line {line} is not a readable record ({path})."),
    "archive_line_torn": N_(
        "The manifest's last line ({line}) is unfinished, left by an interrupted add. Run 'keputusan archive repair'."
    ),
    "archive_line_unknown": N_("Manifest line {line} records an unknown action '{aksi}' ({path})."),
    "archive_line_incomplete": N_(
        "Manifest line {line} lacks '{name}' or has it in the wrong form ({path})."
    ),
    "archive_path_outside": N_(
        "Manifest line {line} names the file '{berkas}', which is not a file of this archive (YEAR/NAME.pdf)."
    ),
    "archive_legacy_lines": N_(
        "Note: the first {count} manifest line(s) were written by an older version, before the hash chain; the chain protects them only from the first chained line on."
    ),
    "archive_head": N_("Manifest head (note it to check later with --head): {head}"),
    "archive_nothing_to_repair": N_("Nothing to repair: no unlisted file and no unfinished manifest line."),
    "archive_quarantined": N_(
        "Moved to quarantine: {berkas} -> {folder}. If it is a signed decree that belongs in the archive, archive it again with 'keputusan archive add'."
    ),
    "archive_torn_quarantined": N_(
        "The unfinished manifest line {line} was moved to {folder} and removed from the manifest."
    ),
    "archive_damage_warning": N_(
        "Warning: the manifest {path} has {count} damaged line(s); what is shown may not be trustworthy. Run 'keputusan archive verify'."
    ),
    "archive_signer_not_signatory": N_(
        "The PDF is signed by {signer}, but the decree's signatory is {pejabat}. Only the signatory's own certificate may sign the decree; check that the right file and the right certificate were used."
    ),
    "archive_signature_expired": N_(
        "The certificate of {signer} was not valid at the time checked (expired, or not yet valid). Ask for the decree signed with a valid certificate."
    ),
    "archive_signature_revoked": N_(
        "The certificate of {signer} has been revoked. Ask for the decree signed with a valid certificate."
    ),
    "archive_pdf_is_draft": N_(
        "This PDF is the draft (its number is still dots), but the content file is the final decree {content}. Build the final decree, have it signed, and archive that file."
    ),
    "archive_hint_no_stamp": N_(
        "Note: the PDF does not say how it was built (its build stamp is gone: a signing service may have rewritten the document information); it was compared with every engine available here. If it was built with LibreOffice, install LibreOffice on this computer."
    ),
    "archive_not_found": N_(
        "There is no archive at {path}. Check the folder (--archive); an archive is created by the first 'keputusan archive add'."
    ),
    "archive_stray": N_(
        "{berkas} at the top of the archive is no part of it. Move it elsewhere; the archive holds only manifest.jsonl, trust/, karantina/ and year folders."
    ),
    "archive_repair_refused": N_(
        "The manifest {path} is damaged at line {line} in a way a crash does not cause (a changed, removed or unreadable line). Nothing was changed: restore the manifest from a backup, then run 'keputusan archive verify'."
    ),
    "archive_line_completed": N_(
        "Manifest line {line} was whole but lacked its line end; the line end was added."
    ),
    "archive_custom_template": N_(
        "Note: the PDF was built with a DOCX template of your own ({template}), not the shipped one; the record says so. Its fixed words are not part of the approved content."
    ),
    "archive_in_file": N_("{berkas} ({nomor}):"),
    "archive_manifest_not_file": N_(
        "The archive's manifest {path} is not an ordinary file (a link, a pipe or a device); nothing was read or changed. Restore manifest.jsonl from a backup."
    ),
    "archive_manifest_too_big": N_(
        "The archive's manifest {path} is {size_mb} MB, over the limit of {limit_mb} MB; it was not read. Check the file; the limit can be raised with {env}."
    ),
    "archive_line_control": N_(
        "Manifest line {line} holds control characters that no record written by keputusan has ({path})."
    ),
    "archive_special_file": N_(
        "{path} is not an ordinary file (a folder, a pipe or a device); nothing was read. Give the signed PDF file itself."
    ),
    "archive_head_invalid": N_(
        "--head takes a manifest head as 'keputusan archive verify' or 'archive add' print it: 64 hexadecimal characters, or at least the first 16 ('{head}' is not one)."
    ),
    "archive_head_found": N_(
        "The head {head} noted earlier is manifest line {line}: no line up to it was changed, removed or inserted since."
    ),
    "archive_verify_failed": N_(
        "{count} problem(s) found. A changed or missing file, or a damaged manifest: restore it from a backup of the archive. Files no record lists, left by an interrupted add: run 'keputusan archive repair'."
    ),
    "archive_scans_unverified": N_(
        "Of these, {count} are scans (pindaian): their signature and file were checked, their content cannot be."
    ),
    "archive_same_file": N_(
        "This PDF is exactly the file already archived for {nomor} ({berkas}); nothing was stored."
    ),
    "archive_name_taken": N_(
        "{berkas} is in the archive's folder but in no record (left by an interrupted add?). Run 'keputusan archive repair' first; nothing was archived."
    ),
    "archive_words_changed": N_(
        "Note: the words of this PDF differ from the file it supersedes; the record says so (isi_berubah)."
    ),
    "archive_scan_stored": N_(
        "Note: this is a scan; its content could not be compared with the approved content. Check by eye that it is decree {nomor}."
    ),
    "archive_wrong_folder": N_("{path} is not an archive, but {found} is. Give --archive {found}."),
    "archive_none_found": N_("No archived decree matches."),
    "import_written": N_("Written: {path}"),
    "import_guess": N_("guess: {text}"),
    "import_notice": N_("ATTENTION: {text}"),
    "import_record_hint": N_(
        "Number {nomor} was taken outside this tool: if it is not in the register yet, record it so that it is never handed out again: {command}"
    ),
    "import_unplaced": N_("{count} piece(s) of text could not be placed; they are kept as '# TIDAK DIKENALI:' comments at the end of {path}:"),
    "import_check_failed": N_("{path} was written, but check finds {count} error(s) in it (above): correct them in the file."),
    "import_done": N_("Imported. Check it with: keputusan check {path}"),
    "jdihn_base_url_not_https": N_(
        "--url-dasar must be an https:// address where the archive's files are published ('{url}' is not)."
    ),
    "jdihn_base_url_character": N_(
        "--url-dasar holds a character a web address may not hold as typed: {character} (in '{url}'). Remove it, or write it percent-encoded (a space is %20)."
    ),
    "jdihn_base_url_too_long": N_(
        "--url-dasar is {length} characters long; at most {limit} are accepted (the address of a site and a folder)."
    ),
    "jdihn_base_url_invalid": N_(
        "--url-dasar must be a plain address https://host/folder: a host name, no user name or password, no '?' or '#' part ('{url}' is not)."
    ),
    "jdihn_record_date": N_(
        "The archive's record of {nomor} has a {field} that is not a date ('{value}'); the manifest was edited outside the tool. Run 'keputusan archive verify'."
    ),
    "jdihn_no_base_url": N_(
        "No --url-dasar given: urlDownload holds each file's path inside the archive, not an address JDIHN can download. Give the https address where the archive folder is published."
    ),
    "jdihn_export_written": N_("{count} document(s) written to {path} (JDIHN feed)."),
    "akn_invalid": N_(
        "The Akoma Ntoso XML of {path} does not validate against the AKN 3.0 schema ({count} error(s), first: {first}); nothing was written. Please report this with the content file."
    ),
    "akn_written": N_("Akoma Ntoso XML written (validated against the AKN 3.0 schema): {path}"),
    "akn_searched": N_(
        "Later decrees that amend or revoke this one were looked for in {folders} and its subfolders: {count} found (give other folders with --cari)."
    ),
    "archive_export_written": N_("JDIH metadata of {count} decree(s) written: {path}"),
    "archive_list_header": N_("NOMOR | TANGGAL | STATUS | TINGKAT | BERKAS | TENTANG"),
    "archive_no_trust_roots": N_(
        "There is no trusted root certificate in {trust} (the folder is missing or empty), so no signature can be trusted. Put the root certificate of BSrE (a .pem, .crt or .cer file) in that folder, or name the folder with --trust."
    ),
    "archive_show_record": N_(
        "{nomor} — {status}\n  Date: {tanggal}\n  Title: {tentang}\n  Content: {tingkat}: {isi}\n  File: {berkas}\n  SHA-256: {sha256}\n  Signed by: {signers}\n  Archived: {waktu} by {oleh}\n  Reason (correction): {alasan}"
    ),
    "archive_record_unsigned": N_(
        "{berkas} ({nomor}, manifest line {line}) has no digital signature, yet its record is not a scan: no add stores such a file. The line was written by hand; restore the manifest from a backup."
    ),
    "archive_record_signer_differs": N_(
        "{berkas} ({nomor}, manifest line {line}) is signed by {signer}, not by the signatory its record names. Restore the file and the manifest from a backup."
    ),
    "archive_record_scan_has_text": N_(
        "{berkas} ({nomor}, manifest line {line}) is recorded as a scan but has a text layer: no add stores such a file as a scan. Restore the file and the manifest from a backup."
    ),
    "archive_scan_cannot_supersede": N_(
        "{nomor} is archived as a verified PDF ({tingkat}); a scan, whose content cannot be verified, cannot supersede it. Archive the signed PDF instead."
    ),
    "archive_lines_since_head": N_(
        "{count} line(s) were written after that head; check that each is an add or repair you know of:"
    ),
    "archive_record_supersedes_unknown": N_(
        "Manifest line {line} supersedes a file that no earlier line of {nomor} archived ({berkas}): no add writes such a line. Restore the manifest from a backup."
    ),
    "archive_record_scan_supersedes": N_(
        "Manifest line {line} has a scan ({berkas}) supersede a verified PDF of {nomor}: no add does that. Restore the manifest from a backup."
    ),
    "archive_signature_unreadable": N_(
        "A signature in the PDF cannot be read ({detail}): it is damaged, or it was made up by another tool. Ask for the decree signed again with the signing application."
    ),
    # PDFs read as hostile input (pdfmeta.inspect_pdf) and compared with their build (pdfpages)
    "pdf_too_big": N_(
        "The PDF is {size}, more than the {limit} a PDF may have; it was not read. Check that it is the right file; to read it anyway, set the environment variable {env} to a larger number of bytes."
    ),
    "pdf_unreadable": N_(
        "The PDF is damaged or is not a PDF ({detail}). Download or copy the signed file again from the signing application; do not repair or edit it."
    ),
    "pdf_encrypted": N_(
        "The PDF is encrypted (protected with a password or permissions). Ask for the signed PDF without a password or protection."
    ),
    "pdf_inflates_too_much": N_(
        "The PDF unpacks to more than {limit_mb} MB (a compression bomb?); it was not opened. Do not open this file; if you trust it, set the environment variable {env} to a larger number of bytes."
    ),
    "pdf_unsupported_filter": N_(
        "The PDF compresses its contents with {filter}, which is not accepted. Ask for the PDF as the signing application saves it, or print it again to PDF before it is signed."
    ),
    "pdf_javascript": N_(
        "The PDF contains JavaScript (a program that runs when the file is opened). Do not archive it; sign again the PDF built by keputusan, which has no scripts."
    ),
    "pdf_open_action": N_(
        "The PDF performs an action ({action}) as soon as it is opened. Do not archive it; sign again the PDF built by keputusan."
    ),
    "pdf_additional_actions": N_(
        "The PDF runs actions when it is viewed or used ({where}). Do not archive it; sign again the PDF built by keputusan."
    ),
    "pdf_dangerous_action": N_(
        "The PDF contains an action that can run a program, open another file or send data ({action}, {where}). Do not archive it; sign again the PDF built by keputusan."
    ),
    "pdf_embedded_file": N_(
        "The PDF carries a file inside it: {name}. A decree carries no attachments; sign again the PDF built by keputusan, without the file."
    ),
    "pdf_xfa": N_(
        "The PDF contains an XFA form (a form that is a program of its own). Do not archive it; sign again the PDF built by keputusan."
    ),
    "pdf_image_too_large": N_(
        "An image in the PDF has {pixels} pixels, more than the {limit} allowed ({where}). Scan again at a lower resolution (300 dpi is enough); if you trust the file, set the environment variable {env} to a larger number."
    ),
    "pdf_too_many_objects": N_(
        "The PDF declares {count} objects, more than the {limit} allowed; it was not opened. Check that it is the right file; to read it anyway, set the environment variable {env} to a larger number."
    ),
    "pages_differ": N_(
        "The signed PDF has {signed} pages; the PDF built from the approved content has {build}. Check that the signed file belongs to this decree and was signed from the PDF built from the approved content."
    ),
    "page_size_differs": N_(
        "Page {page} of the signed PDF has another paper size or orientation than the PDF built from the approved content. Sign the PDF built by keputusan as it is, without changing the paper size or turning pages."
    ),
    "page_words_differ": N_(
        'The words of page {page} differ from the approved content after "{near}": it should say "{missing}", the PDF says "{extra}". The file was changed after it was built, or was built from other content. Sign again the PDF built from the approved content.'
    ),
    "page_look_differs": N_(
        "Page {page} looks different from the approved content between {left} and {right} mm from the left edge and {top} and {bottom} mm from the top ({tiles} patches of about 4 mm). Look at that spot in the signed PDF: something was covered, erased, hidden or added there. Sign again the PDF built from the approved content."
    ),
    "pdf_annotation_added": N_(
        "Page {page} of the signed PDF has an annotation ({subtype}: a note, stamp, box or link) that the PDF built from the approved content does not have; it may show or print something that was not approved. Sign the PDF built by keputusan as it is: do not add notes, stamps, form fields or links before or after signing, and use only the signing application's own signature stamp."
    ),
    "pdf_empty_signature_field": N_(
        "Page {page} of the signed PDF has a signature box that nobody signed; it can show anything over the page. Ask for the file again, signed from the PDF built by keputusan, without empty signature boxes."
    ),
    "pdf_hidden_annotation": N_(
        "The signature stamp on page {page} of the signed PDF is shown differently on screen and on paper (hidden, only printed, only on screen, or changing under the mouse). Sign again with a signature stamp that is both shown and printed, or with an invisible signature."
    ),
    "pdf_annotation_changed": N_(
        "A link or note that the PDF built from the approved content has on page {page} is missing, moved or changed in the signed PDF. Sign the PDF built by keputusan as it is, without editing its links."
    ),
    "pdf_optional_content": N_(
        "The signed PDF has layers (optional content) that the PDF built from the approved content does not have; part of it may show only on screen or only on paper. Sign the PDF built by keputusan as it is; do not add layers or watermarks before or after signing."
    ),
    "page_box_differs": N_(
        "Page {page} of the signed PDF is cut, turned or scaled differently from the PDF built from the approved content (its page box, rotation or unit size); part of the page may be hidden. Sign the PDF built by keputusan as it is, without cropping, turning or resizing pages."
    ),
    "pdf_needs_appearances": N_(
        "The signed PDF asks the reader to draw its form fields anew (NeedAppearances), so each reader may show them differently. Ask for the file as the signing application saved it, without later changes to its form."
    ),
    "signature_stamp_too_large": N_(
        "The signature stamps on page {page} of the signed PDF take {area_cm2} cm² of the page, more than the {limit_cm2} cm² a signature stamp may take; a stamp that large can cover or add to the text of the decree. Sign again the PDF built from the approved content with a smaller signature stamp (a QR code of about 3 x 3 cm in the blank space of the signature block), or with an invisible signature."
    ),
    "pdf_orphan_signature": N_(
        "Page {page} of the signed PDF has a signature box whose signature is not one the archive can check (it is not in the document's list of signatures, or is of an unknown kind); what it shows may be made up. Ask for the file again, signed from the PDF built by keputusan with the signing application only, without signature boxes added by other tools."
    ),
    "pdf_too_complex": N_(
        "Page {page} of the PDF takes {count} drawing steps to show, more than the {limit} allowed; showing it could take minutes and gigabytes of memory, so it was not opened. Check that it is the right file: a decree page takes a few thousand steps. To read it anyway, set the environment variable {env} to a larger number."
    ),
    # --- WORDS: paths, limits, build (issue 10): add entries above this line
}


def pick_language(explicit: Optional[str] = None, environ: Mapping[str, str] = os.environ) -> str:
    """Indonesian unless asked otherwise: by --lang, or by an English locale setting."""
    if explicit:
        return explicit if explicit in LANGUAGES else "id"
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "id"
    return "id"


@cache
def translator(language: str) -> Callable[[str], str]:
    if language == "en":
        return gettext.NullTranslations().gettext
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True).gettext


def _fill(template: str, params: Mapping[str, object]) -> str:
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def say(key: str, language: str, /, **params: object) -> str:
    """A sentence of the CLI's own, such as the summary after a check. A code without words (a
    defect: tests/test_messages.py looks for them) is shown as the code and its values, never
    as a traceback."""
    if key not in WORDS:
        return f"[{key}] " + ", ".join(f"{name}={value}" for name, value in sorted(params.items()))
    return _fill(translator(language)(WORDS[key]), params)


ERRNO_WORDS: dict[str, str] = {
    "EACCES": N_("not allowed (a read-only folder, or the file is open in another program)"),
    "EPERM": N_("not allowed (a read-only folder, or the file is open in another program)"),
    "EBUSY": N_("the file is in use by another program"),
    "ENOSPC": N_("the disk is full"),
    "EDQUOT": N_("the disk quota is used up"),
    "EROFS": N_("the disk is read-only"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EISDIR": N_("a folder of that name is in the way"),
    "ENOTDIR": N_("a file of that name is in the way of a folder"),
    "EEXIST": N_("a file of that name is in the way of a folder"),
}
"""The operating system's reasons, in the reader's words; others are shown as the system says them."""


def describe(problem: Problem, language: str) -> tuple[str, str]:
    """(what is wrong, what to do) in the given language."""
    _ = translator(language)
    what, fix = MESSAGES.get(problem.code, MESSAGES["invalid"])
    params = dict(problem.params)
    if params.get("errno") in ERRNO_WORDS:
        params["detail"] = _(ERRNO_WORDS[str(params["errno"])])
    if "found" in params and params["found"] in FOUND:
        params["found"] = _(FOUND[str(params["found"])])
    params.setdefault("detail", problem.code)
    return _fill(_(what), params), _fill(_(fix), params)


def format_problem(problem: Problem, language: str) -> str:
    """``file:line:column: error: what. what to do.`` — the compiler convention editors link."""
    where = str(problem.path) if problem.path else "-"
    if problem.line is not None:
        where += f":{problem.line}"
        if problem.column is not None:
            where += f":{problem.column}"
    what, fix = describe(problem, language)
    label = translator(language)(WORDS[problem.severity])
    return f"{where}: {label}: {what} {fix}"
