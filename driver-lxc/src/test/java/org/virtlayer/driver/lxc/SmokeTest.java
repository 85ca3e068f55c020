package org.virtlayer.driver.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.virtlayer.api.Connection;
import org.virtlayer.api.Domain;

class SmokeTest {
    @Test
    void startAndDestroy() throws Exception {
        try (LxcFixture f = new LxcFixture(); Connection c = f.factory.open("lxc:///system")) {
            Domain d = c.defineDomain(TestRootfs.domainXml("smoke", 64, ""));
            for (int i = 0; i < 15; i++) {
                long a = System.nanoTime();
                d.start();
                long b = System.nanoTime();
                Path r = Path.of("/proc/" + f.initPid(d.uuid()) + "/root/tmp/ct-ready");
                while (!Files.exists(r)) {
                    Thread.onSpinWait();
                }
                long e = System.nanoTime();
                d.destroy();
                long g = System.nanoTime();
                System.out.printf("start %.1f ready %.1f destroy %.1f%n", (b - a) / 1e6, (e - a) / 1e6, (g - e) / 1e6);
            }
            long t0 = System.nanoTime();
            d.start();
            long t1 = System.nanoTime();
            int init = f.initPid(d.uuid());
            Path ready = Path.of("/proc/" + init + "/root/tmp/ct-ready");
            while (!Files.exists(ready)) {
                Thread.onSpinWait();
            }
            long t2 = System.nanoTime();
            System.out.println("start " + (t1 - t0) / 1e6 + " ms, ready " + (t2 - t0) / 1e6 + " ms");
            System.out.println(d.xml());
            TestRootfs.awaitLog(f.log("smoke"), "CT-READY", 1, t0, 5000);
            System.out.println(Files.readString(f.log("smoke")));
            long t3 = System.nanoTime();
            d.destroy();
            System.out.println("destroy " + (System.nanoTime() - t3) / 1e6 + " ms");
            assertThat(d.isActive()).isFalse();
        }
    }
}
