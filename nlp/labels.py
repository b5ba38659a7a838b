"""The four patterns, in the order used by every table, column and score vector."""

LABELS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")
