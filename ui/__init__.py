"""The Gradio page in pieces; today one module, `ui.page`."""
