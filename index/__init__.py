"""The indexing side: load → split → embed → write seed documents into Chroma."""
