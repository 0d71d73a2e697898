"""The commands the CLI calls: build, send, new, summarize, eval, inspect."""
