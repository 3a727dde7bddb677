"""A test certificate authority and PAdES signing with pyHanko, made fresh in each test run."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass(frozen=True)
class Identity:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(common: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Uji Keputusan"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def make_ca(common: str = "Uji Root CA") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(_name(common))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


def make_signer(ca: Identity, common: str = "H. SUFRIANNOR, S.Sos, M.AP") -> Identity:
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca.key.public_key()), critical=False
        )
        .sign(ca.key, hashes.SHA256())
    )
    return Identity(key, cert)


def sign(
    pdf: bytes,
    signer: Identity,
    ca: Identity,
    *,
    field: str = "TTE",
    page: int = 0,
    box: Optional[tuple[int, int, int, int]] = None,
    style: Any = None,
) -> bytes:
    """A PAdES signature over the whole PDF in a new field ``field``: invisible, or with a stamp
    at ``box`` (PDF units) on page ``page`` (0-based)."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key_der = signer.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    simple = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(signer.cert.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_x509.Certificate.load(ca.cert.public_bytes(serialization.Encoding.DER))]
        ),
    )
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    visible = {}
    if box is not None:
        visible = {
            "stamp_style": style
            or TextStampStyle(stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s"),
            "new_field_spec": fields.SigFieldSpec(field, on_page=page, box=box),
        }
    out = io.BytesIO()
    signers.PdfSigner(meta, simple, **visible).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), output=out)
    return out.getvalue()


def add_annotation(pdf: bytes) -> bytes:
    """An incremental update after signing: a text note on page 1."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    annot = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Annot"),
            generic.NameObject("/Subtype"): generic.NameObject("/Text"),
            generic.NameObject("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (50, 50, 80, 80)]
            ),
            generic.NameObject("/Contents"): generic.TextStringObject("catatan setelah ditandatangani"),
        }
    )
    annots = page.get("/Annots", generic.ArrayObject())
    annots = annots.get_object() if hasattr(annots, "get_object") else annots
    annots = generic.ArrayObject(list(annots) + [writer.add_object(annot)])
    page[generic.NameObject("/Annots")] = annots
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_trust(folder: Path, *cas: Identity) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index, ca in enumerate(cas):
        (folder / f"root-{index}.pem").write_bytes(ca.pem())
    return folder


def add_javascript_after_signing(pdf: bytes, script: str = "app.alert('halo');") -> bytes:
    """An incremental update after signing: a JavaScript action run when the document opens."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    action = generic.DictionaryObject(
        {
            generic.NameObject("/Type"): generic.NameObject("/Action"),
            generic.NameObject("/S"): generic.NameObject("/JavaScript"),
            generic.NameObject("/JS"): generic.TextStringObject(script),
        }
    )
    writer.root[generic.NameObject("/OpenAction")] = writer.add_object(action)
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def add_file_after_signing(
    pdf: bytes, name: str = "payload.sh", data: bytes = b"#!/bin/sh\nrm -rf ~\n"
) -> bytes:
    """An incremental update after signing: a file attached to the document (/EmbeddedFiles)."""
    from pyhanko.pdf_utils import embed
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    stored = embed.EmbeddedFileObject.from_file_data(writer, data, mime_type="text/x-sh")
    embed.embed_file(writer, embed.FileSpec(file_spec_string=name, file_name=name, embedded_data=stored))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def resaved(pdf: bytes) -> bytes:
    """The PDF opened and saved again with pikepdf (a rewrite: other bytes, same pages)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        out = io.BytesIO()
        doc.save(out)
    return out.getvalue()
