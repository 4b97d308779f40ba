#!/bin/sh
# A stand-in for a capture command (ssh edge01 netstat -ano) in tests: prints what its first
# argument asks for. Written by the EdgeMap team. POSIX shell: tests only.
case "$1" in
  ok)
    printf '\r\nActive Connections\r\n\r\n  Proto  Local Address          Foreign Address        State           PID\r\n'
    printf '  TCP    172.25.33.10:5061      0.0.0.0:0              LISTENING       2216\r\n'
    printf '  TCP    10.45.16.10:443         0.0.0.0:0              LISTENING       2216\r\n'
    ;;
  fail)
    echo "ssh: connect to host edge01 port 22: Connection refused" >&2
    exit 255
    ;;
  slow)
    # exec: a kill on time-out reaches the sleeping process itself, leaving no orphan behind.
    exec sleep 30
    ;;
  banner)
    echo "Welcome to edge01. Unauthorised access is prohibited."
    ;;
  from-file)
    # The mode is read from the file named by the second argument, so that a test can change
    # what the next run of the same profile does.
    exec /bin/sh "$0" "$(cat "$2")"
    ;;
esac
