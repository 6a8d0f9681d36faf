"""Command-line tasks: `flask create-staff`, `flask rotate-keys`, `flask welcome`, `flask demo`."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from sqlalchemy import func, select

from .extensions import db
from .models import DataKey, StaffUser
from .passwords import STAFF_MIN_LENGTH, hash_password, problem_with


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
    def rotate_keys() -> None:
        """Re-wrap every data key under the newest key-encryption key."""
        ring = current_app.extensions["safetyplan_keyring"]
        rewrapped = 0
        for row in db.session.scalars(select(DataKey)):
            if not ring.is_current(row.wrapped):
                row.wrapped = ring.wrap(ring.unwrap(row.wrapped, row.id), row.id)
                rewrapped += 1
        db.session.commit()
        click.echo(
            f"Re-wrapped {rewrapped} data keys under the newest key. "
            "Older keys can now be removed from SAFETYPLAN_KEYS or the key file."
        )

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
