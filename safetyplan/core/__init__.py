"""What is true without a browser: the plan, its encryption, history, sharing, meetings and
accounts. Imports no web framework and never commits (see docs/developing.md)."""
