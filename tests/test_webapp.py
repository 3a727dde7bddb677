"""The web app with several users at once: numbers taken together through the app are never
given twice, with the SQLite and the PostgreSQL register, and the register records who took each."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from starlette.testclient import TestClient

from keputusan.register import Register
from keputusan.users import Users
from keputusan.web import create_app
from keputusan.webapp import Workspace

from .conftest import CONTENT
from .test_register import POSTGRES, in_schema, postgres_schema, skip_without_postgres

DRAFT = "contoh/draf-bupati-tim-penilai-kinerja.yaml"
PASSWORD = "sandi-uji-panjang"


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgresql":
        skip_without_postgres()
        with postgres_schema(POSTGRES) as schema:
            url = in_schema(POSTGRES, schema)
            Register(url, create=True).close()
            yield url
        return
    url = str(tmp_path / "bersama.sqlite")
    Register(url, create=True).close()
    yield url


def signed_in(app: object, name: str) -> TestClient:
    client = TestClient(app, base_url="http://127.0.0.1:8000")  # type: ignore[arg-type]
    token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/masuk").text).group(1)  # type: ignore[union-attr]
    answer = client.post(
        "/masuk", data={"_csrf": token, "nama": name, "sandi": PASSWORD}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    return client


def test_several_users_take_numbers_at_once(register: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    draft = (content / DRAFT).read_text(encoding="utf-8")
    names = [f"contoh/draf-{i}.yaml" for i in range(8)]
    for name in names:
        (content / name).write_text(draft, encoding="utf-8")
    users = Users.read(tmp_path / "pengguna.json", create=True)
    users.add("ani", "admin", PASSWORD)
    users.add("budi", "staf", PASSWORD)
    users.write()
    app = create_app(Workspace(content, register=register), users=Users.read(tmp_path / "pengguna.json"))
    clients = {who: signed_in(app, who) for who in ("ani", "budi")}
    statuses: list[int] = []

    def take(who: str, mine: list[str]) -> None:
        client = clients[who]
        for name in mine:
            page = client.get(f"/k/{name}").text
            token = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            statuses.append(client.post(f"/k/{name}/nomor", data={"_csrf": token}).status_code)

    threads = [
        threading.Thread(target=take, args=("ani", names[0::2])),
        threading.Thread(target=take, args=("budi", names[1::2])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert statuses == [200] * len(names)
    numbers = [yaml.safe_load((content / name).read_text(encoding="utf-8"))["nomor"] for name in names]
    assert all(numbers) and len(set(numbers)) == len(names), numbers
    with Register(register) as reg:
        audit = {entry.nomor: entry.oleh for entry in reg.audit() if entry.nomor in numbers}
    assert {audit[n] for n in numbers[0::2]} == {"ani"} and {audit[n] for n in numbers[1::2]} == {"budi"}
    page = clients["budi"].get("/nomor?profil=contoh/profiles/bupati-balangan.yaml").text
    assert all(n in page for n in numbers)
