"""Stage 1, sources: readers that turn files into Article records."""
