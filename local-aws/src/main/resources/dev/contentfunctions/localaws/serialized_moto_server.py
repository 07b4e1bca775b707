# moto's server, exactly as `moto_server` runs it, except that requests are applied one at a time.
#
# moto's backends are not thread-safe: a cancelled TransactWriteItems restores the tables from a
# copy taken before it began, silently erasing writes other requests made meanwhile (seen here with
# concurrent booking requests). Real DynamoDB serialises transactions; so does this server, by
# running one request at a time. Connections are still accepted concurrently (keep-alive works).
import threading

import moto.server as server

_lock = threading.Lock()
_run_simple = server.run_simple


def _serialized_run_simple(host, port, app, **kwargs):
    def serialized(environ, start_response):
        with _lock:
            # The whole body is produced inside the lock: moto builds responses lazily at times.
            return list(app(environ, start_response))

    return _run_simple(host, port, serialized, **kwargs)


server.run_simple = _serialized_run_simple
server.main()
