"""Stage 7, delivery: channels that deliver a published brief (email first)."""
