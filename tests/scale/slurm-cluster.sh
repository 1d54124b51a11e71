# A Slurm cluster inside one test, sourced by t-slurm.sh: munged, slurmctld
# and two slurmd "nodes" (n1, n2 on 127.0.0.1), without systemd or cgroups
# (proctrack/linuxproc, task/none), every file under $1.  cluster_up starts
# them and waits until both nodes are idle; cluster_down stops each daemon
# it started, by pid (call it from an EXIT trap: it runs however the test
# ends).  Sets SLURM_CONF for sbatch, squeue and the rest.
#
# munged wants its socket's folder and every folder above it
# world-executable, so $1 and its parents are made so (a mktemp folder is
# 700).  Ports 16817-16819 keep clear of a real cluster's 6817-6819.

cluster_pids=

cluster_up() {
	local dir=$1 d t0 host
	host=$(hostname)
	d=$dir
	while [ "$d" != / ] && [ -n "$d" ]; do
		chmod o+x "$d" 2>/dev/null || true
		d=$(dirname "$d")
	done
	mkdir -p "$dir/munge" "$dir/key" "$dir/ctld" "$dir/spool"
	chmod 755 "$dir" "$dir/munge"
	chmod 700 "$dir/key"
	mungekey --create --keyfile="$dir/key/munge.key" >/dev/null 2>&1 ||
	    { dd if=/dev/urandom of="$dir/key/munge.key" bs=128 count=1 2>/dev/null &&
	      chmod 400 "$dir/key/munge.key"; }
	munged -F --force --key-file="$dir/key/munge.key" --socket="$dir/munge/sock" \
	    --pid-file="$dir/munge/pid" --log-file="$dir/munge/log" \
	    --seed-file="$dir/munge/seed" >"$dir/munge/stdout" 2>&1 &
	cluster_pids="$cluster_pids $!"
	t0=$SECONDS
	until munge -n -S "$dir/munge/sock" 2>/dev/null | unmunge -S "$dir/munge/sock" >/dev/null 2>&1; do
		[ $((SECONDS - t0)) -lt 20 ] || { echo "munged did not start:"; cat "$dir/munge/log"; return 1; }
		sleep 0.2
	done
	cat >"$dir/slurm.conf" <<EOF
ClusterName=winnowtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/sock
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/ctld/slurmctld.pid
SlurmdPidFile=$dir/spool/slurmd-%n.pid
SlurmctldLogFile=$dir/ctld/slurmctld.log
SlurmdLogFile=$dir/spool/slurmd-%n.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerParameters=batch_sched_delay=0,sched_interval=2,sched_min_interval=0
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=n1 NodeHostname=$host NodeAddr=127.0.0.1 Port=16818 CPUs=1 State=UNKNOWN
NodeName=n2 NodeHostname=$host NodeAddr=127.0.0.1 Port=16819 CPUs=1 State=UNKNOWN
PartitionName=test Nodes=n1,n2 Default=YES MaxTime=INFINITE State=UP
EOF
	export SLURM_CONF=$dir/slurm.conf
	slurmctld -D -i -f "$SLURM_CONF" >"$dir/ctld/stdout" 2>&1 &
	cluster_pids="$cluster_pids $!"
	for n in n1 n2; do
		mkdir -p "$dir/spool/$n"
		slurmd -D -N "$n" -f "$SLURM_CONF" >"$dir/spool/$n.stdout" 2>&1 &
		cluster_pids="$cluster_pids $!"
	done
	t0=$SECONDS
	until [ "$(sinfo -h -N -o %T 2>/dev/null | grep -c '^idle')" = 2 ]; do
		if [ $((SECONDS - t0)) -ge 60 ]; then
			echo "the cluster did not come up:"
			sinfo -N 2>&1
			tail -5 "$dir/ctld/slurmctld.log" "$dir"/spool/slurmd-*.log 2>&1
			return 1
		fi
		sleep 0.2
	done
	cluster_started=$((SECONDS - t0))
}

cluster_down() {
	local p t0
	[ -n "${SLURM_CONF:-}" ] && scancel --user="$(id -un)" 2>/dev/null
	# slurmd first (their jobs' steps end with them), then slurmctld, munged.
	for p in $(echo $cluster_pids | awk '{ for (i = NF; i > 0; i--) print $i }'); do
		kill -TERM "$p" 2>/dev/null || continue
		t0=$SECONDS
		while kill -0 "$p" 2>/dev/null && [ $((SECONDS - t0)) -lt 10 ]; do sleep 0.1; done
		kill -KILL "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	cluster_pids=
}
