"""Runs the AWS emulator (moto in server mode) on a free loopback port.

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

from moto.server import ThreadedMotoServer


def stdin_is_pipe():
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError):
        return False


def main():
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
