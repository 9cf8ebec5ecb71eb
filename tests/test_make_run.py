"""`make run` on a fresh checkout says what it is doing at each step, installs included."""

import subprocess
from pathlib import Path

from django.conf import settings


def planned_steps(tmp_path, target):
    """What `make <target>` would run in a checkout with no virtual environment yet."""
    result = subprocess.run(
        ["make", "-n", target, f"VENV={tmp_path / 'venv'}"],
        cwd=Path(settings.BASE_DIR),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


def test_each_step_of_a_first_make_run_is_announced_before_it_starts(tmp_path):
    lines = planned_steps(tmp_path, "run")
    announced = [line.removeprefix('echo "==> ').rstrip('"') for line in lines if "==>" in line]
    assert [text.split(" (")[0] for text in announced] == [
        f"Creating the virtual environment in {tmp_path / 'venv'}",
        "Upgrading pip",
        "Installing Sourcebook's dependencies",
        "Creating or updating the SQLite database",
        "Loading the demo profiles and their history",
        "Serving on http://127.0.0.1:8000/",
    ]


def test_installing_the_dependencies_is_not_silent(tmp_path):
    installs = [line for line in planned_steps(tmp_path, "run") if "pip install" in line]
    dependencies = [line for line in installs if "--upgrade pip" not in line]
    assert dependencies and not any("--quiet" in line for line in dependencies)
