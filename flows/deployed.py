"""The flows as deployments run them: the entrypoints of `newsetl serve` and prefect.yaml.

`newsetl.flows.deployed.nightly` and `newsetl.flows.deployed.backfill` are looked up by
Prefect in the process that runs a flow run (the served runner's child, a process worker's
child), when the run starts. Each lookup builds the flow with the task runner that
process's NEWSETL_* settings ask for (a DaskTaskRunner for `NEWSETL_NER_EXECUTOR=dask`), so
served and pooled runs tag where `newsetl run` would. A flow's task runner is fixed before
it starts, and a plain module attribute would fix it when the module is first imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from prefect import Flow

from newsetl.settings import Settings

from .backfill import backfill_flow
from .nightly import nightly_flow

FLOWS: dict[str, Callable[[Settings], Flow[..., Any]]] = {
    "nightly": nightly_flow,
    "backfill": backfill_flow,
}


def entrypoint(flow_name: str) -> str:
    """The module-path entrypoint a deployment of `flow_name` names."""
    if flow_name not in FLOWS:
        raise KeyError(flow_name)
    return f"{__name__}.{flow_name}"


def __getattr__(name: str) -> Flow[..., Any]:
    """`nightly` or `backfill`, built from the settings of the moment (PEP 562)."""
    if name in FLOWS:
        return FLOWS[name](Settings())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
