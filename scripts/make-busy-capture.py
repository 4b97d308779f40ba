#!/usr/bin/env python3
"""Writes a realistic `netstat -anob` capture of a busy Edge server, for benchmarks.

edge01.contoso.local of the embedded default topology (resources/topologies/default.edgemap.json)
at peak hour: the listeners of the topology and of Windows, then mostly (about 80%) established
connections to the Access Edge (RTCSrv.exe on 443 and 5061) and to the media relay
(MediaRelaySvc.exe on 443, 3478 and the 50000-59999 relay range) from tens of thousands of
distinct Internet addresses, the internal side's connections from the Director and the Front End
pool, outbound federation, UDP relay ports, TIME_WAIT and CLOSE_WAIT rows, loopback and IPv6.
Every row has its `-b` lines as netstat prints them: the service name for svchost rows, the
executable in brackets, "Can not obtain ownership information" for the System process.

The output is deterministic for a given seed and row count. Encodings:
  utf-16le  `netstat -anob > file` in Windows PowerShell 5.1 (BOM, CRLF): the default
  oem       `netstat -anob > file` in cmd (code page bytes, here plain ASCII, CRLF)
  utf-8     PowerShell 7 `> file` (no BOM, CRLF)

Usage: scripts/make-busy-capture.py OUTPUT [--rows 300000] [--encoding utf-16le] [--seed 12]
       [--rows-out FILE]   also write the socket lines alone (ASCII, LF), as node-netstat reads
"""
import argparse
import random
import sys

INT, ACCESS, WEBCONF, AV = "172.25.33.10", "10.45.16.10", "10.45.16.20", "10.45.16.30"
DIRECTOR, FRONT_ENDS = "172.25.40.10", ["172.25.40.21", "172.25.40.22", "172.25.40.23"]
PID = {"RTCSrv.exe": 2216, "MediaRelaySvc.exe": 3104, "DataProxy.exe": 2904,
       "MRASSvc.exe": 2388, "ReplicaReplicatorAgent.exe": 2760, "ClsAgent.exe": 3320}
SYSTEM = ["Can not obtain ownership information"]


def owner(exe, service=None):
    return ([service] if service else []) + [f"[{exe}]"]


# (proto, local, foreign, state, pid, ownership lines): what listens, Windows first.
LISTENERS = [
    ("TCP", "0.0.0.0:135", "0.0.0.0:0", "LISTENING", 884, owner("svchost.exe", "RpcSs")),
    ("TCP", "0.0.0.0:445", "0.0.0.0:0", "LISTENING", 4, SYSTEM),
    ("TCP", "0.0.0.0:3389", "0.0.0.0:0", "LISTENING", 1160, owner("svchost.exe", "TermService")),
    ("TCP", "0.0.0.0:5985", "0.0.0.0:0", "LISTENING", 4, SYSTEM),
    ("TCP", "0.0.0.0:47001", "0.0.0.0:0", "LISTENING", 4, SYSTEM),
    ("TCP", "0.0.0.0:49664", "0.0.0.0:0", "LISTENING", 512, owner("wininit.exe")),
    ("TCP", "0.0.0.0:49665", "0.0.0.0:0", "LISTENING", 1036, owner("svchost.exe", "EventLog")),
    ("TCP", "0.0.0.0:49668", "0.0.0.0:0", "LISTENING", 664, owner("lsass.exe")),
    ("TCP", f"{ACCESS}:443", "0.0.0.0:0", "LISTENING", PID["RTCSrv.exe"], owner("RTCSrv.exe")),
    ("TCP", f"{ACCESS}:5061", "0.0.0.0:0", "LISTENING", PID["RTCSrv.exe"], owner("RTCSrv.exe")),
    ("TCP", f"{WEBCONF}:443", "0.0.0.0:0", "LISTENING", PID["DataProxy.exe"],
     owner("DataProxy.exe")),
    ("TCP", f"{AV}:443", "0.0.0.0:0", "LISTENING", PID["MediaRelaySvc.exe"],
     owner("MediaRelaySvc.exe")),
    ("TCP", f"{INT}:443", "0.0.0.0:0", "LISTENING", PID["MediaRelaySvc.exe"],
     owner("MediaRelaySvc.exe")),
    ("TCP", f"{INT}:4443", "0.0.0.0:0", "LISTENING", PID["ReplicaReplicatorAgent.exe"],
     owner("ReplicaReplicatorAgent.exe")),
    ("TCP", f"{INT}:5061", "0.0.0.0:0", "LISTENING", PID["RTCSrv.exe"], owner("RTCSrv.exe")),
    ("TCP", f"{INT}:5062", "0.0.0.0:0", "LISTENING", PID["MRASSvc.exe"], owner("MRASSvc.exe")),
    ("TCP", f"{INT}:8057", "0.0.0.0:0", "LISTENING", PID["DataProxy.exe"],
     owner("DataProxy.exe")),
    ("TCP", f"{INT}:50001", "0.0.0.0:0", "LISTENING", PID["ClsAgent.exe"], owner("ClsAgent.exe")),
    ("TCP", f"{INT}:50002", "0.0.0.0:0", "LISTENING", PID["ClsAgent.exe"], owner("ClsAgent.exe")),
    ("TCP", f"{INT}:50003", "0.0.0.0:0", "LISTENING", PID["ClsAgent.exe"], owner("ClsAgent.exe")),
    ("TCP", "127.0.0.1:5062", "0.0.0.0:0", "LISTENING", PID["MRASSvc.exe"], owner("MRASSvc.exe")),
    ("TCP", "[::]:135", "[::]:0", "LISTENING", 884, owner("svchost.exe", "RpcSs")),
    ("TCP", "[::]:445", "[::]:0", "LISTENING", 4, SYSTEM),
    ("TCP", "[::]:3389", "[::]:0", "LISTENING", 1160, owner("svchost.exe", "TermService")),
    ("UDP", f"{AV}:3478", "*:*", "", PID["MediaRelaySvc.exe"], owner("MediaRelaySvc.exe")),
    ("UDP", f"{INT}:3478", "*:*", "", PID["MediaRelaySvc.exe"], owner("MediaRelaySvc.exe")),
    ("UDP", "0.0.0.0:123", "*:*", "", 1320, owner("svchost.exe", "W32Time")),
    ("UDP", "0.0.0.0:500", "*:*", "", 3052, owner("svchost.exe", "IKEEXT")),
    ("UDP", "0.0.0.0:5353", "*:*", "", 1748, owner("svchost.exe", "Dnscache")),
    ("UDP", "127.0.0.1:53640", "*:*", "", 1748, owner("svchost.exe", "Dnscache")),
]


class Remotes:
    """Internet clients: a few heavy hitters (NAT gateways of big companies) and a long tail."""

    def __init__(self, rng, distinct):
        self.rng = rng
        self.pool = [self.address() for _ in range(distinct)]

    def address(self):
        r = self.rng
        first = r.choice([24, 31, 37, 45, 62, 77, 81, 89, 91, 109, 151, 176, 185, 188, 193, 212])
        return f"{first}.{r.randrange(256)}.{r.randrange(256)}.{r.randrange(1, 255)}"

    def pick(self):
        # Pareto-ish reuse: a small head of addresses holds many connections.
        i = int(len(self.pool) * self.rng.random() ** 2.2)
        return self.pool[min(i, len(self.pool) - 1)]


def ephemeral(rng):
    return rng.randrange(49152, 65535)


def connections(rng, remotes, count):
    """Yields (proto, local, foreign, state, pid, ownership lines) for the busy part."""
    relay, sip = "MediaRelaySvc.exe", "RTCSrv.exe"
    for _ in range(count):
        k = rng.random()
        if k < 0.28:  # clients' SIP over TLS to the Access Edge
            yield ("TCP", f"{ACCESS}:{rng.choice([443, 443, 5061])}",
                   f"{remotes.pick()}:{ephemeral(rng)}", "ESTABLISHED", PID[sip], owner(sip))
        elif k < 0.40:  # TCP relay allocations: media over TCP through the relay range
            yield ("TCP", f"{AV}:{rng.randrange(50000, 60000)}",
                   f"{remotes.pick()}:{ephemeral(rng)}", "ESTABLISHED", PID[relay],
                   owner(relay))
        elif k < 0.55:  # media relay TURN over TCP 443
            yield ("TCP", f"{AV}:443", f"{remotes.pick()}:{ephemeral(rng)}", "ESTABLISHED",
                   PID[relay], owner(relay))
        elif k < 0.62:  # the relay's internal side to clients on the corporate network
            yield ("TCP", f"{INT}:443", f"10.20.{rng.randrange(256)}.{rng.randrange(1, 255)}:"
                   f"{ephemeral(rng)}", "ESTABLISHED", PID[relay], owner(relay))
        elif k < 0.68:  # Director and Front Ends hold SIP connections into the internal side
            peer = rng.choice([DIRECTOR] + FRONT_ENDS)
            yield ("TCP", f"{INT}:5061", f"{peer}:{ephemeral(rng)}", "ESTABLISHED", PID[sip],
                   owner(sip))
        elif k < 0.71:  # federation: the Edge opens connections to partners
            yield ("TCP", f"{ACCESS}:{ephemeral(rng)}",
                   f"198.51.100.{rng.randrange(1, 255)}:5061", "ESTABLISHED", PID[sip],
                   owner(sip))
        elif k < 0.73:  # web conferencing data
            yield ("TCP", f"{WEBCONF}:443", f"{remotes.pick()}:{ephemeral(rng)}", "ESTABLISHED",
                   PID["DataProxy.exe"], owner("DataProxy.exe"))
        elif k < 0.74:
            yield ("TCP", f"{INT}:8057", f"{rng.choice(FRONT_ENDS)}:{ephemeral(rng)}",
                   "ESTABLISHED", PID["DataProxy.exe"], owner("DataProxy.exe"))
        elif k < 0.90:  # UDP relay ports allocated on the A/V address
            yield ("UDP", f"{AV}:{rng.randrange(50000, 60000)}", "*:*", "", PID[relay],
                   owner(relay))
        elif k < 0.92:
            yield ("UDP", f"{INT}:{rng.randrange(50000, 60000)}", "*:*", "", PID[relay],
                   owner(relay))
        elif k < 0.975:  # closed connections waiting out their time: no owner any more
            local = rng.choice([f"{ACCESS}:443", f"{ACCESS}:5061", f"{AV}:443"])
            yield ("TCP", local, f"{remotes.pick()}:{ephemeral(rng)}", "TIME_WAIT", 0, [])
        elif k < 0.985:
            yield ("TCP", f"{ACCESS}:443", f"{remotes.pick()}:{ephemeral(rng)}", "CLOSE_WAIT",
                   PID[sip], owner(sip))
        elif k < 0.995:  # the local services talk to each other over loopback
            yield ("TCP", f"127.0.0.1:{ephemeral(rng)}", "127.0.0.1:5062", "ESTABLISHED",
                   PID[sip], owner(sip))
        else:
            yield ("TCP", f"[fe80::5d2c:8b1a:3e4f:9c01%12]:{ephemeral(rng)}",
                   f"[fe80::1%12]:{ephemeral(rng)}", "ESTABLISHED", 1036,
                   owner("svchost.exe", "EventLog"))


def line(proto, local, foreign, state, pid):
    # netstat's own column layout; a long IPv6 address pushes the next column on.
    return f"  {proto:<5}  {local:<22} {foreign:<22} {state:<15} {pid}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--encoding", choices=["utf-16le", "oem", "utf-8"], default="utf-16le")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--rows-out")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    remotes = Remotes(rng, max(1, args.rows // 6))
    busy = max(0, args.rows - len(LISTENERS))
    text = ["", "Active Connections", "",
            "  Proto  Local Address          Foreign Address        State           PID"]
    plain = []
    for proto, local, foreign, state, pid, lines in [*LISTENERS, *connections(rng, remotes, busy)]:
        row = line(proto, local, foreign, state, pid)
        text.append(row)
        text.extend(f" {x}" if x.startswith("[") else f"  {x}" if x != SYSTEM[0] else f" {x}"
                    for x in lines)
        plain.append(row)
    body = "\r\n".join(text) + "\r\n"
    if args.encoding == "utf-16le":
        data = b"\xff\xfe" + body.encode("utf-16-le")
    else:
        data = body.encode("ascii")
    with open(args.output, "wb") as f:
        f.write(data)
    if args.rows_out:
        with open(args.rows_out, "w", encoding="ascii", newline="\n") as f:
            f.write("\n".join(plain) + "\n")
    print(f"{args.output}: {len(plain)} rows, {len(data) / 1e6:.1f} MB, {args.encoding}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
