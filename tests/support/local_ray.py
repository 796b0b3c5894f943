"""A one-node Ray cluster on 127.0.0.1 only, for the Ray Data tests and bench.

Ray turns a node address of 127.0.0.1 into the host's own address unless its local-only mode
is on (RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0, read when ray is imported): with it, every Ray
server listens on loopback. No usage statistics are sent, no dashboard is started, and an
address from the environment (RAY_ADDRESS) is never joined.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

LOOPBACK_ENVIRONMENT = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0", "RAY_USAGE_STATS_ENABLED": "0"}


@contextmanager
def local_ray(num_cpus: int = 2) -> Iterator[ModuleType]:
    """Start the cluster, yield the `ray` module, shut the cluster down and restore the
    environment. Ray must not have been imported before."""
    if "ray" in sys.modules:
        raise RuntimeError("import ray only after local_ray() has set its environment")
    saved = {name: os.environ.get(name) for name in [*LOOPBACK_ENVIRONMENT, "RAY_ADDRESS"]}
    os.environ.pop("RAY_ADDRESS", None)
    os.environ.update(LOOPBACK_ENVIRONMENT)
    import ray
    import ray.data

    ray.init(
        address="local",
        num_cpus=num_cpus,
        include_dashboard=False,
        _node_ip_address="127.0.0.1",
        log_to_driver=False,
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield ray
    finally:
        ray.shutdown()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
