package org.virtlayer.spi;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;
import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * libvirt's MAC address rules, for every driver and backend to apply the same way:
 * <ul>
 * <li>a guest NIC or a virtual network without an address gets {@link #LIBVIRT_PREFIX} followed by three random
 * bytes (libvirt's {@code virMacAddrGenerate} with the QEMU/KVM prefix, which its LXC driver uses too);</li>
 * <li>the host side of a guest NIC (a tap device, the host end of a veth pair) gets the guest's address with its
 * first byte set to {@code 0xFE} ({@code 0xFA} if the guest's already starts with {@code 0xFE}), see
 * {@link #hostSideOf(String)}.</li>
 * </ul>
 */
public final class MacAddresses {
    /** The prefix libvirt's QEMU driver gives the addresses it generates: locally administered, unicast. */
    public static final String LIBVIRT_PREFIX = "52:54:00";

    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private MacAddresses() {
    }

    /** A new address {@code 52:54:00:xx:xx:xx}. */
    public static String generate() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return String.format("%s:%02x:%02x:%02x", LIBVIRT_PREFIX, b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
    }

    /**
     * The address for the host side of a guest NIC. A Linux bridge takes the lowest address of its ports as its own
     * unless it was given one, and the kernel complains about packets arriving "with own address as source" if the
     * host side and the guest share an address: a first byte of {@code 0xFE} avoids both.
     */
    public static String hostSideOf(String guestMac) {
        String mac = normalize(guestMac);
        return (mac.startsWith("fe:") ? "fa" : "fe") + mac.substring(2);
    }

    /**
     * The address in libvirt's form (lower case, colons).
     *
     * @throws VirtException INVALID_MAC for anything that is not six colon-separated hexadecimal bytes, or a
     *     multicast address (lowest bit of the first byte set), which no NIC may have
     */
    public static String normalize(String mac) {
        if (mac == null || !MAC.matcher(mac).matches()) {
            throw new VirtException(ErrorCode.INVALID_MAC, "invalid MAC address: '" + mac + "'");
        }
        String m = mac.toLowerCase(Locale.ROOT);
        if ((Integer.parseInt(m.substring(0, 2), 16) & 1) != 0) {
            throw new VirtException(ErrorCode.INVALID_MAC, "expected unicast mac address, found multicast '" + m
                    + "'");
        }
        return m;
    }
}
