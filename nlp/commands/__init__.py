"""Command-line commands that live outside ``nlp.cli``, each registered there with one line."""

from __future__ import annotations

import functools


def user_errors(command):
    """``nlp.cli.user_errors``, looked up when the command runs (``nlp.cli`` imports this package)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        from nlp.cli import user_errors as cli_user_errors

        return cli_user_errors(command)(*args, **kwargs)

    return wrapper
