/**
 * Linux for the JVM: the system calls a hypervisor driver needs and Java cannot make ({@link Syscalls}), pidfds
 * ({@link PidFd}), a watcher that learns of a process's exit as it happens ({@link ProcessWatcher}), a launcher whose
 * children outlive the JVM ({@link ProcessLauncher}), listening UNIX sockets to hand to a child
 * ({@link UnixSockets}), {@code /proc/PID/stat} ({@link ProcStat}) and cgroups on v1, hybrid and v2 hosts
 * ({@link CgroupLayout}, {@link Cgroup}). For containers: a program started in new namespaces
 * ({@link NamespaceLauncher}), user namespace ID maps ({@link UserNamespaces}), pseudo-terminals ({@link Pty}),
 * pipes to talk to a child ({@link Pipe}) and veth pairs ({@link Veth}). For guests' NICs: tap devices
 * ({@link Tap}), work inside a named network namespace ({@link NetNamespaces}, {@link NetDevices}) and a socket that
 * hands a descriptor to a running QEMU ({@link DescriptorSocket}). Shared by the QEMU and LXC drivers.
 */
@Export
@Version("1.3.0")
package org.virtlayer.linux;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
