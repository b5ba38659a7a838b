"""Whole-conversation analysis: a chat export in, per-message, per-person and per-conflict results out.

``nlp.chats`` reads exports into ``ChatMessage`` objects; this package scores
them, finds conflict episodes, sums up each speaker and writes the CSV files
and the HTML report that ``horsemen analyze`` produces. Modules are imported
on demand so that the command line stays quick to start.
"""
