"""Command-line tasks: `flask create-staff`, `flask rotate-keys`, `flask welcome`, `flask demo`."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from ..core import caseload, clock, crypto, key_epochs, meetings, plan, workbook
from ..core.db import utcnow
from ..core.encrypted import DataKey
from ..core.models import StaffUser, YoungPerson
from ..core.passwords import STAFF_MIN_LENGTH, hash_password, problem_with
from .extensions import db

DEMO_STAFF = (
    ("manager@example.org", "Morgan Manager", True, "demo manager passphrase"),
    ("worker@example.org", "Sam Worker", False, "demo worker passphrase"),
)
DEMO_YOUNG_PERSON = ("demo-willow", "harbour kite lantern")


def _read_password() -> str:
    if sys.stdin.isatty():
        return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))
    return sys.stdin.readline().rstrip("\n")


def create_staff_account(email: str, name: str, password: str, manager: bool) -> StaffUser:
    if problem := problem_with(password, STAFF_MIN_LENGTH):
        raise click.ClickException(problem)
    if StaffUser.by_email(email):
        raise click.ClickException(f"There is already an account for {email}.")
    staff = StaffUser(email=email, name=name, role="manager" if manager else "worker")
    staff.password_hash = hash_password(password, current_app.config["PASSWORD_HASH_PROFILE"])
    db.session.add(staff)
    db.session.commit()
    return staff


def register(app: Flask) -> None:
    @app.cli.command("create-staff")
    @click.argument("email")
    @click.option("--name", required=True, help="The person's full name.")
    @click.option("--manager", is_flag=True, help="Can see every caseload and manage staff.")
    def create_staff(email: str, name: str, manager: bool) -> None:
        """Create a staff account. The password is prompted for, or read from stdin."""
        create_staff_account(email, name, _read_password(), manager)
        click.echo(f"Created a {'manager' if manager else 'worker'} account for {email}.")

    @app.cli.command("rotate-keys")
    @click.option(
        "--new-key",
        is_flag=True,
        help="Start a new key epoch first (key file only): run after any deletion.",
    )
    def rotate_keys(new_key: bool) -> None:
        """Re-wrap every data key under the newest key-encryption key."""
        ring = current_app.extensions["safetyplan_keyring"]
        if new_key:
            if current_app.config["SAFETYPLAN_KEYS"]:
                raise click.ClickException(
                    "Keys come from SAFETYPLAN_KEYS: put a new key first there, restart, "
                    "then run rotate-keys without --new-key."
                )
            ring = key_epochs.rotate(Path(current_app.config["KEY_FILE"]), utcnow())
            current_app.extensions["safetyplan_keyring"] = ring
            rewrapped = len(db.session.scalars(select(DataKey.id)).all())
        else:
            rewrapped = key_epochs.rewrap(ring)
        db.session.commit()
        click.echo(
            f"Re-wrapped {rewrapped} data keys under the newest key. Restart every instance "
            "so they read the new key; retire the old one with retire-keys once backups "
            "older than it have expired."
        )

    @app.cli.command("retire-keys")
    def retire_keys() -> None:
        """Remove old key-encryption keys once the backup retention has passed: backups
        from before the newest key then can no longer be opened."""
        if current_app.config["SAFETYPLAN_KEYS"]:
            raise click.ClickException("Keys come from SAFETYPLAN_KEYS: remove old ones there.")
        key_file = Path(current_app.config["KEY_FILE"])
        retention = timedelta(days=current_app.config["BACKUP_RETENTION_DAYS"])
        try:
            retired = key_epochs.retire(key_file, utcnow(), retention)
        except crypto.KeyConfigurationError as error:
            raise click.ClickException(str(error)) from None
        if retired:
            click.echo(
                f"Retired {retired} old keys. Backups made before the newest key "
                "can no longer be opened."
            )
        else:
            due = key_epochs.retire_after(key_file, retention)
            click.echo(f"Nothing to retire yet{f' (due {due:%d %B %Y})' if due else ''}.")

    @app.cli.command("reindex-search")
    def reindex_search() -> None:
        """Make the caseload search hashes again (once, after upgrading to part-name and
        case reference search)."""
        indexed = caseload.reindex_for_search()
        db.session.commit()
        click.echo(f"Indexed {indexed} young people for search.")

    @app.cli.command("demo")
    def demo() -> None:
        """Add a demo manager, worker and young person with a partly filled plan and a
        meeting coming up."""
        for email, name, manager, password in DEMO_STAFF:
            if not StaffUser.by_email(email):
                create_staff_account(email, name, password, manager)
        username, passphrase = DEMO_YOUNG_PERSON
        if not YoungPerson.by_username(username):
            _add_demo_young_person(username, passphrase)
        click.echo("\nDemo accounts (for trying things out only):")
        for email, _name, manager, password in DEMO_STAFF:
            click.echo(f"  {'Manager' if manager else 'Worker'}: {email} / {password}")
        click.echo(f"  Young person: {username} / {passphrase}")
        welcome.callback()  # type: ignore[misc]

    @app.cli.command("welcome")
    def welcome() -> None:
        """Say how to sign in, and how to make the first account when there is none."""
        click.echo("\nsafetyplan is starting on http://127.0.0.1:5000")
        click.echo("  Young people sign in at  http://127.0.0.1:5000/")
        click.echo("  Staff sign in at         http://127.0.0.1:5000/staff/sign-in")
        if not db.session.scalar(select(func.count()).select_from(StaffUser)):
            click.echo(
                "\nThere is no staff account yet. In another terminal, create the first manager:\n"
                '  .venv/bin/flask --app app create-staff you@example.org --name "Your Name" '
                "--manager\n"
                "or run `make demo` to add demo accounts and a sample plan.\n"
            )


def _add_demo_young_person(username: str, passphrase: str) -> None:
    worker = StaffUser.by_email(DEMO_STAFF[1][0])
    if worker is not None:
        worker.phone = "0116 496 0000"
    person = YoungPerson(preferred_name="Jordan", worker=worker)
    person.set_username(username)
    person.date_of_birth = "2010-05-14"
    person.set_case_reference("DEMO-0001")
    person.password_hash = hash_password(passphrase, current_app.config["PASSWORD_HASH_PROFILE"])
    db.session.add(person)
    db.session.commit()
    emergency = workbook.SECTIONS[0]
    plan.save_section(
        person,
        emergency,
        {
            "trusted_adult": [{"name": "Auntie Bev", "phone": "07700 900 982"}],
            "safe_friends": [{"name": "Priya", "phone": "07700 900 123"}],
            "code_word": "Can you bring my blue hoodie?",
        },
        base_version=0,
        done=True,
    )
    everyday = next(section for section in workbook.SECTIONS if section.number == 4)
    checklist = next(field for field in everyday.fields if field.kind == "checklist")
    plan.save_section(
        person,
        everyday,
        {
            checklist.name: {
                "ticked": [suggestion.key for suggestion in checklist.suggestions[:3]],
                "own": ["Keep my charger in my school bag"],
            }
        },
        base_version=0,
        done=False,
        author=worker,
    )
    today = clock.today()
    meetings.save(
        person,
        None,
        {
            "kind": "initial",
            "anchor": (today - timedelta(days=2)).isoformat(),
            "booked": (today - timedelta(days=2)).isoformat(),
            "date": (today + timedelta(days=9)).isoformat(),
            "time": "15:30",
            "venue": "Riverside Centre, Room 2",
            "online": False,
            "chair": "Pat Green",
        },
    )
    db.session.commit()
