"""Stage 2, prepare: clean article bodies and split them into sentences."""
