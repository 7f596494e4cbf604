#!/usr/bin/env bash
# Servidor PostgreSQL descartable para las pruebas (lo usa `make test`).
#
#   scripts/postgres_pruebas.sh start   instala el servidor si falta, crea el clúster y lo arranca
#   scripts/postgres_pruebas.sh url     imprime la URL de SQLAlchemy (psycopg 3, por socket Unix)
#   scripts/postgres_pruebas.sh stop    detiene el clúster (los datos quedan; se borran a mano)
#   scripts/postgres_pruebas.sh status  dice si está en marcha (código 0) o no (código 1)
#
# Todas las órdenes son idempotentes: `start` con el clúster ya en marcha no hace nada (~0,1 s);
# en frío (initdb + arranque) tarda ~1 s si los binarios ya están instalados.
#
# Binarios: se usa el `initdb` más nuevo de /usr/lib/postgresql/*/bin (Debian/Ubuntu) o, si no hay,
# el del PATH. Si no hay ninguno y existe apt-get, se instala el paquete Debian `postgresql`
# (solo si falta según `dpkg -s`; con sudo si no se es root). Si no hay forma de tener un servidor,
# se imprime un aviso y se sale con código 3 (`make test` omite entonces las pruebas de PostgreSQL,
# salvo con CI=true, donde falla).
#
# Clúster: trust, sin TCP (listen_addresses=''), solo un socket Unix dentro de la carpeta del clúster,
# fsync=off. Superusuario `postgres` (más un rol con el nombre del usuario actual), base de datos
# `liquidador_pruebas`. Las pruebas crean y borran sus propias bases (tests/fixtures_bd.py).
#
# Carpeta del clúster: normalmente $REPO/.pg_pruebas/ (en .gitignore). Como root, initdb se niega a
# correr, así que el clúster pertenece al usuario `postgres` y se maneja con `runuser -u postgres`;
# si `postgres` no puede atravesar la ruta del repositorio (p. ej. el repo está en /root/..., con
# permisos 700), o si el repo no es escribible, o si la ruta del socket superaría el límite de
# ~107 bytes de los sockets Unix, se usa en cambio /tmp/liquidador_pg_<uid>_<hash de la ruta del
# repo>/ (el hash evita que dos clones compartan clúster; TMPDIR_PG_PRUEBAS cambia /tmp). La
# elección es determinista, así que `start`, `url` y `stop` siempre encuentran la misma carpeta.
#
# El servidor queda en marcha al terminar `make test` (el siguiente arranque es instantáneo); se
# lanza sin heredar descriptores abiertos, así que no retiene la salida de make ni de CI.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BASE_DATOS="liquidador_pruebas"
SUPERUSUARIO="postgres"
PUERTO=5432   # solo da nombre al socket (.s.PGSQL.5432); no se escucha por TCP
UID_ACTUAL="$(id -u)"
USUARIO_ACTUAL="$(id -un)"

aviso() { echo "postgres_pruebas: $*"; }
error() { echo "postgres_pruebas: Error: $*" >&2; }

uso() {
    echo "Uso: $0 start|stop|url|status" >&2
    exit 2
}

# --- Binarios ----------------------------------------------------------------------------------

buscar_bindir() {
    local ultimo=""
    ultimo="$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$ultimo" ] && [ -x "$ultimo" ]; then
        dirname "$ultimo"
        return 0
    fi
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
        return 0
    fi
    return 1
}

sin_servidor() {
    echo "Aviso: no hay servidor PostgreSQL disponible para las pruebas ($*)."
    echo "       Las pruebas de PostgreSQL se omitirán (con CI=true fallan)."
    echo "       En Debian/Ubuntu: apt-get install -y postgresql"
    exit 3
}

asegurar_binarios() {
    if BINDIR="$(buscar_bindir)"; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
        sin_servidor "no se encontró initdb y el sistema no tiene apt-get"
    fi
    local sudo=()
    if [ "$UID_ACTUAL" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            sin_servidor "no se encontró initdb y no hay permisos de administrador (ni sudo) para instalarlo"
        fi
    fi
    if dpkg -s postgresql >/dev/null 2>&1; then
        # Paquete presente pero sin binarios en /usr/lib/postgresql: reinstalar no es cosa de este script.
        sin_servidor "el paquete postgresql figura instalado pero no se encontró initdb"
    fi
    aviso "instalando el paquete Debian postgresql (una sola vez)..."
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get update || ! "${sudo[@]}" apt-get install -y --no-install-recommends postgresql; then
        sin_servidor "falló apt-get install postgresql"
    fi
    BINDIR="$(buscar_bindir)" || sin_servidor "se instaló postgresql pero no se encontró initdb"
}

# --- Carpeta del clúster -----------------------------------------------------------------------

# Usuario dueño del clúster: `postgres` si somos root (initdb no corre como root), si no el actual.
if [ "$UID_ACTUAL" -eq 0 ]; then
    DUENO="postgres"
else
    DUENO="$USUARIO_ACTUAL"
fi

como_dueno() {
    if [ "$UID_ACTUAL" -eq 0 ]; then
        # cd /: la carpeta actual (p. ej. el repo en /root) puede no ser accesible para `postgres`.
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u "$DUENO" -- "$@")
        else
            (cd / && su -s /bin/sh "$DUENO" -c "$(printf '%q ' "$@")")
        fi
    else
        "$@"
    fi
}

# Ejecuta "$@" sin los descriptores heredados mayores que 2 (llamar dentro de un subshell). El
# servidor queda vivo después de `make test`: si heredara el fd del bloqueo, el siguiente `start`
# esperaría para siempre; si heredara una tubería del sistema de CI, este esperaría su cierre.
sin_fds_heredados() {
    local fd fds=()
    for fd in /proc/"$BASHPID"/fd/*; do
        fd="${fd##*/}"
        if [[ "$fd" =~ ^[0-9]+$ ]] && [ "$fd" -gt 2 ]; then
            fds+=("$fd")
        fi
    done
    for fd in "${fds[@]}"; do
        # (el fd con que se leyó la carpeta ya está cerrado; cerrarlo de nuevo daría error)
        if [ -e /proc/"$BASHPID"/fd/"$fd" ]; then
            eval "exec $fd>&-"
        fi
    done
    "$@"
}

ruta_socket_cabe() {
    # sun_path tiene 108 bytes incluido el NUL final.
    local ruta="$1/.s.PGSQL.$PUERTO"
    [ "${#ruta}" -le 100 ]
}

elegir_carpeta() {
    local local_repo="$REPO/.pg_pruebas"
    local hash
    hash="$(printf '%s' "$REPO" | cksum | cut -d' ' -f1)"
    local temporal="${TMPDIR_PG_PRUEBAS:-/tmp}/liquidador_pg_${UID_ACTUAL}_${hash}"
    local usable=1
    ruta_socket_cabe "$local_repo" || usable=0
    if [ "$usable" = 1 ] && [ ! -d "$local_repo" ] && [ ! -w "$REPO" ]; then
        usable=0
    fi
    if [ "$usable" = 1 ] && [ "$UID_ACTUAL" -eq 0 ]; then
        # ¿Puede `postgres` atravesar todas las carpetas hasta el repo? (access() mira toda la ruta)
        if ! id "$DUENO" >/dev/null 2>&1 || ! como_dueno test -x "$REPO" 2>/dev/null; then
            usable=0
        fi
    fi
    if [ "$usable" = 1 ]; then
        echo "$local_repo"
    else
        echo "$temporal"
    fi
}

CARPETA="$(elegir_carpeta)"
DATOS="$CARPETA/datos"
REGISTRO="$CARPETA/servidor.log"

url() {
    echo "postgresql+psycopg://${SUPERUSUARIO}@/${BASE_DATOS}?host=${CARPETA}"
}

en_marcha() {
    [ -f "$DATOS/PG_VERSION" ] || return 1
    local bindir
    bindir="$(buscar_bindir)" || return 1
    como_dueno "$bindir/pg_ctl" status -D "$DATOS" >/dev/null 2>&1
}

# --- Órdenes -----------------------------------------------------------------------------------

psql_dueno() {
    como_dueno "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$CARPETA" -p "$PUERTO" -U "$SUPERUSUARIO" "$@"
}

iniciar_cluster() {
    if [ "$UID_ACTUAL" -eq 0 ] && ! id "$DUENO" >/dev/null 2>&1; then
        sin_servidor "no existe el usuario del sistema '$DUENO' para ser dueño del clúster"
    fi
    chmod 700 "$CARPETA"
    if [ "$UID_ACTUAL" -eq 0 ]; then
        chown "$DUENO": "$CARPETA"
    fi
    local version_bin
    version_bin="$("$BINDIR/postgres" --version | awk '{print $3}' | cut -d. -f1)"
    if [ -f "$DATOS/PG_VERSION" ] && [ "$(cat "$DATOS/PG_VERSION")" != "$version_bin" ]; then
        aviso "el clúster es de PostgreSQL $(cat "$DATOS/PG_VERSION") y los binarios de $version_bin: se recrea."
        rm -rf "$DATOS"
    fi
    if [ -f "$DATOS/PG_VERSION" ]; then
        return 0
    fi
    rm -rf "$DATOS"   # restos de un initdb interrumpido
    local locale_opts=(--no-locale)
    # (sin grep -q: con pipefail, el SIGPIPE de `locale` haría fallar la condición)
    if locale -a 2>/dev/null | grep -iE '^c\.utf-?8$' >/dev/null; then
        # upper()/lower() y las comparaciones sin mayúsculas tratan bien la ñ y los acentos.
        locale_opts=(--locale=C.UTF-8)
    fi
    aviso "creando el clúster de pruebas en $DATOS (PostgreSQL $version_bin)..."
    como_dueno "$BINDIR/initdb" -D "$DATOS" -U "$SUPERUSUARIO" -A trust -E UTF8 "${locale_opts[@]}" \
        --no-sync >"$CARPETA/initdb.log" 2>&1 || {
        error "falló initdb; ver $CARPETA/initdb.log"
        tail -n 20 "$CARPETA/initdb.log" >&2 || true
        exit 1
    }
    como_dueno tee -a "$DATOS/postgresql.conf" >/dev/null <<EOF

# --- scripts/postgres_pruebas.sh: clúster descartable para pruebas ---
listen_addresses = ''
port = $PUERTO
unix_socket_directories = '$CARPETA'
unix_socket_permissions = 0777
max_connections = 100
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
EOF
}

verificar_carpeta() {
    # Una carpeta ajena (otro usuario, o alguien que la creó antes en /tmp) no se usa.
    local dueno_carpeta
    dueno_carpeta="$(stat -c %U "$CARPETA")"
    if [ "$dueno_carpeta" != "$DUENO" ] && [ "$dueno_carpeta" != "$USUARIO_ACTUAL" ]; then
        error "la carpeta $CARPETA pertenece a '$dueno_carpeta' y no a '$DUENO'; bórrela y vuelva a intentar."
        exit 1
    fi
}

cmd_start() {
    asegurar_binarios
    if en_marcha; then
        aviso "ya está en marcha ($CARPETA)."
    else
        iniciar_cluster
        # pg_ctl status ya dijo que no corre: un postmaster.pid que quedó de un apagado brusco sobra.
        if [ -f "$DATOS/postmaster.pid" ]; then
            aviso "se borra un postmaster.pid viejo."
            rm -f "$DATOS/postmaster.pid"
        fi
        # -l y sin_fds_heredados: el servidor no hereda la salida de make/CI ni otros descriptores
        # (si no, quien lee esa salida podría esperar para siempre); pg_ctl además lo separa de la
        # sesión (setsid).
        # (Las redirecciones van fuera del subshell: dentro, bash guardaría copias en fds altos.)
        if ! (sin_fds_heredados como_dueno "$BINDIR/pg_ctl" start -D "$DATOS" -l "$REGISTRO" -w -t 60) \
            </dev/null >/dev/null; then
            error "no arrancó el servidor; últimas líneas de $REGISTRO:"
            tail -n 20 "$REGISTRO" >&2 || true
            exit 1
        fi
    fi
    # También con el servidor ya en marcha: la base o el rol pudieron borrarse a mano.
    if [ "$(psql_dueno -d postgres -tA -c "SELECT 1 FROM pg_database WHERE datname = '$BASE_DATOS'")" != 1 ]; then
        psql_dueno -d postgres -c "CREATE DATABASE $BASE_DATOS"
    fi
    if [ "$USUARIO_ACTUAL" != "$SUPERUSUARIO" ] &&
        [ "$(psql_dueno -d postgres -tA -c "SELECT 1 FROM pg_roles WHERE rolname = '$USUARIO_ACTUAL'")" != 1 ]; then
        psql_dueno -d postgres -c "CREATE ROLE \"$USUARIO_ACTUAL\" LOGIN SUPERUSER"
    fi
    aviso "en marcha: $(url)"
}

cmd_stop() {
    if ! en_marcha; then
        aviso "no está en marcha."
        return 0
    fi
    local bindir
    bindir="$(buscar_bindir)"
    como_dueno "$bindir/pg_ctl" stop -D "$DATOS" -m fast -w >/dev/null
    aviso "detenido ($CARPETA)."
}

cmd_status() {
    if en_marcha; then
        aviso "en marcha: $(url)"
    else
        aviso "no está en marcha ($CARPETA)."
        return 1
    fi
}

[ $# -eq 1 ] || uso
case "$1" in
    start)
        # Dos `make test` a la vez en el mismo repo no deben correr initdb dos veces.
        mkdir -p "$CARPETA"
        verificar_carpeta
        if command -v flock >/dev/null 2>&1; then
            exec 9>"$CARPETA/bloqueo"
            if ! flock -w 300 9; then
                error "otro 'start' retiene $CARPETA/bloqueo desde hace 5 minutos."
                exit 1
            fi
        fi
        cmd_start
        ;;
    stop) cmd_stop ;;
    url) url ;;
    status) cmd_status ;;
    *) uso ;;
esac
