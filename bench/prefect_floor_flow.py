"""The least a Prefect flow run costs: one flow that runs one task doing nothing.

`bench_rerun.py --with-server` times this script against the same running server as the
reruns, alternating with them, so the figure it prints as "Prefect's floor" is what any
`newsetl run` pays before it does anything of its own (interpreter and Prefect import,
the flow and task runs' API calls, and the heartbeat thread's join at the end).
"""

from prefect import flow, task


@task
def nothing() -> int:
    return 0


@flow(name="prefect-floor")
def prefect_floor() -> int:
    return nothing()


if __name__ == "__main__":
    prefect_floor()
