"""The HTTP API and web page (``horsemen serve``); needs the ``api`` extra (FastAPI, uvicorn).

Build the app with ``nlp.api.app.create_app``. Nothing is imported here so that
the CLI can register ``serve`` without FastAPI installed.
"""
