"""The four patterns, in the order used by every table, column and score vector."""

LABELS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")

# The model scores one extra output, "any": does the message show any pattern at
# all? It gates the per-pattern flags (see ``nlp.scorer.decide``).
ANY = "any"
OUTPUTS: tuple[str, ...] = (*LABELS, ANY)
