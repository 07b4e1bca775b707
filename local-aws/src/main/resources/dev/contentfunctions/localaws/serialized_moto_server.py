# moto's server, exactly as `moto_server` runs it, except that requests are applied one at a time
# and that a cancelled DynamoDB transaction leaves the table's stream as it was.
#
# moto's backends are not thread-safe: a cancelled TransactWriteItems restores the tables from a
# copy taken before it began, silently erasing writes other requests made meanwhile (seen here with
# concurrent booking requests). Real DynamoDB serialises transactions; so does this server, by
# running one request at a time. Connections are still accepted concurrently (keep-alive works).
import threading

import moto.server as server
from moto.dynamodb.models import DynamoDBBackend

_lock = threading.Lock()
_run_simple = server.run_simple


def _serialized_run_simple(host, port, app, **kwargs):
    def serialized(environ, start_response):
        with _lock:
            # The whole body is produced inside the lock: moto builds responses lazily at times.
            return list(app(environ, start_response))

    return _run_simple(host, port, serialized, **kwargs)


server.run_simple = _serialized_run_simple

# moto cancels a transaction by putting back copies of its tables taken before it began. Their
# stream shards are copies too: a reader's shard iterator stays on the original shard, which holds
# records of the cancelled writes and never gets another one. DynamoDB writes no stream record for
# a cancelled transaction: the original shard, without the cancelled writes' records, goes back.
_transact_write_items = DynamoDBBackend.transact_write_items


def _transact_write_items_keeping_streams(self, transact_items):
    shards = {
        name: (table.stream_shard, len(table.stream_shard.items))
        for name, table in self.tables.items()
        if table.stream_shard is not None
    }
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for name, (shard, length) in shards.items():
            restored = self.tables.get(name)
            if restored is not None and restored.stream_shard is not shard:
                del shard.items[length:]
                shard.table = restored
                restored.stream_shard = shard
        raise


DynamoDBBackend.transact_write_items = _transact_write_items_keeping_streams
server.main()
