#!/usr/bin/env bash
# Packs the device's kernel cache ($UMFA_CACHE_DIR, as check_env.sh sets it) into
# $OUT/umfa-cache.tgz for the next call: the most recently written entries, as many as fit the
# 15 MB a file may have to come back. Here, copy it to .devcache/umfa-cache.tgz and carry
# .devcache (check_env.sh unpacks it). Stale entries are harmless: the cache is keyed by source,
# options, NVRTC version and arch.
set -u
dir=${UMFA_CACHE_DIR:-/tmp/umfa-cache}
[ -d "$dir" ] || exit 0
list=$(mktemp)
(cd "$dir" && ls -t) > "$list"
n=$(wc -l < "$list")
while [ "$n" -gt 0 ]; do
  head -n "$n" "$list" | tar czf "$OUT/umfa-cache.tgz" -C "$dir" -T -
  [ "$(stat -c %s "$OUT/umfa-cache.tgz")" -le 15000000 ] && break
  n=$((n * 3 / 4))
done
[ "$n" -gt 0 ] || rm -f "$OUT/umfa-cache.tgz"
echo "kernel cache: $n of $(wc -l < "$list") entries saved"
rm -f "$list"
