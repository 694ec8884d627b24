#!/usr/bin/env bash
# Validates docker-compose.yml against the Compose schema without a Docker engine, with Debian's
# docker-compose package (apt-get install docker-compose; 1.29.2 on bookworm). The structural checks
# that need no tool run in 'mvn verify' (starter's DeploymentFilesTest).
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml: valid ($(docker-compose version --short))"
elif command -v docker >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q && echo "docker-compose.yml: valid (docker compose)"
else
  echo "neither docker-compose nor docker is installed: apt-get install docker-compose" >&2
  exit 2
fi
