"""Stage 3, language: one annotation pass over every sentence (tense, times, quantities, quotes, terms)."""
