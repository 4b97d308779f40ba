# The Debian package: `cpack -G DEB` in a build directory writes edgemap_<version>_<arch>.deb
# with what `cmake --install` installs under /usr (the program, and the desktop integration and
# examples from resources/CMakeLists.txt). scripts/test-deb.sh builds it and installs it into a
# clean Debian 12 root. Linux only: the Windows packages are made by scripts/build-windows.sh.
if(NOT (UNIX AND NOT APPLE))
    return()
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME edgemap)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "EdgeMap")
set(CPACK_PACKAGE_CONTACT
    "EdgeMap maintainers <maintainers@users.noreply.r-seed-fbe6bc06.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Neither CPack nor dpkg wraps the extended description: its lines stay under 80 columns.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "EdgeMap holds the design of a Microsoft Lync Server or Skype for Business\n"
    "Server Edge pool: interfaces, addresses, NAT, services, every listener with\n"
    "the reason it exists, the peers on both sides and the flows between them,\n"
    "for Lync Server 2010 and 2013 and Skype for Business Server 2015, 2019 and\n"
    "Subscription Edition. It draws the Edge, judges netstat or PowerShell\n"
    "snapshots of an Edge server, and writes the port table, firewall rules,\n"
    "certificate requests and DNS records. The edgemap command runs the same\n"
    "checks without a display, for scripts and monitoring (Nagios, Prometheus).")
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps (dpkg-dev) turns the libraries edgemap links into Depends (libqt6gui6, ...).
# libqt6gui6 carries the xcb and offscreen platform plugins, so the window and the commands run
# with nothing more; the icon theme only lets desktops find the installed icon.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "hicolor-icon-theme")

include(CPack)
