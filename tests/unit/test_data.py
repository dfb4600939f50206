"""Datasets: checksums with clear errors, byte-for-byte regeneration, the real data's known facts."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ckm_course.case import analytics, data
from ckm_course.content.builder import ContentError
from ckm_course.content.catalog import course
from ckm_course.content.company import load_company

REPO = Path(__file__).resolve().parents[2]
DATASETS = REPO / "datasets"


@pytest.fixture(scope="module")
def cdnow():
    return data.load_cdnow()


def test_cdnow_is_the_fader_hardie_master_file(cdnow):
    assert len(cdnow) == 69_659
    assert cdnow["customer_id"].nunique() == 23_570
    assert (cdnow["date"].min(), cdnow["date"].max()) == (pd.Timestamp("1997-01-01"), pd.Timestamp("1998-06-30"))
    first_purchase = cdnow.groupby("customer_id")["date"].min()
    assert first_purchase.max() < pd.Timestamp("1997-04-01"), "every customer first bought in Q1 1997"
    assert cdnow["dollars"].sum() == pytest.approx(2_500_315.63)


def test_the_conversion_is_reproducible(tmp_path):
    raw = tmp_path / "CDNOW_sample.txt"
    raw.write_text(" customer_id  date number_of_cds  dollar_value\n 00001 19970101  1   11.77\n"
                   " 00002 19970112  1   12.00\n 00002 19970112  5   77.00\n", encoding="utf-8")
    first, second = tmp_path / "a.csv.gz", tmp_path / "b.csv.gz"
    assert data.convert_cdnow(raw, first) == 3
    data.convert_cdnow(raw, second)
    assert first.read_bytes() == second.read_bytes()
    assert gzip.decompress(first.read_bytes()).decode() == (
        "customer_id,date,cds,dollars\n1,1997-01-01,1,11.77\n2,1997-01-12,1,12.00\n2,1997-01-12,5,77.00\n")


def test_case_csvs_regenerate_byte_for_byte(tmp_path):
    written = data.write_case(tmp_path)
    for name, path in written.items():
        assert path.read_bytes() == (DATASETS / name).read_bytes(), name


def test_every_manifest_entry_matches_its_file_and_row_count():
    for name, entry in data.manifest().items():
        path = data.verified(name)
        assert len(pd.read_csv(path)) == entry["rows"], name


def test_a_missing_file_is_named_with_the_way_back(tmp_path):
    with pytest.raises(data.DataError, match=r"cdnow_transactions\.csv\.gz is missing\. Restore it with `git checkout"):
        data.load_cdnow(tmp_path)


def test_an_altered_file_is_refused(tmp_path):
    shutil.copy(DATASETS / "case_customers.csv", tmp_path / "case_customers.csv")
    with open(tmp_path / "case_customers.csv", "a", encoding="utf-8") as stream:
        stream.write("Q9999,micro,east,1,1,1,1,1,1,1,1,1,0.1,0.5,3\n")
    with pytest.raises(data.DataError, match="has been altered: its SHA-256 is"):
        data.load_case("customers", tmp_path)


def test_the_case_company_is_plausible():
    customers = data.load_case("customers").set_index("customer_id")
    profit = analytics.profitability(customers, data.case_company().activities)["profit"]
    curve = analytics.whale_curve(profit)
    top_fifth = curve.loc[curve["customer_share"] <= 0.2, "cumulative_profit_share"].iloc[-1]
    assert top_fifth > 1.3, "the top 20 % bring well over 100 % of profit"
    assert 0.15 < (profit < 0).mean() < 0.4, "a sizeable minority of customers lose money"
    assert curve["cumulative_profit_share"].max() > 1.5
    assert customers["satisfaction"].between(1, 5).all() and customers["retention_rate"].between(0, 1).all()


def test_the_readme_lists_every_file_with_its_checksum_and_rows():
    readme = (DATASETS / "README.md").read_text(encoding="utf-8")
    for name, entry in data.manifest().items():
        assert name in readme and entry["sha256"] in readme, name
        assert re.search(rf"{re.escape(name)}.*?{entry['rows']:,}", readme, re.S), f"{name}: row count"
    columns = set().union(*(pd.read_csv(DATASETS / n, nrows=1).columns for n in data.manifest()))
    for column in columns:
        assert f"`{column}`" in readme, f"data dictionary lacks column {column}"


def test_case_file_cross_references_are_checked(monkeypatch, tmp_path):
    broken = tmp_path / "company.toml"
    broken.write_text(data.COMPANY.read_text(encoding="utf-8").replace('step = "goals"', 'step = "gaols"'),
                      encoding="utf-8")
    with pytest.raises(ContentError, match=r"company\.toml: audit 'gaols' > step: not a C6\.4 step"):
        load_company(course(), broken)
