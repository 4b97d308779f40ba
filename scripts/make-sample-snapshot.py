#!/usr/bin/env python3
"""Writes resources/samples/edge01-netstat-anob.txt: the bundled sample snapshot.

A `netstat -anob` capture of edge01.contoso.local from the embedded default topology
(resources/topologies/default.edgemap.json), saved the way Windows PowerShell 5.1 saves it
(`netstat -anob > file`: UTF-16LE with BOM, CRLF), taken while the Web Conferencing Edge service
(RTCDATAPROXY, DataProxy.exe) is stopped: its external 443 and internal 8057 are missing, so the
first start shows green and red and a broken web conference join. Developer tool only; the
output file is committed. Addresses are documentation ranges.
"""
import pathlib

INT, ACCESS, WEBCONF, AV = "172.25.33.10", "10.45.16.10", "10.45.16.20", "10.45.16.30"
DIRECTOR, FE1, FE2 = "172.25.40.10", "172.25.40.21", "172.25.40.22"

# (proto, local, foreign, state, pid, ownership lines)
SVCHOST_RPC = ["RpcSs", "[svchost.exe]"]
SYSTEM = ["Can not obtain ownership information"]
rows = [
    ("TCP", "0.0.0.0:135", "0.0.0.0:0", "LISTENING", 884, SVCHOST_RPC),
    ("TCP", "0.0.0.0:445", "0.0.0.0:0", "LISTENING", 4, SYSTEM),
    ("TCP", "0.0.0.0:3389", "0.0.0.0:0", "LISTENING", 1160, ["TermService", "[svchost.exe]"]),
    ("TCP", "0.0.0.0:5985", "0.0.0.0:0", "LISTENING", 4, SYSTEM),
    ("TCP", "0.0.0.0:47001", "0.0.0.0:0", "LISTENING", 4, SYSTEM),
    ("TCP", "0.0.0.0:49664", "0.0.0.0:0", "LISTENING", 512, ["[wininit.exe]"]),
    ("TCP", "0.0.0.0:49665", "0.0.0.0:0", "LISTENING", 1036, ["EventLog", "[svchost.exe]"]),
    ("TCP", "0.0.0.0:49668", "0.0.0.0:0", "LISTENING", 664, ["[lsass.exe]"]),
    ("TCP", f"{INT}:443", "0.0.0.0:0", "LISTENING", 3104, ["[MediaRelaySvc.exe]"]),
    ("TCP", f"{INT}:4443", "0.0.0.0:0", "LISTENING", 2760, ["[ReplicaReplicatorAgent.exe]"]),
    ("TCP", f"{INT}:5061", "0.0.0.0:0", "LISTENING", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{INT}:5062", "0.0.0.0:0", "LISTENING", 2380, ["[MRASSvc.exe]"]),
    ("TCP", f"{INT}:50001", "0.0.0.0:0", "LISTENING", 2904, ["[ClsAgent.exe]"]),
    ("TCP", f"{INT}:50002", "0.0.0.0:0", "LISTENING", 2904, ["[ClsAgent.exe]"]),
    ("TCP", f"{INT}:50003", "0.0.0.0:0", "LISTENING", 2904, ["[ClsAgent.exe]"]),
    ("TCP", f"{INT}:5061", f"{DIRECTOR}:52311", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{INT}:5061", f"{DIRECTOR}:52318", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{INT}:50214", f"{DIRECTOR}:5061", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{INT}:5062", f"{FE1}:50877", "ESTABLISHED", 2380, ["[MRASSvc.exe]"]),
    ("TCP", f"{INT}:4443", f"{FE2}:61022", "TIME_WAIT", 0, []),
    ("TCP", f"{ACCESS}:443", "0.0.0.0:0", "LISTENING", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{ACCESS}:5061", "0.0.0.0:0", "LISTENING", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{ACCESS}:443", "203.0.113.77:61544", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{ACCESS}:443", "203.0.113.81:50920", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{ACCESS}:443", "198.18.0.15:49233", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{ACCESS}:5061", "198.51.100.7:50312", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{ACCESS}:61002", "198.51.100.7:5061", "ESTABLISHED", 2216, ["[RTCSrv.exe]"]),
    ("TCP", f"{AV}:443", "0.0.0.0:0", "LISTENING", 3104, ["[MediaRelaySvc.exe]"]),
    ("TCP", f"{AV}:52114", "0.0.0.0:0", "LISTENING", 3104, ["[MediaRelaySvc.exe]"]),
    ("TCP", f"{AV}:443", "203.0.113.77:61561", "ESTABLISHED", 3104, ["[MediaRelaySvc.exe]"]),
    ("TCP", f"{AV}:50412", "198.51.100.7:443", "TIME_WAIT", 0, []),
    ("TCP", "[::]:135", "[::]:0", "LISTENING", 884, SVCHOST_RPC),
    ("TCP", "[::]:445", "[::]:0", "LISTENING", 4, SYSTEM),
    ("TCP", "[::]:3389", "[::]:0", "LISTENING", 1160, ["TermService", "[svchost.exe]"]),
    ("UDP", "0.0.0.0:123", "*:*", "", 1300, ["W32Time", "[svchost.exe]"]),
    ("UDP", "0.0.0.0:500", "*:*", "", 2996, ["IKEEXT", "[svchost.exe]"]),
    ("UDP", "0.0.0.0:3389", "*:*", "", 1160, ["TermService", "[svchost.exe]"]),
    ("UDP", "0.0.0.0:4500", "*:*", "", 2996, ["IKEEXT", "[svchost.exe]"]),
    ("UDP", f"{INT}:137", "*:*", "", 4, SYSTEM),
    ("UDP", f"{INT}:138", "*:*", "", 4, SYSTEM),
    ("UDP", f"{INT}:3478", "*:*", "", 3104, ["[MediaRelaySvc.exe]"]),
    ("UDP", f"{AV}:3478", "*:*", "", 3104, ["[MediaRelaySvc.exe]"]),
    ("UDP", f"{AV}:52000", "*:*", "", 3104, ["[MediaRelaySvc.exe]"]),
    ("UDP", f"{AV}:52002", "*:*", "", 3104, ["[MediaRelaySvc.exe]"]),
    ("UDP", f"{AV}:53118", "*:*", "", 3104, ["[MediaRelaySvc.exe]"]),
    ("UDP", "[::]:123", "*:*", "", 1300, ["W32Time", "[svchost.exe]"]),
]


def row_text(proto, local, foreign, state, pid):
    # netstat's layout: indent 2, proto 7, local 23, foreign 23, state 16, then the PID.
    text = f"  {proto:<7}{local:<23}{foreign:<23}{state:<16}{pid}"
    if proto == "UDP":
        text = f"  {proto:<7}{local:<23}{foreign:<23}{'':<16}{pid}"
    return text


def main():
    lines = ["", "Active Connections", "",
             "  Proto  Local Address          Foreign Address        State           PID"]
    for proto, local, foreign, state, pid, owner in rows:
        lines.append(row_text(proto, local, foreign, state, pid))
        for o in owner:
            lines.append((" " if o.startswith("[") or " " in o else "  ") + o)
    text = "\r\n".join(lines) + "\r\n"
    out = pathlib.Path(__file__).resolve().parent.parent / "resources/samples/edge01-netstat-anob.txt"
    out.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    print(f"wrote {out} ({len(rows)} sockets)")


if __name__ == "__main__":
    main()
