"""How long the taboo/jargon check takes on a 500-character note (target: well under
1 ms, so it can run on every keystroke; R2.10).

    .venv/bin/python benchmarks/taboo_check.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from console.content.taboo import default_checker

NOTE = (
    "来电客户王先生反映,家里燃气灶点火困难,火焰发黄。已告知先关闭表前阀,开窗通风,"
    "不要开关电器。客户询问IC卡表充值后为什么不走字,已解释需插卡两次。"
    "客户对阶梯气价有疑问,已说明第二档从本年度累计用气量超过规定数量开始计算。"
    "客户称楼道立管有锈蚀,要求检修,已派维修班组,预计明天上午上门。"
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    note = (NOTE * 5)[:500]
    noisy = note[:240] + "这个我不知道,你找领导去。" + note[253:]
    checker = default_checker()
    for label, text in (("ordinary note", note), ("note with taboo", noisy)):
        checker.check(text)  # warm up
        samples = []
        for _ in range(args.runs):
            t = time.perf_counter()
            checker.check(text)
            samples.append(time.perf_counter() - t)
        hits = checker.check(text)
        print(
            f"{label}: {len(text)} chars, {len(hits)} hits, "
            f"median {statistics.median(samples) * 1e6:.0f} µs, "
            f"p95 {sorted(samples)[int(len(samples) * 0.95)] * 1e6:.0f} µs"
        )
    t = time.perf_counter()
    default_checker.cache_clear()
    default_checker()
    print(f"loading and compiling both lists: {(time.perf_counter() - t) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
