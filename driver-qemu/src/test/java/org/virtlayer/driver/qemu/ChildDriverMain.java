package org.virtlayer.driver.qemu;

import java.nio.file.Path;
import org.virtlayer.api.Connection;
import org.virtlayer.api.DomainStartFlag;

/**
 * A JVM that runs the driver on a given state root, starts three domains (running, paused, transient), prints READY
 * and waits to be killed: the JVM {@link ReattachTest} kills with {@code kill -9}.
 */
public final class ChildDriverMain {
    private ChildDriverMain() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        QemuFixture f = new QemuFixture(root);
        Connection c = f.factory.open("qemu:///system");
        c.defineDomain(TestGuest.domainXml("jvm-running", root.resolve("running.log"), "qemu", "")).start();
        c.defineDomain(TestGuest.domainXml("jvm-paused", root.resolve("paused.log"), "qemu", ""))
                .start(DomainStartFlag.PAUSED);
        c.createDomain(TestGuest.domainXml("jvm-transient", root.resolve("transient.log"), "qemu", ""));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
