"""Foundation every stage may use: the records passed between stages, errors, limits, word lists, the tokeniser and stemmer."""
