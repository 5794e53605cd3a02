"""Data files: gazetteers, word lists and relation triggers read by the rule extractor."""
