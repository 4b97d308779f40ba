# Install-time part of cmake/DeployWindows.cmake: copies into the install folder every DLL that
# the installed programs and plugins import, recursively, from EDGEMAP_DLL_DIRS (the cross-built
# Qt's bin/ and the MinGW runtime folders); DLLs found nowhere there are part of Windows.
#
# Why not install(RUNTIME_DEPENDENCY_SET): CMake's windows+pe resolver lowercases DLL names
# before looking for them, so on Linux's case-sensitive file system it finds no "qt6core.dll"
# beside Qt6Core.dll (CMake 3.25). The walk here matches names case-insensitively, as Windows
# does, and keeps each DLL's own spelling. (Runs in the install script, where policies are old:
# list(FIND), not IN_LIST.)
function(edgemap_deploy_dlls prefix)
    # Two parallel lists: the lower-case names and the files (the first folder listed wins).
    set(keys "")
    set(paths "")
    foreach(dir IN LISTS EDGEMAP_DLL_DIRS)
        file(GLOB dlls "${dir}/*.dll")
        foreach(dll IN LISTS dlls)
            get_filename_component(name "${dll}" NAME)
            string(TOLOWER "${name}" key)
            list(FIND keys "${key}" known)
            if(known LESS 0)
                list(APPEND keys "${key}")
                list(APPEND paths "${dll}")
            endif()
        endforeach()
    endforeach()

    file(GLOB_RECURSE queue "${prefix}/*.exe" "${prefix}/*.com" "${prefix}/*.dll")
    set(deployed "")
    while(queue)
        list(POP_FRONT queue file)
        execute_process(COMMAND "${EDGEMAP_OBJDUMP}" -p "${file}"
            OUTPUT_VARIABLE headers RESULT_VARIABLE failed ERROR_QUIET)
        if(failed)
            message(FATAL_ERROR "DeployWindows: ${EDGEMAP_OBJDUMP} cannot read ${file}")
        endif()
        string(REGEX MATCHALL "DLL Name: [^\r\n]+" imports "${headers}")
        foreach(line IN LISTS imports)
            string(REGEX REPLACE "^DLL Name: " "" name "${line}")
            string(TOLOWER "${name}" key)
            list(FIND keys "${key}" at)
            list(FIND deployed "${key}" done)
            if(at GREATER_EQUAL 0 AND done LESS 0)
                list(APPEND deployed "${key}")
                list(GET paths ${at} source)
                get_filename_component(real "${source}" NAME)
                file(COPY_FILE "${source}" "${prefix}/${real}" ONLY_IF_DIFFERENT)
                message(STATUS "Deploying: ${prefix}/${real} (imported by ${file})")
                list(APPEND queue "${prefix}/${real}")
            endif()
        endforeach()
    endwhile()
endfunction()
