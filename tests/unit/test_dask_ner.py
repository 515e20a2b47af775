"""What `NEWSETL_NER_EXECUTOR` chooses (the runs themselves: tests/e2e/test_dask_executor.py)."""

import pytest
from prefect_dask import DaskTaskRunner

from newsetl.flows.dask_ner import DaskNer, ner_tagger, task_runner_for
from newsetl.nlp.pool import NerPool
from newsetl.settings import Settings


@pytest.fixture(autouse=True)
def no_executor_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NEWSETL_NER_EXECUTOR", "NEWSETL_DASK_ADDRESS", "NEWSETL_DASK_WORKERS"):
        monkeypatch.delenv(name, raising=False)


def test_local_is_the_default_and_keeps_the_flows_task_runner() -> None:
    settings = Settings(_env_file=None)
    assert settings.ner_executor == "local"
    assert task_runner_for(settings) is None
    assert isinstance(ner_tagger(settings), NerPool)


def test_dask_without_an_address_starts_a_local_cluster_of_single_threaded_processes() -> None:
    runner = task_runner_for(Settings(_env_file=None, ner_executor="dask", dask_workers=3))
    assert isinstance(runner, DaskTaskRunner)
    assert runner.address is None
    assert runner.cluster_kwargs["n_workers"] == 3
    assert runner.cluster_kwargs["threads_per_worker"] == 1
    assert runner.cluster_kwargs["processes"] is True


def test_dask_with_an_address_connects_to_that_scheduler() -> None:
    runner = task_runner_for(Settings(_env_file=None, ner_executor="dask",
                                      dask_address="tcp://10.0.0.5:8786"))
    assert isinstance(runner, DaskTaskRunner)
    assert runner.address == "tcp://10.0.0.5:8786"


def test_dask_ner_outside_a_flow_on_dask_fails_naming_what_it_needs() -> None:
    ner = ner_tagger(Settings(_env_file=None, ner_executor="dask"))
    assert isinstance(ner, DaskNer)
    with pytest.raises(RuntimeError, match="DaskTaskRunner"), ner:
        pass
