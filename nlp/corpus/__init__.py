"""Scoring tables of messages: CSV, JSON Lines or Parquet in, Parquet out, on one machine or a Dask cluster.

For corpora rather than chats: 50 million forum comments, a platform's message
logs. ``tables`` reads the input in chunks and checks each row's text;
``columns`` turns an analysis into output columns; ``score`` runs the job,
locally with worker processes or on a Dask cluster, and writes a folder of
Parquet parts plus ``problems.csv`` for the rows that could not be scored.
Dask and pyarrow are optional (``pip install "horsemen[scale]"``); nothing
here is imported by the rest of the package.
"""
