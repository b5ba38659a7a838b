"""The four patterns, in the order used by every table, column and score vector."""

LABELS: tuple[str, ...] = ("criticism", "contempt", "defensiveness", "stonewalling")

# Cue rules come in three kinds, told apart by the prefix of their id: a pattern's
# ("criticism.you_always"), a healthy move's ("positive.repair"), and neutral
# markers that mean nothing alone but matter in context ("curt.reply" for a bare
# "ok.", "leaving.bedtime" for "going to bed").
HEALTHY_RULES = "positive."

# The model scores one extra output, "any": does the message show any pattern at
# all? It gates the per-pattern flags (see ``nlp.scorer.decide``).
ANY = "any"
OUTPUTS: tuple[str, ...] = (*LABELS, ANY)

# How readily messages are flagged: each level is a measured operating point
# stored in the model (thresholds chosen for a share of false alarms on real text).
SENSITIVITIES: tuple[str, ...] = ("low", "normal", "high")
DEFAULT_SENSITIVITY = "normal"
