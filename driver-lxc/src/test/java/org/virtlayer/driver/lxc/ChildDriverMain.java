package org.virtlayer.driver.lxc;

import java.nio.file.Path;
import org.virtlayer.api.Connection;

/**
 * A JVM that runs the driver on a given state root, starts three containers (running, paused, transient), prints
 * READY and waits to be killed: the JVM {@link ReattachTest} kills with {@code kill -9}.
 */
public final class ChildDriverMain {
    private ChildDriverMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        LxcFixture f = new LxcFixture(root);
        Connection c = f.factory.open("lxc:///system");
        c.defineDomain(TestRootfs.domainXml("jvm-running", 32, "")).start();
        c.defineDomain(TestRootfs.domainXml("jvm-paused", 32, "")).start();
        c.lookupDomainByName("jvm-paused").suspend();
        c.createDomain(TestRootfs.domainXml("jvm-transient", 32, ""));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
