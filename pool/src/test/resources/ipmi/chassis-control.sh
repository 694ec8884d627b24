#!/bin/sh
# ipmi_sim's chassis_control program: "<device> get <parm>..." prints "<parm>:<value>" lines,
# "<device> set <parm> <value>..." prints nothing on success. The power lives in ./power
# (ipmi_sim runs in its own directory), 1 = on, so "power off" really changes "power status".
state=./power
[ -f "$state" ] || echo 1 > "$state"
device=$1
op=$2
[ -n "$device" ] && [ -n "$op" ] || { echo "usage: $0 <device> get|set <parm> [value]..."; exit 1; }
shift 2
case "$op" in
  get)
    for parm in "$@"; do
      case "$parm" in
        power) echo "power:$(cat "$state")" ;;
        boot) echo "boot:default" ;;
        *) echo "cannot get $parm"; exit 1 ;;
      esac
    done
    ;;
  set)
    while [ $# -ge 2 ]; do
      case "$1" in
        power) echo "$2" > "$state" ;;
        reset|boot|identify|shutdown) ;;
        *) echo "cannot set $1"; exit 1 ;;
      esac
      shift 2
    done
    ;;
  *) echo "unknown operation $op"; exit 1 ;;
esac
