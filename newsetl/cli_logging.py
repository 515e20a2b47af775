"""Where a command's log goes: full tracebacks to a log file, one line each on the terminal.

Prefect logs a failed task or flow with its whole traceback, several times over (the task,
its state, the flow, the flow's state); a user reading the terminal needs the first cause.
So, for `newsetl run` and `backfill`: every log record (Prefect's and newsetl's) also goes
to `NEWSETL_LOG_FILE` (default `logs/newsetl.log` beside the warehouse, rotated at 10 MB,
3 old files kept) with its traceback, while the terminal's handlers print the message line
alone, unless `NEWSETL_SHOW_TRACEBACKS` is set.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

_FORMAT = "%(asctime)s | %(process)d | %(levelname)-7s | %(name)s - %(message)s"
_TRACEBACK_LOGGER = "newsetl.traceback"
_MAX_BYTES = 10 * 1024 * 1024
_KEEP_FILES = 3


class WithoutTraceback(logging.Formatter):
    """Formats a record with another formatter, leaving out its traceback and stack."""

    def __init__(self, inner: logging.Formatter | None) -> None:
        super().__init__()
        self.inner = inner or logging.Formatter()

    def format(self, record: logging.LogRecord) -> str:
        saved = record.exc_info, record.exc_text, record.stack_info
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        try:
            return self.inner.format(record)
        finally:
            record.exc_info, record.exc_text, record.stack_info = saved


class _LogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file that, when it cannot be written (a full disk), says so once in
    one line and stops, instead of printing a traceback for every record."""

    failed = False

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        if not self.failed:
            self.failed = True
            error = sys.exc_info()[1]
            sys.stderr.write(f"newsetl: cannot write the log file {self.baseFilename}: "
                             f"{error}\n")

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)


def _is_terminal(handler: logging.Handler) -> bool:
    """Prefect's console handler, or the plain one newsetl's CLI gives its own logger."""
    from prefect.logging.handlers import PrefectConsoleHandler

    return isinstance(handler, PrefectConsoleHandler) or type(handler) is logging.StreamHandler


def configure(log_file: Path, show_tracebacks: bool) -> Path:
    """Send every record to `log_file` in full; keep tracebacks off the terminal unless
    `show_tracebacks`. Call after Prefect configured its logging (it is imported).
    One log file per process: a call with another file replaces the previous one."""
    log_file = log_file.absolute()
    names = ("", "newsetl", _TRACEBACK_LOGGER)
    for name in names:
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if isinstance(h, _LogFile)]:
            if Path(handler.baseFilename) != log_file:
                logger.removeHandler(handler)
                handler.close()
    if not any(isinstance(h, _LogFile) for h in logging.getLogger().handlers):
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            sys.stderr.write(f"newsetl: cannot write the log file {log_file}: {error}\n")
            return log_file
        to_file = _LogFile(log_file, maxBytes=_MAX_BYTES, backupCount=_KEEP_FILES,
                           encoding="utf-8", delay=True)
        to_file.setFormatter(logging.Formatter(_FORMAT))
        for name in names:
            logging.getLogger(name).addHandler(to_file)
    traceback_logger = logging.getLogger(_TRACEBACK_LOGGER)
    traceback_logger.propagate = False
    traceback_logger.setLevel(logging.DEBUG)
    if not show_tracebacks:
        for name in ("", "newsetl"):
            for handler in logging.getLogger(name).handlers:
                if _is_terminal(handler) and not isinstance(handler.formatter,
                                                            WithoutTraceback):
                    handler.setFormatter(WithoutTraceback(handler.formatter))
    return log_file


def log_traceback(message: str, error: BaseException) -> None:
    """Write `error`'s full traceback to the log file only (no terminal handler); before
    `configure`, at DEBUG level to newsetl's own log."""
    logger = logging.getLogger(_TRACEBACK_LOGGER)
    if logger.handlers:
        logger.error(message, exc_info=error)
    else:
        logging.getLogger("newsetl").debug(message, exc_info=error)


def first_cause(error: BaseException) -> BaseException:
    """The error at the bottom of `error`'s chain (`raise … from`, or raised while handling
    another): the one that started the failure."""
    seen = {id(error)}
    while True:
        nested = error.__cause__ or (None if error.__suppress_context__
                                     else error.__context__)
        if nested is None or id(nested) in seen:
            return error
        seen.add(id(nested))
        error = nested
