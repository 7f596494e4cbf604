#!/usr/bin/env bash
# Installs the Debian packages that Qt (offscreen) and the PDF tools need, only those missing.
set -euo pipefail

PAQUETES=(libegl1 libgl1 libdbus-1-3 libfontconfig1 libglib2.0-0 libxkbcommon0 fonts-dejavu-core poppler-utils)
# A real window on an X desktop (Qt's xcb plugin) needs these too (STACK.md).
PAQUETES+=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
           libxcb-xkb1 libxkbcommon-x11-0)

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    echo "Aviso: este sistema no usa apt-get (no es Debian/Ubuntu); no se instalan paquetes del sistema."
    echo "       Si Qt no arranca, instale las bibliotecas equivalentes a: ${PAQUETES[*]}"
    exit 0
fi

faltan=()
for p in "${PAQUETES[@]}"; do
    if ! dpkg -s "$p" >/dev/null 2>&1; then
        faltan+=("$p")
    fi
done

if [ ${#faltan[@]} -eq 0 ]; then
    echo "Paquetes del sistema: ya están todos instalados."
    exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "Error: faltan paquetes del sistema (${faltan[*]}) y no hay permisos de administrador (ni sudo)." >&2
        echo "       Pida a un administrador que ejecute: apt-get install -y ${faltan[*]}" >&2
        exit 1
    fi
fi

echo "Instalando paquetes del sistema que faltan: ${faltan[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${faltan[@]}"
echo "Paquetes del sistema instalados."
