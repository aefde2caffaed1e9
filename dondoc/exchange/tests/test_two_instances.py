"""Done when: a province's package made on one database is taken in by a second database with identical
summaries (two SQLite files; two PostgreSQL databases when DATABASE_URL names PostgreSQL, as in CI), and
tampering with one byte is refused. Every step is the operator's command, each in a process of its own."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from dondoc.tests.scratch import manage, scratch_database

SCHEMA = json.loads((Path(__file__).resolve().parents[3] / "docs" / "exchange.schema.json").read_text())

BY_CHILD = """
import json
from datetime import date
from dondoc.tasks import status
from dondoc.tasks.models import Task
from dondoc.units.models import Unit
unit = Unit.objects.get(code="DEMO")
codes = dict(Unit.objects.values_list("pk", "code"))
counts = status.count_by_child(Task.objects.filter(programme__code="NQ57"), unit, date.fromisoformat("{as_of}"))
print(json.dumps({{("" if k == 0 else codes[k].removeprefix("DEMO.")): c.as_dict() for k, c in counts.items()}},
                 sort_keys=True))
"""


def figures(url: str, as_of: str) -> dict:
    summary = manage(url, "summary", "--unit", "DEMO", "--programme", "NQ57", "--as-of", as_of, "--json")
    complete = manage(
        url, "completeness", "--unit", "DEMO", "--programme", "NQ57", "--as-of", as_of, "--json"
    )
    children = manage(url, "shell", "-v", "0", "-c", BY_CHILD.format(as_of=as_of))
    return {
        "summary": json.loads(summary.stdout),
        "completeness": json.loads(complete.stdout),
        "by_child": json.loads(children.stdout),
    }


def test_a_province_package_is_taken_in_by_a_second_database_with_identical_figures(tmp_path):
    key = tmp_path / "demo.key"
    package = tmp_path / "demo-nq57.json"
    with scratch_database(tmp_path, "tinh") as province, scratch_database(tmp_path, "tw") as centre:
        # The province: its own instance, the demo data, a signing key kept in a file.
        manage(province, "migrate", "--noinput", "-v0")
        manage(province, "load_demo")
        manage(province, "make_signing_key", "--unit", "DEMO", "--out", str(key))
        assert key.stat().st_mode & 0o777 == 0o600
        made = manage(
            province,
            "export_package",
            "--unit",
            "DEMO",
            "--programme",
            "NQ57",
            "--key",
            str(key),
            "--out",
            str(package),
        )
        assert "Đã ghi gói" in made.stdout
        data = package.read_bytes()
        envelope = json.loads(data)
        jsonschema.validate(envelope, SCHEMA)
        as_of = envelope["payload"]["as_of"]

        # The centre: its own instance with the 34 provinces; the province's public key registered.
        manage(centre, "migrate", "--noinput", "-v0")
        manage(centre, "load_provinces")
        manage(centre, "register_sender", "DEMO", f"{key}.pub")

        # One byte changed anywhere: refused with the reason, exit 1, nothing written.
        for i in (len(data) // 3, len(data) - 40):
            tampered = tmp_path / f"tampered-{i}.json"
            tampered.write_bytes(data[:i] + bytes([data[i] ^ 1]) + data[i + 1 :])
            refused = manage(centre, "import_package", str(tampered), check=False)
            assert refused.returncode == 1, refused.stdout
            assert "Không nhận gói" in refused.stderr
        assert "DEMO" not in manage(centre, "summary", "--unit", "DEMO", check=False).stdout

        taken = json.loads(manage(centre, "import_package", str(package), "--json").stdout)
        assert taken["result"] == "accepted", taken
        again = json.loads(manage(centre, "import_package", str(package), "--json").stdout)
        assert again["result"] == "unchanged"

        assert figures(centre, as_of) == figures(province, as_of)
