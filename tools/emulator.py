"""Runs the AWS emulator (moto in server mode) on a free loopback port.

Prints the port on the first line of stdout once the server is listening, then serves until
stdin closes or the process is terminated. Used by bin/demo and by the tests, so neither has to
guess a free port or poll for readiness.
"""
import signal
import sys

from moto.server import ThreadedMotoServer


def main():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    print(server.get_host_and_port()[1], flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.read()  # returns when the parent closes our stdin or exits
    finally:
        server.stop()


if __name__ == "__main__":
    main()
