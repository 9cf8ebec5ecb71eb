import shutil
import sqlite3
import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories import make_profile

pytestmark = pytest.mark.django_db(transaction=True)


def backup(tmp_path):
    out = StringIO()
    call_command("backup_database", output_dir=str(tmp_path), stdout=out)
    assert "Backed up the database to" in out.getvalue()
    [file] = tmp_path.iterdir()
    return file


def test_a_backup_holds_every_profile(tmp_path):
    make_profile("Harbor Literacy Fund")
    file = backup(tmp_path)
    if connection.vendor == "sqlite":
        with sqlite3.connect(file) as copy:
            names = [row[0] for row in copy.execute("select name from profiles_profile")]
        assert names == ["Harbor Literacy Fund"]
    else:
        listing = subprocess.run(
            [shutil.which("pg_restore"), "--list", str(file)], capture_output=True, text=True
        )
        assert "TABLE DATA public profiles_profile" in listing.stdout


def test_an_unwritable_backup_folder_is_refused_with_a_reason(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CommandError, match="Cannot create the backup folder"):
        call_command("backup_database", output_dir=str(blocker / "backups"), stdout=StringIO())
