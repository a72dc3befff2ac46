"""The Gradio page: layout (page.py), chat events, sources, conversations, documents view, admin uploads."""
