from assistant.abbreviations import abbreviations, mentioned_as_abbreviation
from assistant.abstain import evidence


def known_in(*texts):
    """`known` over a tiny corpus: a word, or each character pair of it, occurs in the texts."""
    pairs = {t[i:i + 2] for t in texts for i in range(len(t) - 1)}
    return lambda w: any(w in t for t in texts) or (len(w) > 1 and all(w[i:i + 2] in pairs for i in range(len(w) - 1)))


def test_every_name_has_one_character_abbreviation():
    table = abbreviations()
    assert table["香港"] == "港" and table["河北"] == "冀" and all(len(s) == 1 for s in table.values())


def test_a_place_written_in_a_compound_of_abbreviations_is_mentioned():
    known = known_in("依托“蓉港澳人才合作示范区”促进人才流动")
    assert mentioned_as_abbreviation("香港", known) and mentioned_as_abbreviation("澳门", known)
    assert not mentioned_as_abbreviation("河北", known)
    assert not mentioned_as_abbreviation("纽约", known)  # no abbreviation known: not mentioned


def test_evidence_does_not_call_an_abbreviated_place_missing():
    text = "依托“蓉港澳人才合作示范区”促进人才流动"
    ev = evidence("和香港的人才合作依托什么平台？", [], known_in(text))
    assert "香港" not in ev.missing_names
    ev = evidence("和河北的人才合作依托什么平台？", [], known_in(text))
    assert "河北" in ev.missing_names
