"""Running calls at the same moment, for the tests that prove no edit is lost."""

import threading

from django.db import connection


def at_once(*calls):
    """Run the calls in threads released together; return ("ok", result) or ("error", exc)."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except Exception as error:  # the test inspects every failure
            outcomes[index] = ("error", error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
