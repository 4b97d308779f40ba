// Times node-netstat's win32 line parser (the parser `netstat.exe -a -n -o` output goes through
// in the node-netstat npm package) over the rows bench_snapshot writes with --rows-out, so that
// EdgeMap's parse-only figure can be compared with a parser a user could pick instead.
// Run through tests/bench/compare-node-netstat.sh, which installs node-netstat in a temp dir.
'use strict';
const fs = require('fs');
const path = require('path');

const moduleDir = process.argv[2];
const rowsFile = process.argv[3];
const parsers = require(path.join(moduleDir, 'node_modules', 'node-netstat', 'lib', 'parsers.js'));
const text = fs.readFileSync(rowsFile, 'latin1');
const lines = text.split('\n');

const start = process.hrtime.bigint();
let parsed = 0;
for (const line of lines) {
    parsers.win32(line, () => { ++parsed; });
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`node-netstat win32    ${seconds.toFixed(3)} s  ${Math.round(parsed / seconds)} rows/s  (${parsed} rows parsed of ${lines.length} lines)`);
