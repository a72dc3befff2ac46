"""A request to write, translate or rewrite a text is told apart from a question about writing
(assistant/requests.py): the first is declined, the second answered from the documents."""
import pytest

from assistant.requests import asks_for_writing


@pytest.mark.parametrize("text", [
    "帮我写一份请三天病假的请假条。", "起草一份劳动合同", "请写一封辞职信", "给我翻译一下这条规定", "为我们起草一个规章制度",
    "替我写一段年终总结", "Please write a resignation letter for me.", "Translate Article 19 into English.",
    "can you draft a notice to employees",
])
def test_a_request_to_write_is_recognised(text: str) -> None:
    assert asks_for_writing(text)


@pytest.mark.parametrize("text", [
    "帮我写一份遗嘱要注意什么？", "遗嘱怎么写才有效？", "劳动合同应当写明哪些内容？", "书面劳动合同要写一份还是两份？",
    "我写了一份辞职信，多久能走？", "可以写一份说明吗", "自书遗嘱由谁来写？", "What must a will written by hand contain?",
    "How do I write a complaint to the labour bureau?", "试用期最长多久？",
])
def test_a_question_about_writing_is_a_question(text: str) -> None:
    assert not asks_for_writing(text)
