"""Stage 6, output: renderers (Markdown, HTML, PDF) and atomic publishing."""
