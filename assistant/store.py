"""Open the sentence store for reading through langchain-chroma."""
from __future__ import annotations

from typing import TYPE_CHECKING

from index.store import open_client

if TYPE_CHECKING:
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from settings import Settings


def open_vectorstore(settings: Settings, embeddings: Embeddings) -> Chroma:
    """The Chroma collection the indexer wrote, over the same persistent client."""
    from langchain_chroma import Chroma

    client = open_client(settings.chroma_dir)
    return Chroma(collection_name=settings.collection, client=client, embedding_function=embeddings,
                  create_collection_if_not_exists=False)
