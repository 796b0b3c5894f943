"""`--shard K/N`: the K-th of N shares of a run's files, for array jobs (Slurm and the like).

A file's share follows from its name as given (a SHA-256 of it), so N jobs started with the same
arguments and K = 1 ... N cover every file exactly once, whatever machine each runs on.
"""

from __future__ import annotations

import argparse
import hashlib


def shard(text: str) -> tuple[int, int]:
    """`K/N` as (K, N), with 1 <= K <= N."""
    k, slash, n = text.partition("/")
    if not (slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"{text!r} is not K/N with 1 <= K <= N, e.g. 2/8")
    return int(k), int(n)


def in_shard(names: list[str], k: int, n: int) -> list[str]:
    """The names whose share is the K-th of N, in their order."""
    return [name for name in names if _share(name, n) == k - 1]


def _share(name: str, n: int) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") % n
