"""The indexing side: read → split (with structure and context) → embed → write into the catalogue, segments and Chroma."""
