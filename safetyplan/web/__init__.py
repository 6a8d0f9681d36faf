"""The web plumbing: extensions, start-up, sessions, security, the section form and the one
place a request commits its changes (changes.py)."""
