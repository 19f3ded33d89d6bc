"""Runs the AWS emulator (moto in server mode) on a free loopback port.

One fix is applied to the pinned emulator as it starts (see _CopyOncePerTransaction): a
TransactWriteItems copies each table once as its rollback backup, not once per item.

Prints the port on the first line of stdout once the server is listening, then serves until it
is terminated (SIGTERM or SIGINT) or, when its stdin is a pipe, until the parent closes that pipe
or exits. Used by bin/demo and by the tests, so neither has to guess a free port or poll for
readiness; run by hand (stdin a terminal, or /dev/null in the background) it serves until stopped.
"""
import os
import signal
import stat
import sys
import threading

import copy as _copy
import types

import moto.dynamodb.models as _dynamodb_models
from moto.server import ThreadedMotoServer

_transaction = threading.local()


class _CopyOncePerTransaction(types.ModuleType):
    """The `copy` module as moto's DynamoDB models see it, with one change: inside one
    TransactWriteItems, a table is deep-copied (as the rollback backup) once, not once per item
    of the transaction. Pinned moto copies the whole table for every item, which makes a
    100-item transaction on a table of thousands of items cost minutes and gigabytes; real
    DynamoDB's cost is constant per item. Behaviour is unchanged: the backup is the same."""

    def __getattr__(self, name):
        return getattr(_copy, name)

    def deepcopy(self, value, memo=None):
        backups = getattr(_transaction, "backups", None)
        if backups is None:
            return _copy.deepcopy(value, memo)
        if id(value) not in backups:
            backups[id(value)] = _copy.deepcopy(value, memo)
        return backups[id(value)]


def _copy_each_table_once():
    original = _dynamodb_models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        _transaction.backups = {}
        try:
            return original(self, transact_items)
        finally:
            _transaction.backups = None

    _dynamodb_models.copy = _CopyOncePerTransaction("copy")
    _dynamodb_models.DynamoDBBackend.transact_write_items = transact_write_items


def stdin_is_pipe():
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def main():
    _copy_each_table_once()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    print(server.get_host_and_port()[1], flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if stdin_is_pipe():
        # The parent holds the other end: its exit closes the pipe and ends the emulator too.
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    try:
        while not stop.wait(1.0):
            pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
