"""The Python API: dicts as SPEC's JSON with string indices, batches, errors."""

from __future__ import annotations

import datetime
import json
import pickle
import threading

import pytest

import zonefacts
from zonefacts import Extractor, ZonefactsError

from conftest import ARTICLE, ASTRAL, DIRTY, TEXTS


def facts_of(doc, kind=None):
    return [f for f in doc["facts"] if kind is None or f["kind"] == kind]


def as_library_json(doc):
    """A dict of `extract` turned back into the library's JSON: byte offsets
    as start/end, no byte_start/byte_end."""
    out = {"sections": [], "facts": []}
    for key in ("sections", "facts"):
        for item in doc[key]:
            item = dict(item)
            item["start"] = item.pop("byte_start")
            item["end"] = item.pop("byte_end")
            out[key].append(item)
    return out


def test_readme_example():
    text = "2023年,园区新签约项目42个,总投资216亿元。"
    doc = zonefacts.extract(text)
    money = facts_of(doc, "money")[0]
    assert money["value"] == "21600000000"
    assert money["unit"] == "CNY"
    assert money["subject"] == "总投资"
    assert money["as_of"] == "2023"
    assert text[money["start"] : money["end"]] == "216亿元"
    count = facts_of(doc, "count")[0]
    assert (count["text"], count["value"], count["unit"], count["subject"]) == ("42个", "42", "个", "新签约项目")


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_are_string_indices(text):
    doc = Extractor().extract(text)
    raw = text.encode("utf-8")
    for f in doc["facts"] + doc["sections"]:
        assert 0 <= f["start"] <= f["end"] <= len(text)
        assert raw[f["byte_start"] : f["byte_end"]].decode("utf-8") == text[f["start"] : f["end"]]
        assert len(raw[: f["byte_start"]].decode("utf-8")) == f["start"]
    for f in doc["facts"]:
        assert text[f["start"] : f["end"]] == f["text"]


def test_astral_and_crlf_offsets():
    # 𠀀 is one Python character and four UTF-8 bytes.
    doc = Extractor().extract(ASTRAL)
    money = facts_of(doc, "money")[0]
    assert money["text"] == "378亿元"
    assert ASTRAL[money["start"] : money["end"]] == "378亿元"
    assert money["byte_start"] - money["start"] > 3 * 3
    count = facts_of(doc, "count")[0]
    assert ASTRAL[count["start"] : count["end"]] == "32家"
    # \r\n is two characters, kept in the text as given.
    doc = Extractor().extract(DIRTY)
    assert facts_of(doc), "the dirty text has facts"
    for f in doc["facts"]:
        assert DIRTY[f["start"] : f["end"]] == f["text"]
    split = [f for f in facts_of(doc, "money") if "\n" in f["text"]]
    assert split and split[0]["text"] == "超550億\n元"


def test_same_fields_as_the_library_json():
    ex = Extractor()
    for text in TEXTS:
        assert as_library_json(ex.extract(text)) == json.loads(ex.extract_json(text))


def test_field_values():
    doc = Extractor().extract(ARTICLE)
    sec = doc["sections"][0]
    assert sec["start"] == 0 and sec["end"] == len(ARTICLE)
    assert sec["title"] == "青溪高新区：项目建设跑出加速度"
    assert sec["zone"] == "青溪高新区" and sec["zone_key"] == "青溪高新区"
    assert "林晓" in sec["reporter"]
    by_text = {f["text"]: f for f in doc["facts"]}
    assert by_text["1356.54亿元"]["value"] == "135654000000"
    assert by_text["1000多家"]["approx"] == "more_than"
    assert by_text["0.9万吨"]["unit"] == "t" and by_text["0.9万吨"]["value"] == "9000"
    assert by_text["2.3个百分点"]["unit"] == "pp"
    assert by_text["截至2024年6月底"]["value"] == "2024-06"
    assert by_text["截至2024年6月底"]["mod"] == "end"
    assert by_text["截至2024年6月底"]["relation"] == "as_of"
    platform = facts_of(doc, "platform")[0]
    assert platform["type"] == "research_institute" and platform["value"] == platform["text"]
    zone = facts_of(doc, "zone")[0]
    # What the library fills in (zone_type, level, place) grows with it; the
    # fields themselves are checked against its JSON above.
    assert zone["key"] == "青溪高新区" and "zone_type" in zone
    for f in facts_of(doc):
        if f["kind"] in ("money", "count", "measure", "percent"):
            assert set(f) >= {"value", "unit", "approx", "section"}
            assert f.get("target", True) is True  # only ever present as True


def test_range_and_fraction_values():
    doc = Extractor().extract(DIRTY + ASTRAL)
    assert any(f["value"] == "300000000/500000000" for f in facts_of(doc, "money"))
    third = [f for f in facts_of(doc, "percent") if f["text"] == "三分之一"][0]
    assert third["value"].startswith("33.333333")


def test_bytes_input():
    ex = Extractor()
    assert ex.extract(ARTICLE.encode("utf-8")) == ex.extract(ARTICLE)
    bad = "投资5亿元".encode("utf-8") + b"\xff"
    with pytest.raises(ZonefactsError, match=r"^input is not valid UTF-8 at byte offset 13$"):
        ex.extract(bad)
    with pytest.raises(ZonefactsError, match=r"^texts\[1\]: input is not valid UTF-8 at byte offset 13$"):
        ex.extract_batch([ARTICLE, bad])


def test_kinds():
    ex = Extractor(kinds="money,date")
    assert ex.kinds == ["money", "date"]
    assert {f["kind"] for f in ex.extract(ARTICLE)["facts"]} == {"money", "date"}
    assert Extractor(kinds=["count"]).kinds == ["count"]
    assert Extractor(kinds="all").kinds == zonefacts.KINDS
    assert Extractor(kinds=[]).extract(ARTICLE)["facts"] == []
    assert zonefacts.KINDS == ["money", "count", "measure", "percent", "date", "platform", "zone"]


def test_document_date():
    text = "去年营收突破500亿,今年以来新增企业12家。"
    dates = [f["value"] for f in facts_of(Extractor().extract(text), "date")]
    assert dates[0].startswith("XXXX")
    ex = Extractor(document_date="2022-05-01")
    assert ex.document_date == "2022-05-01"
    assert [f["value"] for f in facts_of(ex.extract(text), "date")][:2] == ["2021", "2022"]
    assert facts_of(Extractor(document_date=datetime.date(2022, 5, 1)).extract(text), "date")[0]["value"] == "2021"
    per_call = Extractor().extract(text, document_date="2019-01-01")
    assert facts_of(per_call, "date")[0]["value"] == "2018"
    docs = Extractor().extract_batch([text, text], document_dates=["2019-01-01", None])
    assert facts_of(docs[0], "date")[0]["value"] == "2018"
    assert facts_of(docs[1], "date")[0]["value"].startswith("XXXX")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"kinds": "money,cash"}, r'^not a valid kind: "cash"$'),
        ({"document_date": "2021-02-30"}, r'^not a valid date: "2021-02-30"$'),
        ({"document_date": "yesterday"}, r'^not a valid date: "yesterday"$'),
    ],
)
def test_errors_carry_the_library_messages(kwargs, message):
    with pytest.raises(ZonefactsError, match=message):
        Extractor(**kwargs)
    assert issubclass(ZonefactsError, ValueError)


def test_type_errors():
    ex = Extractor()
    with pytest.raises(TypeError):
        ex.extract(42)
    with pytest.raises(TypeError):
        ex.extract_batch("one text, not a list")
    with pytest.raises(TypeError):
        ex.extract_batch([ARTICLE, None])
    with pytest.raises(TypeError):
        Extractor(kinds=[1, 2])
    with pytest.raises(TypeError):
        Extractor(document_date=20210101)
    with pytest.raises(ValueError, match="document_dates has 1 items for 2 texts"):
        ex.extract_batch([ARTICLE, ARTICLE], document_dates=["2021-01-01"])
    with pytest.raises(UnicodeEncodeError):
        ex.extract("lone surrogate \ud800")


def test_max_input_len():
    ex = Extractor(max_input_len=20)
    assert ex.max_input_len == 20
    assert ex.extract("总投资5亿元。")["facts"]
    long = "总投资5亿元,新增企业12家。"
    n = len(long.encode("utf-8"))
    with pytest.raises(ZonefactsError, match=rf"^input of {n} bytes is over the limit of 20 bytes$"):
        ex.extract(long)
    with pytest.raises(ZonefactsError, match=rf"^texts\[1\]: input of {n} bytes is over the limit of 20 bytes$"):
        ex.extract_batch(["总投资5亿元。", long, "新增企业12家。"])


def test_batch_equals_sequential():
    ex = Extractor()
    texts = TEXTS * 7
    sequential = [ex.extract(t) for t in texts]
    for threads in (0, 1, 2, 3, 64):
        assert ex.extract_batch(texts, threads) == sequential
    assert ex.extract_batch(iter(texts), threads=2) == sequential
    assert ex.extract_batch([]) == []
    assert ex.extract_batch([ARTICLE]) == [ex.extract(ARTICLE)]
    assert zonefacts.extract_batch(texts) == sequential
    assert ex.extract_json_batch(texts, 2) == [ex.extract_json(t) for t in texts]
    assert ex._count(texts, 2) == [len(d["facts"]) for d in sequential]


def test_batch_from_many_python_threads():
    ex = Extractor()
    expected = [ex.extract(t) for t in TEXTS]
    results, errors = [], []

    def work():
        try:
            results.append(ex.extract_batch(TEXTS * 3, threads=2))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert all(r == expected * 3 for r in results)


def test_dicts_are_independent():
    # Fact dicts with the same keys are copies of one template (sharing its
    # keys where CPython can): changing one changes no other, in this call
    # or the next.
    ex = Extractor()
    expected = json.dumps(ex.extract_batch(TEXTS * 2, threads=2), ensure_ascii=False)
    docs = ex.extract_batch(TEXTS * 2, threads=2)
    for doc in docs:
        for f in doc["facts"]:
            f["kind"] = "changed"
            f["added"] = [f]
            del f["start"]
            f.pop("subject", None)
            if f.get("unit") == "CNY":
                f.clear()
            else:
                f["end"] = -1
        for s in doc["sections"]:
            s["title"] = "changed"
    assert json.dumps(ex.extract_batch(TEXTS * 2, threads=2), ensure_ascii=False) == expected
    assert json.dumps([ex.extract(t) for t in TEXTS * 2], ensure_ascii=False) == expected
    doc = ex.extract(ARTICLE)
    first, rest = doc["facts"][0], doc["facts"][1:]
    before = [dict(f) for f in rest]
    first["text"] = None
    first["new"] = 1
    assert rest == before and all("new" not in f for f in rest)


def test_pickle_and_repr():
    ex = Extractor("money,count", "2022-01-01", max_input_len=1000, zone_names=["光谷"], platform_names=["海湾智谷"])
    back = pickle.loads(pickle.dumps(ex))
    assert (back.kinds, back.document_date, back.max_input_len) == (["money", "count"], "2022-01-01", 1000)
    assert back.extract(ARTICLE) == ex.extract(ARTICLE)
    assert repr(ex) == 'Extractor(kinds="money,count", document_date="2022-01-01")'


def test_user_names():
    ex = Extractor(platform_names=["海湾智谷"], zone_names=["光谷"])
    doc = ex.extract("园区引进了海湾智谷项目,光谷新增企业5家。")
    assert [f["value"] for f in facts_of(doc, "platform")] == ["海湾智谷"]
    assert [f["value"] for f in facts_of(doc, "zone")] == ["光谷"]


def test_docstrings_and_stubs():
    import pathlib

    assert "Python string indices" in Extractor.extract.__doc__
    assert Extractor.extract_batch.__doc__
    pkg = pathlib.Path(zonefacts.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "_zonefacts.pyi").is_file()


def test_module_doctests():
    import doctest

    import zonefacts.spark

    for module in (zonefacts, zonefacts.spark):
        assert doctest.testmod(module).failed == 0


def test_batch_groups_give_each_text_alone():
    # Consecutive texts of one date are extracted together, a few hundred
    # kilobytes at a time (the library's `extract_many`, stage by stage);
    # each document is still the one `extract` gives, and a text over the
    # limit fails at its own place in the middle of a group.
    texts = (TEXTS + ["去年营收突破500亿,今年以来新增企业12家。"]) * 120
    dates = [None if i % 50 < 40 else "2019-06-30" for i in range(len(texts))]
    ex = Extractor()
    sequential = [ex.extract(t, document_date=d) for t, d in zip(texts, dates)]
    for threads in (1, 2):
        batch = ex.extract_batch(texts, threads, document_dates=dates)
        assert batch == sequential
        # 去年 is the year before each text's own date.
        years = {(d, facts_of(doc, "date")[0]["value"]) for doc, d, t in zip(batch, dates, texts) if "去年" in t}
        assert years == {(None, "XXXX"), ("2019-06-30", "2018")}
    assert ex._count(texts, 1) == [len(d["facts"]) for d in (ex.extract(t) for t in texts)]
    dated = Extractor(document_date="2020-01-01")
    assert dated.extract_batch(texts, 1) == [dated.extract(t) for t in texts]
    limit = max(len(t.encode("utf-8")) for t in TEXTS)
    small = Extractor(max_input_len=limit)
    too_long = "总投资5亿元,新增企业12家。" * (limit // 10)
    with pytest.raises(ZonefactsError, match=r"^texts\[300\]: input of \d+ bytes is over the limit"):
        small.extract_batch(texts[:300] + [too_long] + texts[300:], threads=1)
