"""CDNOW load + RFM + CLV + classes for all 23,570 customers: time, memory, and ratio to a bare read.

Target: the whole pipeline under 1 s on the course machine (2 cores). The ratio is to
``pd.read_csv`` of the same file in the same run, so it travels between machines.
CDNOW has no costs, so CLV and classes use stated assumptions: a 30 % margin on spend,
retention 0.6 for repeat buyers and 0.3 for one-time buyers, ¥5 of cost per purchase day.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

import pandas as pd

from ckm_course import analytics, data

RUNS = 5


def pipeline() -> pd.Series:
    transactions = data.load_cdnow()
    table = analytics.rfm(transactions, data.case_company().rfm)
    retention = table["frequency"].gt(1).map({True: 0.6, False: 0.3})
    profit = table["monetary"] * 0.3 - 5 * table["frequency"]
    table["clv"] = analytics.clv(profit, retention)
    customers = pd.DataFrame({"revenue": table["monetary"], "retention_rate": retention,
                              "growth_rate": 0.0, "wallet_size": table["monetary"] / 0.3 + 1})
    return analytics.customer_classes(customers, profit)


def floor() -> pd.DataFrame:
    return pd.read_csv(data.datasets_dir() / "cdnow_transactions.csv.gz")


def _seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> dict[str, float]:
    pipeline()  # warm caches (manifest, imports) so both sides are measured alike
    full = statistics.median(_seconds(pipeline) for _ in range(RUNS))
    bare = statistics.median(_seconds(floor) for _ in range(RUNS))
    tracemalloc.start()
    classes = pipeline()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"data: CDNOW load + RFM + CLV + classes for {len(classes):,} customers: {full * 1000:.0f} ms "
          f"(target <= 1000 ms), peak Python memory {peak / 2**20:.0f} MiB")
    print(f"  pipeline / bare read_csv = {full / bare:.2f}")
    return {"seconds": full, "ratio": full / bare, "peak_mib": peak / 2**20}


if __name__ == "__main__":
    main()
