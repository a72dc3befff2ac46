"""The form probes find the terms a document defines and the terms whose members it lists (eval/form_probes.py)."""
from pathlib import Path

from eval.form_probes import documents, forms, item_fines, penalties

LAW = ("# 中华人民共和国示例法\n\n第二条 本法所称互助储金，是指职工按月缴存的储蓄资金。\n\n"
       "第三条 社会保险基金包括基本养老保险基金、基本医疗保险基金和工伤保险基金。\n\n"
       "第四条 非营利法人包括事业单位、社会团体。\n\n第五条 本法所称的单位，是指企业。\n\n"
       "第六条 国家包括中央和地方。\n")


def test_defined_and_listed_terms_are_read_from_the_text(tmp_path: Path) -> None:
    (tmp_path / "示例法.md").write_text(LAW, encoding="utf-8")
    defined, listed = forms([tmp_path / "示例法.md"])
    assert defined == {"互助储金": "示例法"}  # "所称的单位" is no term of its own
    assert listed == {"社会保险基金": "养老保险基金", "非营利法人": "事业单位"}  # last six characters; not "国家"


def test_local_regulations_are_left_out(tmp_path: Path) -> None:
    for name in ("上海市生活垃圾管理条例.md", "示例法.md"):
        (tmp_path / name).write_text(LAW, encoding="utf-8")
    assert [f.name for f in documents(tmp_path, "full")] == ["示例法.md"]


def test_a_fine_that_cites_its_duty_by_number_is_read_with_that_duty(tmp_path: Path) -> None:
    law = ("# 城市养犬管理条例\n\n第五条 携犬出户时，养犬人应当为犬只束犬链，并由成年人牵领。\n\n"
           "第六条 养犬人应当每年为犬只注射狂犬病疫苗。\n\n"
           "第二十条 违反本条例第五条规定的，由公安机关责令改正，处二百元以上五百元以下罚款。\n\n"
           "第二十一条 违反本条例规定，未为犬只注射疫苗的，处一千元罚款。\n")  # cites no article: not read
    (tmp_path / "条例.md").write_text(law, encoding="utf-8")
    assert penalties([tmp_path / "条例.md"]) == {"携犬出户时，养犬人应当为犬只束犬链，并由成年人牵领": "二百元以上五百元以下"}


def test_an_item_cited_by_number_with_a_fine_is_read_with_that_fine(tmp_path: Path) -> None:
    law = ("# 消防法\n\n第六十条 单位违反本法规定，有下列行为之一的，责令改正，处五千元以上五万元以下罚款：\n\n"
           "（一）消防设施、器材不符合标准的；\n\n（二）损坏、挪用或者擅自拆除、停用消防设施、器材的；\n\n"
           "（三）占用、堵塞、封闭疏散通道、安全出口的。\n\n"
           "个人有前款第二项、第三项行为之一的，处警告或者五百元以下罚款。\n\n第六十一条 其他规定。\n")
    (tmp_path / "消防法.md").write_text(law, encoding="utf-8")
    assert item_fines([tmp_path / "消防法.md"]) == {"损坏、挪用或者擅自拆除、停用消防设施、器材的": {"警告或者五百元以下"},
                                                  "占用、堵塞、封闭疏散通道、安全出口的": {"警告或者五百元以下"}}
