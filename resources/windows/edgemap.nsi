; EdgeMap's Windows installer (NSIS 3, Unicode). Built by scripts/build-windows.sh:
;   makensis -DVERSION=x.y.z -DSTAGE=<installed folder> -DFILES=<files.nsh> -DUNFILES=<unfiles.nsh>
;            -DOUTFILE=<setup.exe> -DICON=<edgemap.ico or empty> edgemap.nsi
; Per-user (no administrator rights): installs under %LOCALAPPDATA%\Programs\EdgeMap, adds a Start
; Menu shortcut, registers the uninstaller under Settings > Apps (HKCU), and offers EdgeMap in
; "Open with" for .json files (Windows associates only a name's last extension, so a default
; handler for .edgemap.json alone cannot exist; EdgeMap does not take .json over). Silent:
; setup.exe /S [/D=folder], uninstall.exe /S. All-users deployment: unzip the portable zip.
; A 64-bit installer for a 64-bit program (and the stub that runs under wine64 for the tests).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
ManifestDPIAware true

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define APP "EdgeMap"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\EdgeMap"
!define PROGID "EdgeMap.Topology"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\EdgeMap"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=1033 "LegalCopyright" "EdgeMap"

!if "${ICON}" != ""
    !define MUI_ICON "${ICON}"
    !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\edgemap.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "EdgeMap" SecMain
    SectionIn RO
    SetShellVarContext current
    SetOutPath "$INSTDIR"
    !include "${FILES}"
    WriteUninstaller "$INSTDIR\uninstall.exe"

    CreateShortCut "$SMPROGRAMS\EdgeMap.lnk" "$INSTDIR\edgemap.exe" "" "$INSTDIR\edgemap.exe" 0

    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "EdgeMap"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\edgemap.exe,0"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

    ; "Open with EdgeMap" for .json (topologies are NAME.edgemap.json), and EdgeMap's own type.
    WriteRegStr HKCU "Software\Classes\${PROGID}" "" "EdgeMap topology"
    WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\edgemap.exe,0"
    WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\edgemap.exe" "%1"'
    WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
    WriteRegStr HKCU "Software\Classes\Applications\edgemap.exe" "FriendlyAppName" "EdgeMap"
    WriteRegStr HKCU "Software\Classes\Applications\edgemap.exe\SupportedTypes" ".json" ""
    WriteRegStr HKCU "Software\Classes\Applications\edgemap.exe\shell\open\command" "" '"$INSTDIR\edgemap.exe" "%1"'
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
    SetShellVarContext current
    ; Only the files this installer wrote: the folder may hold the user's own files.
    !include "${UNFILES}"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    Delete "$SMPROGRAMS\EdgeMap.lnk"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
    DeleteRegKey HKCU "Software\Classes\${PROGID}"
    DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\Applications\edgemap.exe"
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
