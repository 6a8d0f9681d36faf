"""gunicorn settings for one safetyplan instance, behind nginx (deploy/nginx-site.conf):

    SAFETYPLAN_BIND=127.0.0.1:8000 .venv/bin/gunicorn -c deploy/gunicorn.conf.py

The app's own settings (database, keys, public address, Redis) come from the environment:
see "Running it in production" in README.md. `make deploy-test` runs two instances with this
file behind the nginx site file, so what is here is what the tests prove.
"""

import os
from typing import Any

from dotenv import load_dotenv

load_dotenv(override=False)  # as the app does, so the check below sees a .env file's settings
wsgi_app = "app:app"
bind = os.environ.get("SAFETYPLAN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SAFETYPLAN_WORKERS", "2"))
# Time, method, path without its query string, status, bytes and milliseconds. No client
# address, query string, referrer, user agent, cookie or other header: those can carry a
# young person's name, a share link or a session id. The app also redacts the secret part
# of share and sign-in links (security.RedactSecretPaths).
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
accesslog = os.environ.get("SAFETYPLAN_ACCESS_LOG", "-")
errorlog = os.environ.get("SAFETYPLAN_ERROR_LOG", "-")
capture_output = True  # anything printed (a logging error, say) lands in the error log too
# Several instances may run on one machine; nothing is managed through a control socket.
control_socket_disable = True


def on_starting(server: Any) -> None:
    """Refuse to start where each worker would count rate limits on its own, multiplying
    every limit by the number of workers."""
    storage = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    if server.num_workers > 1 and storage.startswith("memory://"):
        raise SystemExit(
            "safetyplan: set RATELIMIT_STORAGE_URI=redis://... so that every worker and "
            "instance counts rate limits together."
        )
