"""Everything that makes or measures a model: labelled data, fitting, evaluation, retraining, queue, feedback.

``data`` reads, checks and layers labelled CSVs; ``estimator`` is the
scikit-learn side; ``train`` turns rows into a model directory (and builds the
built-in model); ``evaluation`` and ``metrics`` measure; ``retrain`` compares
before it replaces; ``queue`` picks messages worth labelling; ``feedback``
stores single corrections. Nothing here is imported when a model is only used.
"""
