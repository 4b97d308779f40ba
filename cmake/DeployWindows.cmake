# What `cmake --install` puts beside edgemap.exe on Windows: the whole portable folder that
# scripts/build-windows.sh zips and wraps in the installer. No windeployqt (a Windows program):
# cmake/DeployWindowsDlls.cmake reads the PE imports of each program and plugin (MinGW objdump)
# and copies the DLLs they name from the cross-built Qt and the MinGW runtime, recursively.
#
#   edgemap.exe, edgemap.com          the window, and its console twin for cmd and PowerShell
#   Qt6Core/Gui/Network/Widgets/PrintSupport/Concurrent.dll   imported by the programs
#   libstdc++-6, libgcc_s_seh-1, libwinpthread-1      the MinGW C++ runtime they import
#   qt.conf                           plugins are under plugins/ next to the programs
#   plugins/platforms/qwindows.dll    the Windows platform: windows, fonts, clipboard, printing
#   plugins/platforms/qoffscreen.dll  -platform offscreen, for headless runs and tests
#   plugins/styles/qwindowsvistastyle.dll  the native look of Windows 10/11 widgets
#   plugins/imageformats/qico, qjpeg, qgif  images a user may paste or open (PNG is built in)
#   plugins/tls/qschannelbackend.dll  TLS for `edgemap probe` through Windows' Schannel (no OpenSSL)
#   samples/                          the default topology and a netstat capture to try `check`
#
# Not deployed: Qt SVG's imageformats/qsvg and iconengines/qsvgicon (no Qt SVG on Windows: its
# Debian source is not served; EdgeMap writes SVG itself and its icons are PNG), the
# certificate-only TLS backend (Schannel reads certificates too), a print support plugin (Qt 6
# prints on Windows from Qt6PrintSupport.dll itself).

find_program(EDGEMAP_MINGW_OBJDUMP NAMES x86_64-w64-mingw32-objdump REQUIRED)

get_target_property(_edgemap_qtcore Qt6::Core IMPORTED_LOCATION_RELEASE)
if(NOT _edgemap_qtcore)
    get_target_property(_edgemap_qtcore Qt6::Core IMPORTED_LOCATION)
endif()
get_filename_component(EDGEMAP_QT_BIN_DIR "${_edgemap_qtcore}" DIRECTORY)
# The MinGW runtime: libstdc++ and libgcc next to the cross compiler, winpthread in the sysroot.
execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libstdc++-6.dll
    OUTPUT_VARIABLE _edgemap_libstdcxx OUTPUT_STRIP_TRAILING_WHITESPACE)
get_filename_component(EDGEMAP_MINGW_RUNTIME_DIR "${_edgemap_libstdcxx}" DIRECTORY)
set(EDGEMAP_MINGW_SYSROOT_DIR /usr/x86_64-w64-mingw32/lib)

set(_edgemap_plugins
    platforms Qt6::QWindowsIntegrationPlugin
    platforms Qt6::QOffscreenIntegrationPlugin
    styles Qt6::QWindowsVistaStylePlugin
    imageformats Qt6::QICOPlugin
    imageformats Qt6::QJpegPlugin
    imageformats Qt6::QGifPlugin
    tls Qt6::QSchannelBackendPlugin)
while(_edgemap_plugins)
    list(POP_FRONT _edgemap_plugins folder plugin)
    if(NOT TARGET ${plugin})
        message(FATAL_ERROR "DeployWindows: the Qt plugin ${plugin} is missing from this Qt")
    endif()
    install(IMPORTED_RUNTIME_ARTIFACTS ${plugin}
        LIBRARY DESTINATION plugins/${folder} RUNTIME DESTINATION plugins/${folder})
endwhile()

install(TARGETS edgemap edgemap_console RUNTIME DESTINATION .)
# After the programs and plugins are in place: the DLLs they import, found in these folders.
install(CODE "
    set(EDGEMAP_OBJDUMP \"${EDGEMAP_MINGW_OBJDUMP}\")
    set(EDGEMAP_DLL_DIRS \"${EDGEMAP_QT_BIN_DIR};${EDGEMAP_MINGW_RUNTIME_DIR};${EDGEMAP_MINGW_SYSROOT_DIR}\")
    include(\"${PROJECT_SOURCE_DIR}/cmake/DeployWindowsDlls.cmake\")
    edgemap_deploy_dlls(\"\${CMAKE_INSTALL_PREFIX}\")
")

file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/qt.conf" "[Paths]\nPrefix = .\nPlugins = plugins\n")
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/qt.conf" DESTINATION .)
install(FILES "${PROJECT_SOURCE_DIR}/resources/topologies/default.edgemap.json"
    "${PROJECT_SOURCE_DIR}/resources/samples/edge01-netstat-anob.txt"
    DESTINATION samples)
