"""Stage 5, brief: compose each audience's brief from the analysed story."""
