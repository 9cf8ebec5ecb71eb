import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the whole database while the site runs: SQLite through its "
        "online backup API, PostgreSQL with pg_dump (custom format, for pg_restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=str(settings.VAR_DIR / "backups"),
            help="The folder for the backup file (default: var/backups).",
        )

    def handle(self, *args, output_dir, **options):
        folder = Path(output_dir)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CommandError(f"Cannot create the backup folder {folder}: {error}") from error
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        if connection.vendor == "sqlite":
            target = backup_sqlite(folder / f"sourcebook-{stamp}.sqlite3")
        elif connection.vendor == "postgresql":
            target = backup_postgresql(folder / f"sourcebook-{stamp}.dump")
        else:
            raise CommandError(f"Backups of {connection.vendor} databases are not supported.")
        size = target.stat().st_size
        message = f"Backed up the database to {target} ({size:,} bytes)."
        self.stdout.write(self.style.SUCCESS(message))


def backup_sqlite(target):
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target


def backup_postgresql(target):
    pg_dump = shutil.which("pg_dump")
    if not pg_dump:
        raise CommandError("pg_dump is not installed; install the PostgreSQL client tools.")
    params = connection.get_connection_params()
    command = [pg_dump, "--format=custom", "--no-owner", f"--file={target}"]
    for option, key in (("--host", "host"), ("--port", "port"), ("--username", "user")):
        if params.get(key):
            command.append(f"{option}={params[key]}")
    command.append(params.get("dbname") or connection.settings_dict["NAME"])
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = params["password"]
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
    return target
