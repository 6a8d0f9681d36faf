"""A writer for the crash test: saves a section again and again through the real view,
printing ACK <n> after each save's response arrives. The test kills it with SIGKILL."""

from __future__ import annotations

import sys
from pathlib import Path

from safetyplan.core.encrypted import ensure_lookup_index_key
from safetyplan.web.extensions import db
from tests.conftest import AuthActions, add_young_person, csrf_token, make_app


def main(folder: str, start: int) -> None:
    app = make_app(Path(folder), SIGN_IN_RATE_LIMIT="100000/minute")
    with app.app_context():
        db.create_all()
        ensure_lookup_index_key()
        from safetyplan.core.models import YoungPerson

        if YoungPerson.by_username("blue-fox") is None:
            add_young_person()
        db.session.commit()
    client = app.test_client()
    auth = AuthActions(client)
    auth.sign_in_young_person()
    number = start
    while True:
        page = client.get("/notes/1")
        version = page.text.split('name="version" type="hidden" value="')[1].split('"')[0]
        response = client.post(
            "/notes/1",
            data={
                "csrf_token": csrf_token(page),
                "version": version,
                "code_word": f"word {number}",
            },
        )
        if response.status_code != 302:
            print(f"FAIL {response.status_code}", flush=True)
            return
        print(f"ACK {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
