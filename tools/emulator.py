"""Runs the AWS emulator (moto in server mode) on a free loopback port.

Two fixes are applied to the pinned emulator as it starts: a TransactWriteItems copies each table
once as its rollback backup, not once per item (see _CopyOncePerTransaction); and a Route 53
change batch is checked as Route 53 checks it (see _route53_change_rules): a CREATE where the
record set exists, a DELETE of a record set that is gone or holds other values, are refused with
Route 53's InvalidChangeBatch messages, where the pinned emulator adds a second record set or
deletes whatever is there.

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


def _route53_change_rules():
    """Route 53 applies a change batch to the zone as it is, all or nothing: a CREATE needs the
    name and type to be free, a DELETE needs exactly those values and that TTL. The pinned
    emulator does neither (it also refuses some valid CREATEs, looking from the name onwards
    rather than at it), so the batch is checked here, in order, and sent on with each CREATE as
    an UPSERT, which on a free record set does the same."""
    import moto.route53.models as _route53_models
    from moto.route53.exceptions import Route53ClientError

    original = _route53_models.Route53Backend.change_resource_record_sets

    def key(record_set):
        return (record_set.get("Name", "").lower().rstrip("."), record_set.get("Type"))

    def content(ttl, records):
        values = sorted(r["Value"] if isinstance(r, dict) else r for r in (records or []))
        return (str(ttl) if ttl is not None else None, values)

    def change_resource_record_sets(self, zoneid, change_list):
        zone = self.get_hosted_zone(zoneid)
        live = {
            (rs.name.lower().rstrip("."), rs.type): content(rs.ttl, rs.records)
            for rs in zone.rrsets
            if not getattr(rs, "set_identifier", None)
        }
        messages = []
        for change in change_list:
            record_set = change["ResourceRecordSet"]
            name, type_ = key(record_set)
            what = f"resource record set [name='{name}.', type='{type_}']"
            there = live.get((name, type_))
            wanted = content(record_set.get("TTL"), record_set.get("ResourceRecords"))
            if change["Action"] == "CREATE":
                if there is not None:
                    messages.append(f"Tried to create {what} but it already exists")
                live[(name, type_)] = wanted
            elif change["Action"] == "DELETE":
                if there is None:
                    messages.append(f"Tried to delete {what} but it was not found")
                elif "AliasTarget" not in record_set and there != wanted:
                    messages.append(
                        f"Tried to delete {what} but the values provided do not match the"
                        " current values"
                    )
                live.pop((name, type_), None)
            else:
                live[(name, type_)] = wanted
        if messages:
            raise Route53ClientError("InvalidChangeBatch", "; ".join(messages))
        for change in change_list:
            if change["Action"] == "CREATE":
                change["Action"] = "UPSERT"
        return original(self, zoneid, change_list)

    _route53_models.Route53Backend.change_resource_record_sets = change_resource_record_sets


def stdin_is_pipe():
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def main():
    _copy_each_table_once()
    _route53_change_rules()
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
