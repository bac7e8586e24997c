"""Shipped tagger weights (`tagger.json.gz`), written by `benchmarks/train_ner.py`."""
