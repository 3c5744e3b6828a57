; Registers the sign-in URL scheme for the install scope the user chose: SHCTX is HKLM for a
; per-machine install and HKCU for a per-user one. Electron's setAsDefaultProtocolClient only
; writes HKCU at first start, which is too late for IT's per-machine installs.
!macro customInstall
  WriteRegStr SHCTX "Software\Classes\com.cliniccompanion.app" "" "URL:Clinic Companion sign-in"
  WriteRegStr SHCTX "Software\Classes\com.cliniccompanion.app" "URL Protocol" ""
  WriteRegStr SHCTX "Software\Classes\com.cliniccompanion.app\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHCTX "Software\Classes\com.cliniccompanion.app\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  DeleteRegKey SHCTX "Software\Classes\com.cliniccompanion.app"
!macroend
