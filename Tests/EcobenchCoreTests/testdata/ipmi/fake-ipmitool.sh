#!/bin/sh
# Stand-in for `ipmitool dcmi power reading`: no BMC exists on the test machine, so the IPMI
# probe tests run this script instead. It prints an ipmitool-style reading whose watts come
# from the file named by $1 (the test rewrites it between polls); the word "fail" in that
# file makes it exit 1 like ipmitool does when the BMC does not answer, "sleep" makes it hang.
# "WATTS|STAMP" also prints STAMP as the BMC's "IPMI timestamp" (the time of its last refresh).
content=$(cat "$1")
watts=${content%%|*}
case "$content" in
  *'|'*) stamp=${content#*|} ;;
  *) stamp= ;;
esac
case "$watts" in
  fail) echo "Error: Unable to establish IPMI v2 / RMCP+ session" >&2; exit 1 ;;
  sleep) exec sleep 30 ;;
esac
printf '\n    Instantaneous power reading:                   %s Watts\n' "$watts"
printf '    Minimum during sampling period:                 %s Watts\n' "$watts"
if [ -n "$stamp" ]; then
  printf '    IPMI timestamp:                           %s\n' "$stamp"
  printf '    Sampling period:                          00000005 Seconds.\n'
fi
printf '    Power reading state is:                   activated\n\n'
