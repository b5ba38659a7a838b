"""``python -m nlp`` runs the horsemen CLI."""

from nlp.cli import app

app(prog_name="horsemen")
