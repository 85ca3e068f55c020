package org.virtlayer.linux;

import com.sun.jna.Memory;
import java.nio.charset.StandardCharsets;

/**
 * A tap device for a virtual machine's NIC, made as libvirt makes it: the driver opens {@code /dev/net/tun} itself
 * ({@code TUNSETIFF} with {@code IFF_TAP | IFF_NO_PI | IFF_VNET_HDR}) in the network namespace where its bridge is,
 * and hands the descriptor to QEMU ({@code -netdev tap,fd=N}), which then needs no privilege and no view of that
 * namespace. Without a name the kernel picks a free {@code vnetN} in that namespace, so two starts never race for a
 * name. The device is not persistent: it exists while a descriptor on it is open, and goes when QEMU exits or drops
 * the NIC and this object is closed.
 */
public final class Tap implements AutoCloseable {
    /** What the kernel numbers when no name is given. */
    public static final String NAME_TEMPLATE = "vnet%d";

    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TAP = 0x0002;
    private static final short IFF_NO_PI = 0x1000;
    private static final short IFF_VNET_HDR = 0x4000;
    private static final int IFREQ_SIZE = 40;
    private static final int IFNAMSIZ = 16;

    private final String name;
    private final String namespace;
    private volatile int fd;

    private Tap(String name, String namespace, int fd) {
        this.name = name;
        this.namespace = namespace;
        this.fd = fd;
    }

    /**
     * Creates a tap.
     *
     * @param namespace the {@code ip netns} name to create it in, or null for the JVM's own
     * @param name its name, or null for the next free {@code vnetN}
     * @throws LinuxException if it cannot be made (a device of that name that is not a free tap, no tun driver)
     */
    public static Tap create(String namespace, String name) {
        String wanted = name == null ? NAME_TEMPLATE : IpBatch.name(name);
        return NetNamespaces.call(namespace, () -> {
            int fd = Syscalls.open("/dev/net/tun", Syscalls.O_RDWR, 0);
            try {
                Memory ifr = Syscalls.buffer(IFREQ_SIZE);
                byte[] n = wanted.getBytes(StandardCharsets.US_ASCII);
                ifr.write(0, n, 0, n.length);
                ifr.setShort(IFNAMSIZ, (short) (IFF_TAP | IFF_NO_PI | IFF_VNET_HDR));
                Syscalls.check(Syscalls.libc().ioctl(fd, TUNSETIFF, ifr), "ioctl(TUNSETIFF, " + wanted + ")");
                return new Tap(ifr.getString(0, StandardCharsets.US_ASCII.name()), namespace, fd);
            } catch (RuntimeException e) {
                Syscalls.close(fd);
                throw e;
            }
        });
    }

    public String name() {
        return name;
    }

    /** The namespace it lives in, or null for the JVM's own. */
    public String namespace() {
        return namespace;
    }

    /** The descriptor to hand to QEMU; still this object's to close. */
    public int fd() {
        return fd;
    }

    /**
     * Gives the tap its MAC address and MTU, makes it a port of {@code bridge} and brings it up, in one {@code ip}
     * run in its namespace.
     *
     * @param mac the host side's address (see {@code MacAddresses.hostSideOf}), or null for the kernel's
     * @param mtu the MTU, or 0 for the kernel's (a bridge port takes the bridge's)
     * @param bridge the bridge, or null for a tap of its own ({@code <interface type='ethernet'>})
     */
    public void plug(String mac, int mtu, String bridge) {
        StringBuilder line = new StringBuilder("link set dev ").append(IpBatch.name(name));
        if (mac != null) {
            line.append(" address ").append(IpBatch.address(mac));
        }
        if (mtu > 0) {
            line.append(" mtu ").append(mtu);
        }
        if (bridge != null) {
            line.append(" master ").append(IpBatch.name(bridge));
        }
        line.append(" up\n");
        IpBatch.run(namespace, line.toString());
    }

    /** Closes this process's descriptor: once QEMU has closed its own too, the device is gone. */
    @Override
    public void close() {
        int f = fd;
        fd = -1;
        Syscalls.close(f);
    }
}
