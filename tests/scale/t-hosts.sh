# scripts/parallel -S over two ssh "hosts": sshd on 127.0.0.1:2222 and
# :2223, each in a mount namespace of its own where a private tmpfs hides
# the test's work folder, so the hosts see records only through ssh, as
# other machines would.  The output equals one process's (exact and near);
# the stages ran on both hosts; deduping each shard alone would differ; a
# bad record fails the run and publishes nothing.  Each sshd started here
# is stopped by pid, however the test ends.
. "$SRC/tests/cli/lib.sh"
need="parallel ssh ssh-keygen unshare"
missing() {
	for c in $need; do command -v "$c" >/dev/null || return 0; done
	[ -x /usr/sbin/sshd ] || return 0
	return 1
}
if missing; then
	"$SRC/scripts/install-deps" scale >/dev/null 2>&1 || true
	missing && { echo "skip: sshd and GNU parallel cannot be installed here"; exit 0; }
fi
unshare -m true 2>/dev/null || { echo "skip: no mount namespaces here (unshare -m)"; exit 0; }
cd "$TMP" || exit 1
PATH=$bin:$PATH
export PATH

pids=
stop_hosts() {
	for p in $pids; do
		kill -TERM "$p" 2>/dev/null || continue
		t0=$SECONDS
		while kill -0 "$p" 2>/dev/null && [ $((SECONDS - t0)) -lt 10 ]; do sleep 0.1; done
		kill -KILL "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	pids=
}
trap stop_hosts EXIT

mkdir -p ssh work /run/sshd
chmod 700 ssh
ssh-keygen -q -t ed25519 -N '' -f ssh/host >/dev/null
ssh-keygen -q -t ed25519 -N '' -f ssh/id >/dev/null
cp ssh/id.pub ssh/authorized_keys
t0=$SECONDS
for port in 2222 2223; do
	cat >ssh/sshd-$port.conf <<EOF
ListenAddress 127.0.0.1:$port
HostKey $TMP/ssh/host
PidFile $TMP/ssh/sshd-$port.pid
AuthorizedKeysFile $TMP/ssh/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
UsePAM no
SetEnv PATH=$PATH
LogLevel VERBOSE
EOF
	# The namespace's own tmpfs over work/: what the test writes there
	# is not on this "host".
	unshare -m sh -c "mount -t tmpfs tmpfs '$TMP/work' && exec /usr/sbin/sshd -D -e -f '$TMP/ssh/sshd-$port.conf'" \
	    2>ssh/sshd-$port.log &
	pids="$pids $!"
done
cat >ssh/config <<EOF
Host 127.0.0.1
	User $(id -un)
	IdentityFile $TMP/ssh/id
	IdentitiesOnly yes
	StrictHostKeyChecking no
	UserKnownHostsFile /dev/null
	LogLevel ERROR
	BatchMode yes
EOF
PARALLEL_SSH="ssh -F $TMP/ssh/config"
export PARALLEL_SSH
for port in 2222 2223; do
	until ssh -F ssh/config -p $port 127.0.0.1 true 2>/dev/null; do
		[ $((SECONDS - t0)) -lt 30 ] || { echo "sshd on $port did not start:"; cat ssh/sshd-$port.log; exit 1; }
		sleep 0.2
	done
done
echo "hosts up in $((SECONDS - t0))s"
# The hosts really lack the work folder's files.
cd work || exit 1
echo here >only-here
ssh -F ../ssh/config -p 2222 127.0.0.1 "test ! -e '$TMP/work/only-here'" ||
    fail "the host sees the work folder: a weak test"

cat "$SRC"/data/sample/*.txt | grep -v '^[[:space:]]*$' >pool.txt
awk -v n=2000 'BEGIN { srand(13) }
	{ pool[NR] = $0 }
	END {
		for (r = 1; r <= n; r++) {
			k = 1 + int(rand() * 6); t = ""
			for (j = 0; j < k; j++) {
				line = pool[1 + int(rand() * NR)]
				if (rand() < 0.3) sub(/[0-9]/, "7", line)
				gsub(/\\/, "\\\\", line); gsub(/"/, "\\\"", line); gsub(/\t/, " ", line)
				t = t (j ? "\\n" : "") line
			}
			printf "{\"id\":%d,\"text\":\"%s\"}\n", r, t
		}
	}' pool.txt >in.jsonl

hosts=2/127.0.0.1:2222,2/127.0.0.1:2223
# Each block's stage notes which host ran it (outside work/, so it is
# written where every host can).
stage="winnow-norm | winnow-strip | { echo \"\$SSH_CONNECTION\" >>$TMP/ran-on; cat; }"
for mode in exact near; do
	opts=
	[ $mode = near ] && opts='--near 0.8'
	winnow-dedupe $opts --state empty-$mode.wds </dev/null
	cp empty-$mode.wds one.wds
	cp empty-$mode.wds many.wds
	winnow-norm <in.jsonl | winnow-strip | winnow-dedupe $opts --state one.wds |
	    winnow-norm --nfkc >one-$mode.jsonl
	rm -f "$TMP/ran-on"
	t=$SECONDS
	"$SRC/scripts/parallel" -j 3 -S "$hosts" --block 150k --before "$stage" \
	    --dedupe "$opts" --state many.wds --after 'winnow-norm --nfkc' \
	    -o many-$mode.jsonl in.jsonl 2>err
	expect_eq "$mode: exit" 0 $?
	echo "$mode: in $((SECONDS - t))s"
	expect_file_eq "$mode: output over two hosts equals one process's" one-$mode.jsonl many-$mode.jsonl
	for port in 2222 2223; do
		grep -q " $port\$" "$TMP/ran-on" 2>/dev/null || fail "$mode: no block ran on the host at $port"
	done
	# The comparison can fail: each shard deduped alone keeps more.
	split -n l/3 -d in.jsonl part.
	for p in part.*; do
		cp empty-$mode.wds alone.wds
		winnow-norm <"$p" | winnow-strip | winnow-dedupe $opts --state alone.wds |
		    winnow-norm --nfkc
	done >alone.jsonl
	cmp -s one-$mode.jsonl alone.jsonl && fail "$mode: shards share no duplicates: a weak test"
	rm -f part.*
done

# A bad record on a host: its status, nothing published.
{ head -1000 in.jsonl; echo 'not json'; tail -n +1001 in.jsonl; } >bad.jsonl
"$SRC/scripts/parallel" -j 3 -S "$hosts" --block 150k --before 'winnow-norm' \
    -o bad.out bad.jsonl 2>err
expect_eq "bad record: exit" 65 $?
[ -e bad.out ] && fail "bad record: output published"
done_tests
