#!/usr/bin/env bash
# Runs every test (mvn -B verify, extra arguments passed on). The IPMI fence agent is tested with
# the real ipmitool against OpenIPMI's ipmi_sim, signatures with OpenSSH's ssh-keygen, ssh-agent
# and ssh-add, and the console in Debian's Chromium (/usr/bin/chromium, driven by playwright-core):
# when one is missing, installs the Debian packages ipmitool, openipmi, openssh-client and chromium
# first (as root, or through non-interactive sudo).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
packages=()
command -v ipmitool >/dev/null 2>&1 || { missing+=(ipmitool); packages+=(ipmitool); }
command -v ipmi_sim >/dev/null 2>&1 || { missing+=(ipmi_sim); packages+=(openipmi); }
for tool in ssh-keygen ssh-agent ssh-add; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
[[ " ${missing[*]} " == *" ssh-"* ]] && packages+=(openssh-client)
[ -x /usr/bin/chromium ] || { missing+=(chromium); packages+=(chromium); }

if [ ${#missing[@]} -gt 0 ]; then
  need="the tests need ${missing[*]}: install the Debian packages ${packages[*]} (apt-get install -y ${packages[*]})"
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "test.sh: $need, then run ./test.sh again (not root, and no non-interactive sudo to do it here)" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: $need; there is no apt-get here: install ${missing[*]} with this system's tools" >&2
    exit 1
  fi
  echo "test.sh: ${missing[*]} missing; running: apt-get update && apt-get install -y ${packages[*]}"
  ${as_root[@]+"${as_root[@]}"} apt-get update
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "${packages[@]}"
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/bin/$tool" ] \
      || { echo "test.sh: $tool still missing after the install" >&2; exit 1; }
  done
fi

exec mvn -B verify "$@"
