<#
.SYNOPSIS
    Captures what an Edge server has bound, for EdgeMap: listeners, UDP endpoints, established
    connections, owning process and service names, host name and time, in one JSON file.

.DESCRIPTION
    Run on the Edge server (Windows Server 2012 or later, Windows PowerShell 5.1 or PowerShell 7),
    elevated so that every process name can be read. It only reads the local connection tables
    (Get-NetTCPConnection, Get-NetUDPEndpoint), the process list and the service list; it changes
    nothing and opens no connection. Open the file in EdgeMap (File > Open, drop it on the window,
    or `edgemap check topology.edgemap.json snapshot.json`).

    The output is UTF-8 JSON:
      { "edgemap_snapshot": 1, "host": "EDGE01", "time": "2026-11-24T10:00:00Z",
        "command": "Get-EdgeMapSnapshot.ps1",
        "tcp": [ { "LocalAddress", "LocalPort", "RemoteAddress", "RemotePort", "State",
                   "OwningProcess", "ProcessName", "Services": [ ... ] } ],
        "udp": [ { "LocalAddress", "LocalPort", "OwningProcess", "ProcessName", "Services" } ] }
    State is written as its name (Listen, Established, ...), whatever the PowerShell version.

.PARAMETER Path
    Where to write the snapshot. The file is written to a temporary name and renamed, so a
    watching EdgeMap never reads a half-written file. Default: .\<host>-edgemap-snapshot.json

.PARAMETER Stdout
    Write the JSON to standard output instead of a file (as UTF-8, whatever the console code
    page), for a program that runs the script and reads its output: an EdgeMap capture profile,
    or `ssh edge01 powershell -NoProfile -File Get-EdgeMapSnapshot.ps1 -Stdout`.

.EXAMPLE
    .\Get-EdgeMapSnapshot.ps1 -Path \\fileserver\edge\EDGE01.json
#>
[CmdletBinding()]
param(
    [string]$Path = (Join-Path (Get-Location) ("{0}-edgemap-snapshot.json" -f $env:COMPUTERNAME)),
    [switch]$Stdout
)

Set-StrictMode -Version 2
$ErrorActionPreference = 'Stop'

$processes = @{}
Get-Process | ForEach-Object { $processes[[int]$_.Id] = $_.ProcessName }

$services = @{}
Get-CimInstance -ClassName Win32_Service | Where-Object { $_.ProcessId -ne 0 } | ForEach-Object {
    $id = [int]$_.ProcessId
    if (-not $services.ContainsKey($id)) { $services[$id] = New-Object System.Collections.ArrayList }
    [void]$services[$id].Add($_.Name)
}

function Get-Owner([int]$ProcessId) {
    $name = $processes[$ProcessId]
    $svc = @()
    if ($services.ContainsKey($ProcessId)) { $svc = @($services[$ProcessId]) }
    [pscustomobject]@{ ProcessName = $name; Services = $svc }
}

$tcp = foreach ($c in Get-NetTCPConnection) {
    $owner = Get-Owner $c.OwningProcess
    [ordered]@{
        LocalAddress  = $c.LocalAddress
        LocalPort     = [int]$c.LocalPort
        RemoteAddress = $c.RemoteAddress
        RemotePort    = [int]$c.RemotePort
        State         = [string]$c.State
        OwningProcess = [int]$c.OwningProcess
        ProcessName   = $owner.ProcessName
        Services      = $owner.Services
    }
}

$udp = foreach ($u in Get-NetUDPEndpoint) {
    $owner = Get-Owner $u.OwningProcess
    [ordered]@{
        LocalAddress  = $u.LocalAddress
        LocalPort     = [int]$u.LocalPort
        OwningProcess = [int]$u.OwningProcess
        ProcessName   = $owner.ProcessName
        Services      = $owner.Services
    }
}

$snapshot = [ordered]@{
    edgemap_snapshot = 1
    host             = $env:COMPUTERNAME
    time             = (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')
    command          = 'Get-EdgeMapSnapshot.ps1'
    tcp              = @($tcp)
    udp              = @($udp)
}

$json = $snapshot | ConvertTo-Json -Depth 4
if ($Stdout) {
    # Bytes, not Write-Output: PowerShell would re-encode the text in the console's code page.
    $bytes = (New-Object System.Text.UTF8Encoding($false)).GetBytes($json)
    $out = [Console]::OpenStandardOutput()
    $out.Write($bytes, 0, $bytes.Length)
    $out.Flush()
    return
}
$temporary = "$Path.tmp"
[System.IO.File]::WriteAllText($temporary, $json, (New-Object System.Text.UTF8Encoding($false)))
Move-Item -LiteralPath $temporary -Destination $Path -Force
Write-Host "EdgeMap snapshot written to $Path ($(@($tcp).Count) TCP, $(@($udp).Count) UDP sockets)"
