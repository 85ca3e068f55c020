package org.virtlayer.driver.lxc.internal.launch;

import static org.virtlayer.driver.lxc.internal.launch.ShellWords.quote;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The program the container's first process runs before it becomes the container's init: a busybox shell script,
 * because only a process inside the new PID and mount namespaces can mount their {@code /proc} and switch their root,
 * and the JVM cannot fork one. Every step is either a shell builtin or a busybox applet (no search of the host's
 * folders, and only {@code mount} needs an exec of its own). Descriptors: 3 reads the driver's "go"s, 4 reports to
 * the driver, 5 is the console's terminal.
 * <ol>
 * <li>report {@code pid HOSTPID} (read from the host's {@code /proc}, still mounted) and wait for the first
 * {@code go}: meanwhile the driver writes the user namespace's ID maps and creates the network interfaces' inner ends
 * in its namespace;</li>
 * <li>mount what {@link ContainerMounts} lists, set the host name, configure the interfaces; {@code pivot_root . .}
 * then a lazy unmount of the old root stacked on top: the host's file systems are gone from the container, and no
 * folder is needed in its root for them; check that init is there;</li>
 * <li>report {@code ready} (or {@code error: WHY} at any failed step) and wait for the second {@code go}: the driver
 * sends it once this process is in the container's cgroup, whose limits were set before anything started. Moving a
 * process between cgroups may wait for an RCU grace period (milliseconds); the driver starts the move while this
 * script mounts, so the wait overlaps the work instead of adding to it;</li>
 * <li>make the terminal the standard descriptors and exec init with exactly its environment ({@code env -i}).</li>
 * </ol>
 */
public final class SetupScript {
    private SetupScript() {
    }

    /**
     * The script; {@code rootTable} and {@code deviceTable} are the files holding {@link ContainerMounts}' tables.
     * In a user namespace the shell that waited execs a fresh one for the rest: busybox remembers the user it
     * started as (no user at all, before the ID maps existed) and would make its forked applets that user.
     */
    public static String text(ContainerPlan plan, ContainerMounts mounts, Path rootTable, Path deviceTable,
            Path skeleton, boolean console, Path busybox) {
        String handshake = "read -r p _ </proc/self/stat && echo \"pid $p\" >&4 && read -r go <&3"
                + " && [ \"$go\" = go ] || exit 1\n";
        String body = body(plan, mounts, rootTable, deviceTable, skeleton, console);
        if (plan.userNamespace()) {
            return handshake + "exec " + quote(busybox.toString()) + " sh -c " + quote(body) + " lxc-setup\n";
        }
        return handshake + body;
    }

    private static String body(ContainerPlan plan, ContainerMounts mounts, Path rootTable, Path deviceTable,
            Path skeleton, boolean console) {
        StringBuilder s = new StringBuilder();
        s.append("fail() { echo \"error: $*\" >&4; echo \"virtlayer: cannot start container ").append(
                quoteInDouble(plan.name())).append(": $*\" >&2; exit 1; }\n");
        s.append("mount -a -T ").append(quote(rootTable.toString()))
                .append(" || fail 'cannot mount the root file system, /proc, /sys or /dev'\n");
        s.append("cp -Rd ").append(quote(skeleton + "/.")).append(' ').append(quote(mounts.staging() + "/dev/"))
                .append(" || fail 'cannot populate /dev'\n");
        List<String> points = mounts.mountPoints();
        if (!points.isEmpty()) {
            s.append("mkdir -p");
            for (String p : points) {
                s.append(' ').append(quote(p));
            }
            s.append(" || fail 'cannot create the mount points of the file systems'\n");
        }
        s.append("mount -a -T ").append(quote(deviceTable.toString()))
                .append(" || fail 'cannot mount the devices or the file systems'\n");
        for (String ro : mounts.readOnly()) {
            s.append("mount -o remount,bind,ro ").append(quote(ro)).append(" || fail ")
                    .append(quote("cannot make " + ro + " read-only")).append('\n');
        }
        if (!plan.hostname().isEmpty()) {
            s.append("hostname ").append(quote(plan.hostname())).append(" || fail 'cannot set the host name'\n");
        }
        s.append("ip link set dev lo up || fail 'cannot bring up lo'\n");
        for (ContainerPlan.Nic n : plan.nics()) {
            String dev = quote(n.guestName());
            StringBuilder cmd = new StringBuilder("ip link set dev " + dev + " up");
            for (ContainerPlan.Address a : n.addresses()) {
                cmd.append(" && ip addr add ").append(quote(a.address() + "/" + a.prefix()));
                if (a.peer() != null) {
                    cmd.append(" peer ").append(quote(a.peer()));
                }
                cmd.append(" dev ").append(dev);
            }
            for (ContainerPlan.Route r : n.routes()) {
                cmd.append(" && ip ").append(r.ipv6() ? "-6 " : "").append("route add ")
                        .append(r.prefix() == 0 ? "default" : quote(r.address() + "/" + r.prefix()));
                if (r.gateway() != null) {
                    cmd.append(" via ").append(quote(r.gateway()));
                }
                cmd.append(" dev ").append(dev);
            }
            s.append(cmd).append(" || fail ").append(quote("cannot configure " + n.guestName())).append('\n');
        }
        s.append("cd ").append(quote(mounts.staging().toString()))
                .append(" && pivot_root . . && umount -l . && cd / || fail 'cannot switch to the container root'\n");
        s.append("cd ").append(quote(plan.initDir())).append(" || fail ")
                .append(quote("cannot enter " + plan.initDir())).append('\n');
        String init = plan.initArgv().get(0);
        s.append("[ -f ").append(quote(init)).append(" ] && [ -x ").append(quote(init)).append(" ] || fail ")
                .append(quote("cannot find init path '" + init + "' relative to container root")).append('\n');
        s.append("echo ready >&4 && read -r go <&3 && [ \"$go\" = go ] || exit 1\n");
        s.append(console ? "exec 0<&5 1>&5 2>&5 3<&- 4>&- 5>&-\n" : "exec 3<&- 4>&-\n");
        s.append("exec env -i");
        for (Map.Entry<String, String> e : plan.initEnv().entrySet()) {
            s.append(' ').append(quote(e.getKey() + "=" + e.getValue()));
        }
        for (String a : plan.initArgv()) {
            s.append(' ').append(quote(a));
        }
        s.append('\n');
        return s.toString();
    }

    /** Text inside a double-quoted shell string: no expansion of {@code $}, backquotes or escapes. */
    private static String quoteInDouble(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`");
    }
}
