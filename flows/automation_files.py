"""The Prefect automations shipped in `flows/automations/`, applied by `newsetl serve`."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from prefect import get_client
from prefect.events.schemas.automations import AutomationCore

ZOMBIE_RUNS = "crash-zombie-runs.yaml"
MISSED_HEARTBEATS = 3


def zombie_automation(heartbeat_seconds: int) -> AutomationCore:
    """The crash-zombie-runs automation, its window three heartbeats long."""
    text = resources.files("newsetl.flows").joinpath("automations", ZOMBIE_RUNS).read_text(
        encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    data["trigger"]["within"] = MISSED_HEARTBEATS * heartbeat_seconds
    return AutomationCore.model_validate(data)


def apply_automation(automation: AutomationCore) -> str:
    """Create `automation` on the Prefect API, replacing any of the same name; its id."""
    with get_client(sync_client=True) as client:
        for existing in client.read_automations_by_name(automation.name):
            client.delete_automation(existing.id)
        return str(client.create_automation(automation))
