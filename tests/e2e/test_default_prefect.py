"""`newsetl run` as the README's first command runs it: no `PREFECT_API_URL`, so Prefect
starts its own temporary server, with newsetl's defaults for it where the user set none
(`newsetl/prefect_defaults.py`: a long enough wait for a first start, no telemetry). The
flow run and every task run must reach that server's database before it stops, and nothing
the command started may outlive it: not after a normal end, a failure or SIGTERM. (After
SIGKILL Prefect cannot stop its server: docs/operations.md says so.)"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO
from tests.integration.prefect_server import wait_until

NEWSETL = Path(sys.executable).with_name("newsetl")
SAMPLES = REPO / "samples" / "inbox"
SERVER_APP = b"prefect.server.api.server:create_app"

pytestmark = [pytest.mark.slow(seconds=125),
              pytest.mark.skipif(not NEWSETL.exists(), reason="console script not installed"),
              pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")]


@pytest.fixture(scope="module")
def prefect_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Prefect home of our own: its database is created by the first run's server."""
    return tmp_path_factory.mktemp("prefect_home")


def _user_env(prefect_home: Path, warehouse: Path) -> dict[str, str]:
    """A user's environment: no Prefect or newsetl settings but the homes and paths."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PREFECT_", "NEWSETL_"))}
    return env | {"PREFECT_HOME": str(prefect_home), "NEWSETL_INBOX": str(SAMPLES),
                  "NEWSETL_WAREHOUSE": str(warehouse)}


def _processes_of(prefect_home: Path) -> dict[int, bytes]:
    """Live processes (pid → command line) whose environment has this PREFECT_HOME: the CLI
    and everything it started (the server, the NER forkserver and workers) inherit it."""
    marker = f"PREFECT_HOME={prefect_home}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker in environ and command:  # a zombie has no command line
            found[int(entry.name)] = command
    return found


def _server_and_workers_running(prefect_home: Path) -> dict[int, bytes] | None:
    found = _processes_of(prefect_home)
    commands = found.values()
    if any(SERVER_APP in c for c in commands) and any(b"forkserver" in c for c in commands):
        return found
    return None


def _recorded_runs(prefect_home: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(flow run name, state) and (task run name, state) in the server's database."""
    with sqlite3.connect(prefect_home / "prefect.db") as database:
        flows = database.execute("select name, state_type from flow_run").fetchall()
        tasks = database.execute("select name, state_type from task_run").fetchall()
    return flows, tasks


def _environment_of(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(pair.decode().split("=", 1) for pair in pairs if b"=" in pair)


def _assert_server_gets_newsetls_defaults(prefect_home: Path) -> None:
    """Once the run's temporary server and NER workers are up: the server's environment
    holds newsetl's defaults."""
    running = wait_until(lambda: _server_and_workers_running(prefect_home), 180,
                         "the temporary server and the NER workers")
    (server,) = (pid for pid, command in running.items() if SERVER_APP in command)
    environment = _environment_of(server)
    assert environment["PREFECT_SERVER_ANALYTICS_ENABLED"].lower() == "false"
    assert float(environment["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"]) == 120


def test_run_without_a_server_records_every_run_and_leaves_nothing_behind(
        prefect_home: Path, tmp_path: Path) -> None:
    output = tmp_path / "output.txt"
    with output.open("wb") as out:
        process = subprocess.Popen([str(NEWSETL), "run"],
                                   env=_user_env(prefect_home, tmp_path / "w.duckdb"),
                                   cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT)
        try:
            _assert_server_gets_newsetls_defaults(prefect_home)
            code = process.wait(300)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(10)
    printed = output.read_text()
    assert code == 0, printed[-3000:]
    assert " succeeded in " in printed
    # Prefect stopped its server at the exit; the NER forkserver and resource tracker end
    # when they see the CLI gone.
    wait_until(lambda: not _processes_of(prefect_home), 30,
               "every process the run started to exit")
    flows, tasks = _recorded_runs(prefect_home)
    assert [(name.split("-")[0], state) for name, state in flows] == [("nightly", "COMPLETED")]
    # In the user's own Prefect database: a later `prefect server start` shows them.
    task_names = {name.rsplit("-", 1)[0] for name, _ in tasks}
    assert {"plan_inbox", "decide_batch", "load_decided_batch", "check_run",
            "publish_warehouse"} <= task_names
    assert {state for _, state in tasks} == {"COMPLETED"}
    # The samples' places reach the map: dim_place rows linked to GeoNames, and the mart of
    # mentions per country and week has rows (docs/places.md).
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as warehouse:
        linked = warehouse.sql("select count(*), count(distinct country_code) from dim_place "
                               "where geonames_id is not null").fetchone()
        weeks = warehouse.sql("select count(*), sum(place_mention_count) "
                              "from mart_place_mentions_weekly").fetchone()
    assert min(linked) > 0  # linked places, countries among them
    assert min(weeks) > 0  # mart rows, place mentions in them


def test_a_run_stopped_by_sigterm_takes_its_temporary_server_with_it(
        prefect_home: Path, tmp_path: Path) -> None:
    process = subprocess.Popen([str(NEWSETL), "run"],
                               env=_user_env(prefect_home, tmp_path / "w.duckdb"),
                               cwd=tmp_path, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        _assert_server_gets_newsetls_defaults(prefect_home)
        process.send_signal(signal.SIGTERM)
        assert process.wait(120) != 0
        wait_until(lambda: not _processes_of(prefect_home), 30,
                   "every process the run started to exit")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


_DEFAULTS_PROBE = """
from prefect.settings import (PREFECT_SERVER_ANALYTICS_ENABLED,
                              PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)
from newsetl.prefect_defaults import prefect_defaults
with prefect_defaults():
    print(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value(),
          PREFECT_SERVER_ANALYTICS_ENABLED.value())
"""


@pytest.mark.parametrize(("setting", "printed"), [
    ({}, "120 False"),  # Prefect's defaults are 20 s (too short for a first start) and True
    ({"PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "45"}, "45 False"),
    ({"PREFECT_SERVER_ANALYTICS_ENABLED": "true"}, "120 True"),
    ({"PREFECT_PROFILE": "patient"}, "300 False"),
])
def test_newsetls_defaults_apply_only_where_the_user_set_nothing(
        setting: dict[str, str], printed: str, tmp_path: Path) -> None:
    (tmp_path / "profiles.toml").write_text(
        'active = "local"\n[profiles.local]\n'
        '[profiles.patient]\nPREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS = 300\n',
        encoding="utf-8")
    env = _user_env(tmp_path, tmp_path / "w.duckdb") | setting
    done = subprocess.run([sys.executable, "-c", _DEFAULTS_PROBE], env=env,
                          capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == printed.split()


def test_a_server_not_ready_in_the_set_time_fails_the_run_with_a_clear_error(
        tmp_path: Path) -> None:
    # A new Prefect home: its first start must create the database, never within 1 s here.
    env = _user_env(tmp_path / "new_prefect_home", tmp_path / "w.duckdb") | {
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "1"}
    done = subprocess.run([str(NEWSETL), "run"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Timed out while attempting to connect to ephemeral Prefect API server" in done.stderr
    wait_until(lambda: not _processes_of(tmp_path / "new_prefect_home"), 30,
               "the server that was not ready to exit")
    assert not (tmp_path / "w.duckdb").exists()
