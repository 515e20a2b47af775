"""The scorecard's modules share the session's Prefect server with the integration tests
(`prefect server start` on 127.0.0.1, started by the first module that needs it)."""

from tests.integration.conftest import real_prefect_server

__all__ = ["real_prefect_server"]
