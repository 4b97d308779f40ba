#!/usr/bin/env python3
"""Writes resources/topologies/default.edgemap.json: the built-in default topology.

Developer tool only; the output file is committed. The topology is what `edgemap new` makes for
Lync Server 2013 with three external addresses behind NAT (private 10.45.16.10/.20/.30 translated
symmetrically to the documentation range 203.0.113.10/.20/.30, as Microsoft's own example pairs
10.45.16.x with 131.107.155.x), the Director as next hop and the SIP domain contoso.com, with
the peers' FQDNs and addresses filled in so that established connections are attributed.

Usage: scripts/make-default-topology.py BUILD_DIR/app/edgemap
"""
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "resources/topologies/default.edgemap.json"
PEERS = {
    "federated-partners": {"fqdn": "sip.fabrikam.com", "addresses": ["198.51.100.0/24"]},
    "director": {"fqdn": "dir01.contoso.local", "addresses": ["172.25.40.10"]},
    "front-end": {"fqdn": "fepool.contoso.local",
                  "addresses": ["172.25.40.21", "172.25.40.22", "172.25.40.23"]},
    "internal-clients": {"addresses": ["10.20.0.0/16"]},
    "internal-dns": {"addresses": ["172.25.40.5", "172.25.40.6"]},
}


def main():
    edgemap = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "default.edgemap.json"
        subprocess.run([edgemap, "new", "-o", str(path), "--product", "lync2013",
                        "--name", "Contoso Edge (default)",
                        "--server-fqdn", "edge01.contoso.local", "--internal-ip", "172.25.33.10",
                        "--external-ip", "10.45.16.10,10.45.16.20,10.45.16.30",
                        "--access-public-ip", "203.0.113.10", "--webconf-public-ip", "203.0.113.20",
                        "--av-public-ip", "203.0.113.30", "--sip-domain", "contoso.com",
                        "--access-fqdn", "sip.contoso.com", "--webconf-fqdn", "webconf.contoso.com",
                        "--av-fqdn", "av.contoso.com", "--next-hop", "director"], check=True)
        topology = json.loads(path.read_text(encoding="utf-8"))
    peers = []
    for peer in topology["peers"]:
        peer.update(PEERS.get(peer["id"], {}))
        peers.append({k: peer[k] for k in ("id", "kind", "name", "fqdn", "addresses") if k in peer})
    topology["peers"] = peers
    OUT.write_text(json.dumps(topology, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    subprocess.run([edgemap, "validate", str(OUT)], check=True)


if __name__ == "__main__":
    main()
