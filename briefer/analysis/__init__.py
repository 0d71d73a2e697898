"""Stage 4, analysis: dedupe, ranking, sections, timeline, figures, disagreements, corroboration."""
