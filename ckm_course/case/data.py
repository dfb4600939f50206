"""Datasets: checksum-verified loaders, the CDNOW conversion, the case-company generator (C1.3, C2.3).

Expected SHA-256 sums live in ``ckm_course/case/manifest.toml``, inside the package, so
an altered data file cannot vouch for itself. A missing or altered file raises
:class:`DataError` saying which file, what was expected and how to restore it.
``datasets/README.md`` is the data dictionary.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ckm_course.content.catalog import MANIFEST, catalog  # noqa: F401 - MANIFEST, COMPANY, CASE_EXERCISE: data.* as before
from ckm_course.content.company import CASE_EXERCISE, COMPANY, PLACEHOLDER  # noqa: F401
from ckm_course.content.company_model import CaseCompany
from ckm_course.content.model import ExerciseSpec, Text

PACKAGE = Path(__file__).resolve().parent.parent  # ckm_course/
SEED = 20260101
CUSTOMERS = 400
INTERACTIONS = 1200


class DataError(RuntimeError):
    """A dataset is missing, altered or unreadable."""


def datasets_dir() -> Path:
    """``datasets/`` of the checkout (or ``$CKM_COURSE_DATA``)."""
    return Path(os.environ.get("CKM_COURSE_DATA", PACKAGE.parent / "datasets"))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest() -> dict[str, dict]:
    """``{file name: {"sha256": ..., "rows": ...}}`` for every committed dataset (read once, by the catalog)."""
    return catalog().manifest.as_dict()


def case_company() -> CaseCompany:
    """The case company's description, segments, activities and interaction kinds, validated (read once)."""
    return catalog().company


def case_exercise_spec() -> ExerciseSpec:
    """C3.1 on the case company: classify each kind of touchpoint record into the four categories."""
    return catalog().case_exercise


def verified(name: str, folder: Path | None = None) -> Path:
    """The path of dataset ``name`` after checking it exists and matches its checksum."""
    folder = folder or datasets_dir()
    path = folder / name
    expected = manifest().get(name)
    if expected is None:
        raise DataError(f"{name} is not a dataset of this course; known: {', '.join(sorted(manifest()))}")
    if not path.exists():
        raise DataError(f"{path} is missing. Restore it with `git checkout -- datasets/{name}` "
                        "(see datasets/README.md for where it comes from).")
    found = sha256(path)
    if found != expected["sha256"]:
        raise DataError(f"{path} has been altered: its SHA-256 is {found}, expected {expected['sha256']}. "
                        f"Restore it with `git checkout -- datasets/{name}`; do not edit data files by hand.")
    return path


def load_cdnow(folder: Path | None = None) -> pd.DataFrame:
    """CDNOW transactions (Fader & Hardie): customer_id, date, cds, dollars — 69,659 rows (C2.3)."""
    path = verified("cdnow_transactions.csv.gz", folder)
    frame = pd.read_csv(path, dtype={"customer_id": "int32", "cds": "int16", "dollars": "float64"},
                        parse_dates=["date"])
    return frame


def convert_cdnow(raw: Path | str, target: Path | str) -> int:
    """Convert ``CDNOW_master.txt`` (whitespace-separated, YYYYMMDD dates) to our gzipped CSV.

    The gzip header carries no time stamp or name, so the output is the same bytes every run.
    Returns the number of transactions written.
    """
    frame = pd.read_csv(raw, sep=r"\s+", dtype={"customer_id": "int32", "date": str})
    frame = frame.rename(columns={"number_of_cds": "cds", "dollar_value": "dollars"})
    frame["date"] = pd.to_datetime(frame["date"], format="%Y%m%d").dt.strftime("%Y-%m-%d")
    text = frame[["customer_id", "date", "cds", "dollars"]].to_csv(index=False, float_format="%.2f", lineterminator="\n")
    with open(target, "wb") as raw_out, gzip.GzipFile(filename="", mode="wb", fileobj=raw_out, mtime=0) as out:
        out.write(text.encode("utf-8"))
    return len(frame)


def generate_case(seed: int = SEED, customers: int = CUSTOMERS, interactions: int = INTERACTIONS
                  ) -> dict[str, pd.DataFrame]:
    """The case company's customers and touchpoint interactions, drawn from ``seed``.

    About a quarter of customers are "demanding" (many small rush orders, calls, returns
    and a discount), which is what makes the whale curve rise above 100 % and fall back.
    """
    case = case_company()
    rng = np.random.default_rng(seed)
    segments = case.segments
    seg_index = rng.choice(len(segments), size=customers, p=[s.share for s in segments])
    rows = []
    for number, index in enumerate(seg_index, start=1):
        seg = segments[index]
        demanding = rng.random() < 0.2
        load = rng.uniform(3.0, 8.0) if demanding else 1.0
        revenue = float(np.round(seg.median_revenue * rng.lognormal(0.0, seg.sigma), -2))
        margin_rate = float(np.clip(seg.margin + rng.normal(0, 0.03) - (0.07 if demanding else 0), 0.05, 0.6))
        orders = max(1, int(round(revenue / 100_000 * seg.orders_per_100k * load * rng.lognormal(0, 0.25))))
        rush = int(rng.binomial(orders, 0.35 if demanding else 0.05))
        visits = int(rng.poisson({"enterprise": 12, "smb": 4, "startup": 4, "micro": 1}.get(seg.id, 2)
                                 * (1.5 if demanding else 1.0)))
        share = float(np.clip(rng.normal(seg.wallet_share, 0.12), 0.05, 0.95))
        rows.append({
            "customer_id": f"Q{number:04d}",
            "segment": seg.id,
            "region": ("east", "north", "south", "west")[int(rng.integers(0, 4))],
            "tenure_years": int(rng.integers(1, 16)),
            "revenue": int(revenue),
            "cogs": int(round(revenue * (1 - margin_rate))),
            "orders": orders,
            "deliveries": orders + rush,
            "service_calls": int(rng.poisson(orders * seg.calls_per_order * load)),
            "sales_visits": visits,
            "returns": int(rng.binomial(orders, 0.12 if demanding else 0.03)),
            "wallet_size": int(round(revenue / share, -2)),
            "growth_rate": round(float(seg.growth + rng.normal(0, 0.08)), 3),
            "retention_rate": round(float(np.clip(rng.normal(0.82 if not demanding else 0.75, 0.07), 0.3, 0.97)), 3),
            "satisfaction": int(np.clip(round(rng.normal(3.3 if demanding else 3.9, 0.8)), 1, 5)),
        })
    customers_frame = pd.DataFrame(rows)
    records = _interactions(case, rng, customers_frame, interactions)
    activities = pd.DataFrame([{"activity": a.id, "label_zh": a.label.zh, "label_en": a.label.en,
                                "driver_zh": a.driver.zh, "driver_en": a.driver.en, "rate": a.rate}
                               for a in case.activities])
    return {"case_customers.csv": customers_frame, "case_interactions.csv": records,
            "case_activity_rates.csv": activities}


def _fill(template: str, choice: dict[str, Text], language: str) -> str:
    return PLACEHOLDER.sub(lambda m: getattr(choice[m.group(1)], language), template)


def _interactions(case: CaseCompany, rng: np.random.Generator, customers: pd.DataFrame, count: int) -> pd.DataFrame:
    """``count`` generated touchpoint records (issue 12): kind by weight, then template, channel and
    slot fillers from ``rng``; customers who call and are visited more get more records.

    zh and en are filled with the same choices, so the en text glosses the zh one."""
    kinds = case.interactions
    slots = {slot.id: slot.values for slot in case.slots}
    weights = np.array([k.weight for k in kinds])
    picks = rng.choice(len(kinds), size=count, p=weights / weights.sum())
    contact = (customers["service_calls"] + customers["sales_visits"] + 1).to_numpy(dtype=float)
    who = rng.choice(customers["customer_id"].to_numpy(), size=count, p=contact / contact.sum())
    days = rng.integers(0, 365, size=count)
    rows = []
    for pick in picks:
        kind = kinds[pick]
        template = kind.templates[int(rng.integers(len(kind.templates)))]
        channels = (kind.channel, *kind.other_channels)
        channel = channels[0] if len(channels) == 1 or rng.random() < 0.6 else channels[1 + int(rng.integers(len(channels) - 1))]
        used = sorted(set(PLACEHOLDER.findall(template.text.zh)))
        choice = {name: slots[name][int(rng.integers(len(slots[name])))] for name in used}
        product = next((choice[n].en for n in ("product", "supply", "device") if n in choice), "")
        rows.append({"kind": kind.id, "channel_zh": channel.zh, "channel_en": channel.en,
                     "type_zh": kind.type.zh, "type_en": kind.type.en, "product": product,
                     "sentiment": template.sentiment,
                     "text_zh": _fill(template.text.zh, choice, "zh"), "text_en": _fill(template.text.en, choice, "en")})
    records = pd.DataFrame(rows)
    records.insert(0, "interaction_id", [f"I{n:05d}" for n in range(1, count + 1)])
    records.insert(1, "customer_id", who)
    records.insert(2, "date", (pd.Timestamp("2025-01-01") + pd.to_timedelta(days, unit="D")).strftime("%Y-%m-%d"))
    return records.sort_values(["date", "interaction_id"], kind="stable").reset_index(drop=True)


def case_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The exact bytes a case table is committed as (UTF-8, LF, fixed float format)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n", float_format="%.3f")
    return buffer.getvalue().encode("utf-8")


def write_case(folder: Path | None = None) -> dict[str, Path]:
    """Regenerate the case-company CSVs into ``folder`` (default: ``datasets/``)."""
    folder = folder or datasets_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, frame in generate_case().items():
        (folder / name).write_bytes(case_csv_bytes(frame))
        written[name] = folder / name
    return written


def load_case(name: str, folder: Path | None = None) -> pd.DataFrame:
    """One case-company table by short name: "customers", "interactions" or "activity_rates"."""
    path = verified(f"case_{name}.csv", folder)
    return pd.read_csv(path, dtype={"customer_id": str})
