package org.virtlayer.driver.qemu.internal.qmp;

import java.nio.file.Path;
import java.util.Map;
import org.virtlayer.linux.DescriptorSocket;
import org.virtlayer.linux.LinuxException;
import org.virtlayer.spi.kit.Json;

/**
 * A QEMU's second QMP monitor, through which a running QEMU is handed descriptors (a tap device's, for a NIC plugged
 * in while it runs). QEMU takes a descriptor only as {@code SCM_RIGHTS} data on its monitor socket ({@code getfd}),
 * and the main monitor ({@link QmpMonitor}) is a Java channel, which cannot send one; this one is a
 * {@link DescriptorSocket}. A descriptor given with {@code getfd} belongs to the monitor that received it, so the
 * command that uses it ({@code netdev_add ... fd=NAME}) goes through here too. One short session per use: connect,
 * greeting, commands answered in order (events, which every monitor hears, skipped), close.
 */
public final class HandoverMonitor implements AutoCloseable {
    private final DescriptorSocket socket;
    private final String name;
    private final long timeoutMillis;
    private long ids;

    private HandoverMonitor(DescriptorSocket socket, String name, long timeoutMillis) {
        this.socket = socket;
        this.name = name;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Connects and enters command mode.
     *
     * @param name how errors name this QEMU, e.g. the domain's name
     * @throws QmpError when QEMU has no such monitor or does not answer
     */
    public static HandoverMonitor connect(Path socket, String name, long timeoutMillis) {
        DescriptorSocket s;
        try {
            s = DescriptorSocket.connect(socket);
        } catch (LinuxException e) {
            throw new QmpError(QmpError.CLOSED, "the descriptor monitor of " + name + " cannot be reached (a QEMU"
                    + " started by an earlier version of the driver has none): " + e.getMessage());
        }
        HandoverMonitor m = new HandoverMonitor(s, name, timeoutMillis);
        try {
            Map<String, Object> greeting = m.next();
            if (!greeting.containsKey("QMP")) {
                throw new QmpError("InternalError", "no QMP greeting from " + name + ": " + Json.write(greeting));
            }
            m.call("qmp_capabilities", null);
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** {@code getfd}: QEMU gets its own copy of {@code fd}, known to this monitor as {@code fdName}. */
    public void passDescriptor(String fdName, int fd) {
        command("getfd", Json.obj("fdname", fdName), fd);
    }

    /** A command and its answer. */
    public Object call(String command, Map<String, Object> arguments) {
        return command(command, arguments, -1);
    }

    private Object command(String command, Map<String, Object> arguments, int fd) {
        long id = ++ids;
        String line = Json.write(Json.obj("execute", command, "arguments", arguments, "id", id)) + "\n";
        try {
            socket.send(line, fd);
        } catch (LinuxException e) {
            throw new QmpError(QmpError.CLOSED, "cannot write to the descriptor monitor of " + name + ": "
                    + e.getMessage());
        }
        while (true) {
            Map<String, Object> msg = next();
            if (msg.containsKey("event") || Json.number(msg, "id", -1) != id) {
                continue;
            }
            if (msg.containsKey("error")) {
                Map<String, Object> err = Json.asObject(msg.get("error"));
                throw new QmpError(Json.string(err, "class"), Json.string(err, "desc"));
            }
            return msg.get("return");
        }
    }

    private Map<String, Object> next() {
        String text;
        try {
            text = socket.readLine(timeoutMillis);
        } catch (LinuxException e) {
            throw new QmpError(QmpError.TIMEOUT, "no answer from the descriptor monitor of " + name + " within "
                    + timeoutMillis + " ms");
        }
        if (text == null) {
            throw new QmpError(QmpError.CLOSED, "the descriptor monitor of " + name + " closed (QEMU exited?)");
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new QmpError("InternalError", "unparsable message from the descriptor monitor of " + name + ": "
                    + e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
