package org.virtlayer.shell.internal.domain;

import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;
import org.virtlayer.api.ModificationImpact;
import org.virtlayer.shell.internal.Attempt;
import org.virtlayer.shell.internal.CommandFailure;
import org.virtlayer.shell.internal.XmlFiles;
import org.virtlayer.shell.internal.format.ScaledInteger;

/** Changes to a domain's memory, vCPUs and devices: {@code setmem}, {@code setvcpus}, {@code attach-device}, ... */
public final class DomainSettings {
    private final Connection conn;

    public DomainSettings(Connection conn) {
        this.conn = conn;
    }

    /** virsh prints nothing when it worked. The size is in KiB unless it carries a unit. */
    public String setmem(String name, String size, Impact impact) {
        long kib = ScaledInteger.parse(size, "memory size", 1024, 1024);
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to set memory of domain '" + d.name() + "' to " + kib + " KiB",
                () -> d.setMemory(kib, impact(d, impact)));
        return "";
    }

    public String setvcpus(String name, String count, Impact impact) {
        int n;
        try {
            n = Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n <= 0) {
            throw new CommandFailure("Numeric value '" + count + "' for <count> option is malformed or out of range");
        }
        int vcpus = n;
        Domain d = DomainResolver.resolve(conn, name);
        Attempt.run("Failed to set vCPUs of domain '" + d.name() + "' to " + vcpus, () -> d.setVcpus(vcpus, impact(d, impact)));
        return "";
    }

    public String attachDevice(String name, XmlFiles files, String file, Impact impact) {
        Domain d = DomainResolver.resolve(conn, name);
        String xml = files.read(file);
        Attempt.run("Failed to attach device from " + file, () -> d.attachDevice(xml, impact(d, impact)));
        return "Device attached successfully";
    }

    public String detachDevice(String name, XmlFiles files, String file, Impact impact) {
        Domain d = DomainResolver.resolve(conn, name);
        String xml = files.read(file);
        Attempt.run("Failed to detach device from " + file, () -> d.detachDevice(xml, impact(d, impact)));
        return "Device detached successfully";
    }

    private static ModificationImpact[] impact(Domain d, Impact impact) {
        return impact.resolve(d::isActive);
    }
}
