"""The deployments' entrypoints (`newsetl.flows.deployed`): Prefect's own loader gets each flow
with the task runner the settings of the moment ask for, and both `newsetl serve` and
prefect.yaml name them."""

from __future__ import annotations

import pytest
import yaml
from prefect.flows import load_flow_from_entrypoint
from prefect_dask import DaskTaskRunner

from newsetl.flows.deployed import FLOWS, entrypoint
from newsetl.flows.serve import deployments
from newsetl.settings import Settings
from tests.conftest import REPO


@pytest.fixture
def no_executor(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("NEWSETL_NER_EXECUTOR", "NEWSETL_DASK_ADDRESS", "NEWSETL_DASK_WORKERS"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_a_deployed_flow_gets_its_task_runner_when_loaded(name: str,
                                                          no_executor: pytest.MonkeyPatch) -> None:
    local = load_flow_from_entrypoint(entrypoint(name))
    assert local.name == name
    assert not isinstance(local.task_runner, DaskTaskRunner)

    no_executor.setenv("NEWSETL_NER_EXECUTOR", "dask")
    no_executor.setenv("NEWSETL_DASK_ADDRESS", "tcp://10.0.0.7:8786")
    on_dask = load_flow_from_entrypoint(entrypoint(name))
    assert on_dask.name == name
    assert isinstance(on_dask.task_runner, DaskTaskRunner)
    assert on_dask.task_runner.address == "tcp://10.0.0.7:8786"

    no_executor.setenv("NEWSETL_DASK_ADDRESS", "")
    no_executor.setenv("NEWSETL_DASK_WORKERS", "3")
    local_cluster = load_flow_from_entrypoint(entrypoint(name)).task_runner
    assert isinstance(local_cluster, DaskTaskRunner)
    assert local_cluster.address is None
    assert local_cluster.cluster_kwargs["n_workers"] == 3


def test_serve_and_prefect_yaml_name_the_deployed_entrypoints(
        no_executor: pytest.MonkeyPatch) -> None:
    wanted = {name: entrypoint(name) for name in FLOWS}
    served = {deployment.flow_name: deployment.entrypoint
              for deployment in deployments(Settings())}
    assert served == wanted
    project = yaml.safe_load((REPO / "prefect.yaml").read_text(encoding="utf-8"))
    assert {deployment["name"]: deployment["entrypoint"]
            for deployment in project["deployments"]} == wanted


def test_no_other_name_is_a_deployed_flow() -> None:
    import newsetl.flows.deployed as deployed

    with pytest.raises(AttributeError):
        _ = deployed.nightly_flow_by_another_name
