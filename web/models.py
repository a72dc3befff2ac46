"""Typed request bodies of the HTTP surfaces: anything else is refused with `bad_request`.

Text must be a JSON string (no numbers, no nulls) that is valid Unicode (a lone
surrogate is refused); history is a bounded list of {role, content} messages.
The question's own length limit is the assistant's (`too_long`); the body size
limit bounds everything else.
"""
from __future__ import annotations

from typing import Annotated, Literal

from assistant.documents import DocumentInfo
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

MAX_MESSAGES = 50
MAX_MESSAGE_CHARS = 8_000


def _valid_unicode(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text contains an unpaired surrogate (not valid Unicode)") from None
    return text


Text = Annotated[str, Field(strict=True), AfterValidator(_valid_unicode)]
MessageText = Annotated[Text, StringConstraints(max_length=MAX_MESSAGE_CHARS)]


class Message(BaseModel):
    """One earlier turn of the conversation."""

    model_config = ConfigDict(extra="forbid")
    role: Literal["user", "assistant"]
    content: MessageText


History = Annotated[list[Message], Field(max_length=MAX_MESSAGES)]


ISODate = Annotated[str, Field(strict=True, pattern=r"^(\d{4}-\d{2}-\d{2})?$")]


class Filters(BaseModel):
    """Which documents to search; empty fields do not restrict (default: latest versions of all)."""

    model_config = ConfigDict(extra="forbid")
    docs: Annotated[list[int], Field(max_length=200)] = Field(default_factory=list, description="Catalogue ids.")
    categories: Annotated[list[Annotated[Text, StringConstraints(max_length=200)]], Field(max_length=50)] = Field(
        default_factory=list, description="Library categories (first-level folders).")
    date_from: ISODate = Field("", description="Versions dated on or after (YYYY-MM-DD).")
    date_to: ISODate = Field("", description="Versions dated on or before (YYYY-MM-DD).")
    all_versions: bool = Field(False, description="Search earlier versions too, not only the latest.")

    def search(self):
        from assistant.index_view import SearchFilter

        return SearchFilter(docs=tuple(self.docs), categories=tuple(self.categories), date_from=self.date_from,
                            date_to=self.date_to, all_versions=self.all_versions)


class AskRequest(BaseModel):
    """A question and, for follow-ups, the conversation so far (oldest first)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"question": "如何提升“蓉漂”品牌的海外影响力？", "history": []}]})
    question: Text = Field(description="The question, in Chinese or English.")
    history: History = Field(default_factory=list, description="Earlier messages, oldest first.")
    filters: Filters | None = Field(None, description="Restrict the search to some documents.")

    def history_dicts(self) -> list[dict]:
        return [m.model_dump() for m in self.history]

    def search(self):
        """The assistant's SearchFilter, or None for the default (latest versions of every document)."""
        return self.filters.search() if self.filters else None


class FeedbackRequest(BaseModel):
    """A vote on an answer this server gave; voting again on the same answer replaces the vote."""

    model_config = ConfigDict(extra="forbid")
    answer_id: Annotated[str, Field(strict=True, pattern=r"^[0-9a-f]{32}$", description="`id` of the answer.")]
    vote: Literal["up", "down"]
    comment: Annotated[Text, StringConstraints(max_length=1000)] = ""


class FeedbackReply(BaseModel):
    ok: bool
    replaced: bool = Field(description="True when this vote replaced an earlier one on the same answer.")
    message: str


class Whoami(BaseModel):
    kind: Literal["anonymous", "token", "user"]
    name: str
    admin: bool


class DocumentPage(BaseModel):
    """One page of the library listing."""

    total: int
    documents: list[DocumentInfo]
