#!/usr/bin/env bash
# Runs a command as on a machine with nothing but Node and npm: in a private mount namespace, the Docker
# CLIs and engine, docker-registry, busybox and buildah are covered by /dev/null (so they cannot run) and
# the engine's socket is gone. Nothing outside the namespace changes. Needs root (CI runs as root).
set -euo pipefail
[ "$#" -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
hide=()
for name in docker dockerd docker-registry busybox buildah; do
  while IFS= read -r path; do hide+=("$path"); done < <(which -a "$name" 2>/dev/null || true)
done
for path in /bin/busybox /usr/bin/busybox /var/run/docker.sock /run/docker.sock; do
  [ -e "$path" ] && hide+=("$(readlink -f "$path")")
done
exec unshare --mount --propagation private -- bash -c '
  set -euo pipefail
  for path in "${@:2:$1}"; do mount --bind /dev/null "$path"; done
  shift "$(( $1 + 1 ))"
  exec "$@"
' hide-tools "${#hide[@]}" "${hide[@]}" "$@"
